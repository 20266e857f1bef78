#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Dialect.h"
#include "core/db/SqlRows.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class LockWaits;
class PostgresPrepared;
class PostgresRows;
class RowView;
struct pg_conn;
struct sqlite3;
struct sqlite3_stmt;

using Bindings = QList<std::pair<QString, QVariant>>;
using BoundStatement = std::pair<QString, Bindings>;

// One connection to the ledger's database, SQLite or PostgreSQL, set up the way the ledger
// needs it (WAL and foreign keys; UTC session time zone). A connection belongs to the thread
// that opened it: a worker thread opens its own with reopen().
class Database final
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    // How far a connection may change what it opens. ReadOnly never changes the database, not
    // even an SQLite file's journal mode (PostgreSQL: every transaction read-only). ReadWrite opens
    // only what exists. Create also makes a new SQLite file: only for a ledger being created.
    enum class OpenMode { ReadOnly, ReadWrite, Create };

    static Result<std::unique_ptr<Database>> open(const ConnectionSpec &spec, const QString &operatorName = {},
                                                  OpenMode mode = OpenMode::Create);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The operating-system login name, the default operator.
    static QString loginName();
    // The Qt SQL drivers installed ("QSQLITE", "QPSQL", ...).
    static QStringList availableDrivers();

    // A new connection to the same database, with the same operator.
    Result<std::unique_ptr<Database>> reopen() const;

    const ConnectionSpec &spec() const { return m_spec; }
    const Dialect &dialect() const { return m_dialect; }
    OpenMode mode() const { return m_mode; }
    // Whether this connection refuses changes: opened ReadOnly, or the file, its folder or the
    // server accept no writes (readOnlyReason() then says why, in words, in every mode).
    bool isReadOnly() const { return m_mode == OpenMode::ReadOnly || !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    // The version of XP Admin's own tables, when older than this XP Admin's and read as it is
    // (Schema::requireReady notes it): a statement on a table or column they lack then says how
    // to bring them up to date. 0: current, or not known.
    void noteOlderSchema(int version) { m_olderSchema = version; }
    // A ReadOnly error naming the ledger and why, when this connection may not change it.
    Status requireWritable() const;
    // SQLite: puts a ledger's file in write-ahead-log mode, so that readers never wait for the
    // writer. A setting of the file: only on a connection that may write, and only once XP
    // Admin's tables are there (on opening, and after Schema::ensure created them).
    Status useWriteAheadLog();
    // Who the database says is acting: the login role (PostgreSQL) or the operating-system user.
    QString actor() const { return m_actor; }
    // The person named at start (--actor, or the login name).
    QString operatorName() const { return m_operator; }
    // PostgreSQL: the XP Admin group role the login acts in (xpadmin_support), else the login.
    QString role() const { return m_role; }
    QString serverVersion() const { return m_serverVersion; }
    // PostgreSQL: the server this connection reached ("127.0.0.1:5433"); with several hosts a
    // failover moves it to another one. Empty on SQLite.
    QString serverAddress() const { return m_serverAddress; }
    // How long a lost connection is waited for before an operation gives up: a server restarting,
    // or a standby being promoted. Unless set: a while with several hosts, else one attempt.
    void setReconnectWait(int milliseconds) { m_reconnectWaitMs = milliseconds; }
    int reconnectWait() const;

    // Runs a statement prepared once per connection, with values bound by name.
    Result<SqlRows> run(const QString &sql, const Bindings &bindings = {});
    // Runs a statement as run() does and hands visit each row as the driver holds it (RowView), with
    // no QVariant or QString a value: for reading many rows. SQLite: a statement of SQLite's own on
    // this connection, prepared once; PostgreSQL: the rows come whole, so bound them (LIMIT).
    Status scan(const QString &sql, const Bindings &bindings, const std::function<void(const RowView &)> &visit);
    // Runs statements one after another, like run() each, and returns the last one's rows.
    // PostgreSQL sends them in one round trip (a pipeline, each statement running as if sent
    // alone, with its own snapshot); SQLite runs them in turn. For the first steps of a small
    // write: take locks, then read what they guard.
    Result<SqlRows> runTogether(const QList<BoundStatement> &statements);
    // Runs a statement whose rows nobody reads as the last one of the running transaction.
    // PostgreSQL sends it with COMMIT, in one round trip (or first, should another statement
    // follow); its failure fails the transaction there. SQLite, or outside a transaction: now.
    Status runWithCommit(const QString &sql, const Bindings &bindings);
    // Runs unprepared SQL without parameters: DDL and transaction control only.
    Status execute(const QString &sql);
    // Runs a prepared statement with "?" placeholders and no result rows (bulk writes).
    Status runPositional(const QString &sql, const QVariantList &values);

    // SQLite's own connection handle (null on PostgreSQL), for SqliteStatement.
    sqlite3 *sqliteHandle() const;
    // PostgreSQL's own connection handle (null on SQLite), for PostgresCopy. In a transaction,
    // what it has not sent yet (its BEGIN, a statement left for COMMIT) is sent first.
    pg_conn *postgresHandle();
    // Whether a statement's rows are still being read (a SqlRows not yet gone).
    bool hasOpenStatement() const;
    // Marks the running transaction failed after an error outside run() (SqliteStatement,
    // PostgresCopy); the cause, when given, decides whether the transaction is tried again.
    void markFailed(const QSqlError &cause = {})
    {
        m_failed = true;
        if (cause.isValid())
            m_lastError = cause;
    }

    // Runs body in one write transaction that holds the write lock from its start and commits
    // at the end, or rolls back when body fails. Lock contention and serialization failures are
    // retried; the body must therefore only change the database.
    Status writeTransaction(const std::function<Status()> &body);
    // Runs body in one read-only transaction, so that every statement sees one snapshot.
    Status readTransaction(const std::function<Status()> &body);
    bool inTransaction() const { return m_inTransaction; }

    // How long each operation waits for locks that others hold (20 s unless set), what cancels
    // the wait, and who is told what it waits for: see LockWaits.
    LockWaits &waits() { return *m_waits; }

    // How a PostgreSQL transaction ended, asked of the server by its id (txid_status): after a
    // connection lost while committing, this tells whether the change is there.
    enum class Outcome { Committed, Aborted, InProgress, Unknown };
    Result<Outcome> outcomeOf(qint64 transactionId);
    // A query that finds a row once the running write transaction has committed (AuditLog: the
    // newest event it appended). After a crash the server may give the lost transaction's id to
    // another one, so when the connection is lost while committing, this row is the proof.
    void setCommitWitness(const QString &sql, const Bindings &bindings);
    // The running write transaction's id, when a statement of its body returned it
    // (txid_current()): then it is not asked for again before COMMIT.
    void setTransactionId(qint64 id) { m_transactionId = id; }
    // After the connection moved to another server: what XP Admin last committed on the old one
    // is not there (asynchronous replication had not sent it before the old server died). Says
    // so once, then empty.
    QString takeLostCommitNotice() { return std::exchange(m_lostCommitNotice, {}); }

    // The error of a failed statement, in words, with the driver's text.
    Error sqlError(const QSqlError &error, const QString &what) const;

private:
    Database(ConnectionSpec spec, QString operatorName, OpenMode mode);
    Status connect();
    Status openSqlite();
    Status configureSession();
    Status transaction(const QString &begin, bool write, const std::function<Status()> &body);
    // After the connection was lost during COMMIT: reconnects (waiting a while for a restarting
    // server) and asks how the transaction ended; Unknown with the reason when it cannot tell.
    std::pair<Outcome, QString> settleLostCommit(std::optional<qint64> transactionId);
    std::pair<Outcome, QString> askWitness();
    // The running transaction committed: its witness proves later that it is still there.
    void rememberCommit();
    // On another server than the last commit's: whether that commit is there too.
    void checkLastCommit();
    // txid_status's answer, for a transaction that wrote no witness.
    std::pair<Outcome, QString> statusOf(qint64 transactionId);
    void finishStatements();
    // PostgreSQL with libpq: a transaction's opening (BEGIN and its settings) is not sent on its
    // own but with the transaction's first statements, and the statements left for COMMIT with
    // it (runWithCommit): each SQL with $n and its values.
    using PostgresText = std::pair<QByteArray, QVariantList>;
    std::vector<PostgresText> openingStatements(const QString &begin, bool write, int lockTimeoutMs) const;
    // What the running transaction has not sent yet, in order, to be sent now.
    std::vector<PostgresText> takeUnsent();
    // Sends it, before any other statement.
    Status sendUnsent();
    bool hasUnsent() const { return !m_unsentOpening.empty() || !m_unsentLast.empty(); }
    // Forgets it: the transaction ended without it, or the connection went.
    void dropUnsent()
    {
        m_unsentOpening.clear();
        m_unsentLast.clear();
    }
    // Sends statements in one pipeline (PostgresStatement::runAll) and returns the last one's rows.
    Result<SqlRows> runPipeline(const std::vector<PostgresText> &statements);
    // Commits the running transaction, with what it left for COMMIT.
    Status commit();
    Result<QSqlQuery *> prepared(const QString &sql);
    // The statement's text for libpq ($n placeholders) and its bound values in their order.
    std::pair<QByteArray, QVariantList> postgresStatement(const QString &sql, const Bindings &bindings);
    // PostgreSQL with libpq: where statements run (null on SQLite), after any rows still being
    // read were read into memory, so that the connection is free.
    pg_conn *statementConnection();
    // Runs a statement through libpq: see PostgresStatement. whole: its rows come in one result
    // (else they stream in a transaction).
    Result<SqlRows> runPostgres(const QByteArray &sql, const QVariantList &values, const QString &what);
    Result<std::shared_ptr<PostgresRows>> sendPostgres(const QByteArray &sql, const QVariantList &values,
                                                       const QString &what, bool whole);
    Status scanSqlite(const QString &sql, const Bindings &bindings, const std::function<void(const RowView &)> &visit);
    // Frees scan()'s SQLite statements (before the connection closes).
    void finalizeScans();
    // Sets up a newly opened PostgreSQL connection for libpq's statements.
    void attachPostgres();
    Status reconnect();
    // Whether a connection is there: libpq's on PostgreSQL, Qt's on SQLite.
    bool isOpen() const;
    // Closes the connection and forgets its statements (a server found unfit after reconnecting).
    void closeConnection();
    // Reconnects, trying again until a server that accepts what this connection did before
    // answers (writes, unless opened ReadOnly), for patienceMs at most; cancellable (LockWaits).
    Status reconnectWaiting(qint64 patienceMs);
    // Reads which server the connection reached, and since when it runs (PostgreSQL).
    Status identifyServer();
    // Reconnects a connection left closed by a failed reconnect, outside a transaction.
    Status reopenIfClosed();

    ConnectionSpec m_spec;
    Dialect m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_actor;
    QString m_operator;
    QString m_role;
    QString m_serverVersion;
    QString m_serverAddress;
    QString m_serverStarted; // a restart, or another server, changes it
    int m_reconnectWaitMs = -1; // -1: by the host list
    OpenMode m_mode;
    QString m_readOnlyReason; // why nothing could be written here, whatever the mode
    bool m_queryOnly = false; // SQLite: opened read-write, but refusing every change
    int m_olderSchema = 0;
    bool m_inTransaction = false;
    bool m_failed = false; // the running transaction has a failed statement
    bool m_begun = false; // the running transaction's opening reached the server
    std::vector<PostgresText> m_unsentOpening; // of the running transaction, not sent yet
    std::vector<PostgresText> m_unsentLast; // left for COMMIT
    QSqlError m_lastError;
    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::map<QString, sqlite3_stmt *> m_scans; // scan()'s, SQLite
    pg_conn *m_postgres = nullptr; // PostgreSQL's connection, when statements run through libpq
    std::unique_ptr<PostgresPrepared> m_prepared; // the statements m_postgres keeps prepared
    std::map<QString, std::pair<QByteArray, QStringList>> m_postgresText; // SQL with $n, names
    std::weak_ptr<PostgresRows> m_streaming; // rows still arriving on m_postgres
    std::optional<std::pair<QString, Bindings>> m_commitWitness; // of the running write transaction
    std::optional<qint64> m_transactionId; // of the running write transaction, when its body read it
    std::optional<std::pair<QString, Bindings>> m_lastCommit; // the witness of the last commit
    QString m_lastCommitServer; // where it committed
    QString m_lostCommitNotice;
    std::unique_ptr<LockWaits> m_waits;
};
