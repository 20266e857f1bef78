#include "core/db/Database.h"

#include "core/db/ConnectionProblem.h"
#include "core/db/DiskFull.h"
#include "core/db/LockWaits.h"
#include "core/db/PostgresConnection.h"
#include "core/db/PostgresPrepared.h"
#include "core/db/Schema.h"
#include "core/db/SchemaShadow.h"
#include "core/db/SqliteFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <atomic>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace {

QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("xpadmin-%1").arg(counter.fetch_add(1));
}

// How often a write transaction is tried on contention, within its wait limit.
constexpr int MaxAttempts = 60;

} // namespace

Database::Database(ConnectionSpec spec, QString operatorName, OpenMode mode)
    : m_spec(std::move(spec)),
      m_dialect(m_spec.backend, m_spec.appSchema),
      m_connectionName(nextConnectionName()),
      m_operator(operatorName.isEmpty() ? loginName() : std::move(operatorName)),
      m_mode(mode),
      m_prepared(std::make_unique<PostgresPrepared>(!m_spec.pooler)),
      m_waits(std::make_unique<LockWaits>(m_spec))
{ }

Database::~Database()
{
    finishStatements();
    m_statements.clear();
    finalizeScans();
    PostgresConnection::close(std::exchange(m_postgres, nullptr));
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const ConnectionSpec &spec, const QString &operatorName, OpenMode mode)
{
    if (const Status schema = TableNames::check(spec); !schema)
        return schema.error();
    std::unique_ptr<Database> database(new Database(spec, operatorName, mode));
    if (const Status status = database->connect(); !status)
        return status.error();
    return database;
}

QString Database::loginName()
{
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
#ifdef Q_OS_UNIX
    if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
#endif
    return QStringLiteral("unknown");
}

QStringList Database::availableDrivers()
{
    return QSqlDatabase::drivers();
}

Result<std::unique_ptr<Database>> Database::reopen() const
{
    // The file exists by now: another connection never creates one.
    return open(m_spec, m_operator, m_mode == OpenMode::Create ? OpenMode::ReadWrite : m_mode);
}

Status Database::connect()
{
    const bool postgres = m_dialect.isPostgres();
    const QString driver = postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error::database(
            tr("The Qt SQL driver %1 is not installed (Debian package %2)")
                .arg(driver, postgres ? QStringLiteral("libqt6sql6-psql") : QStringLiteral("libqt6sql6-sqlite")));
    m_db = QSqlDatabase::addDatabase(driver, m_connectionName);
    if (postgres) {
        // QPSQL quotes these four and leaves out the empty ones, so that libpq falls back to
        // PGHOST, PGUSER, the service file and ~/.pgpass; no port is set, so none overrides PGPORT.
        m_db.setHostName(m_spec.host);
        m_db.setDatabaseName(m_spec.database);
        m_db.setUserName(m_spec.user);
        m_db.setPassword(m_spec.password);
        QString options = m_spec.connectOptions();
        if (m_spec.option(QStringLiteral("connect_timeout")).isEmpty()
            && qEnvironmentVariableIsEmpty("PGCONNECT_TIMEOUT"))
            options += (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("connect_timeout=10");
        m_db.setConnectOptions(options);
        attachPostgres();
        if (!m_postgres && !m_db.isOpen()) // libpq's words, without a driver's "Unable to connect"
            return Error::database(tr("Cannot open the database %1: %2")
                                       .arg(m_spec.displayName(),
                                            ConnectionProblem::explain(m_spec,
                                                                       m_lastError.databaseText().isEmpty()
                                                                           ? m_lastError.text()
                                                                           : m_lastError.databaseText())));
    } else if (const Status opened = openSqlite(); !opened) {
        return opened;
    }
    if (const Status bounded = m_waits->attach(*this); !bounded)
        return bounded;
    if (const Status configured = configureSession(); !configured)
        return configured;
    return identifyServer();
}

Status Database::openSqlite()
{
    const auto access = m_mode == OpenMode::Create ? SqliteFile::Access::Create
        : m_mode == OpenMode::ReadWrite            ? SqliteFile::Access::Write
                                                   : SqliteFile::Access::Read;
    auto opened = SqliteFile::open(m_db, m_spec.path, access, m_spec.displayName());
    if (!opened)
        return opened.error();
    m_readOnlyReason = opened->readOnlyReason;
    m_queryOnly = opened->queryOnly;
    return {};
}

Status Database::configureSession()
{
    // Settings of this connection only: the journal mode, a setting of the file, is changed
    // only on a ledger opened for writing (below). PostgreSQL: only settings a pooler in
    // transaction mode carries from one server connection to the next (PgBouncer re-applies
    // TimeZone, DateStyle and application_name for each client); the others are set for each
    // transaction (read-only, lock_timeout) or are not needed (notices are dropped here).
    QStringList statements = m_dialect.isPostgres()
        ? QStringList{QStringLiteral("SET TIME ZONE 'UTC'"), QStringLiteral("SET DateStyle = ISO")}
        : QStringList{QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON"),
                      // 64 MiB of page cache: with SQLite's default 2 MiB, bulk writes spill and
                      // re-read pages. Temporary storage stays in files: in memory, the sorter of
                      // a GROUP BY over millions of rows held a lot of memory and was slower
                      // (xpadmin-bench, figure 3).
                      QStringLiteral("PRAGMA cache_size=-65536")};
    for (const QString &sql : statements) {
        if (const Status status = execute(sql); !status)
            return status;
    }
    if (!m_dialect.isPostgres() && (m_queryOnly || isReadOnly())) {
        // An older ledger read as it is: stand-ins for the tables later versions added.
        if (const Status status = SchemaShadow::install(*this); !status)
            return status;
    }
    if (m_queryOnly) {
        if (const Status status = execute(QStringLiteral("PRAGMA query_only=ON")); !status)
            return status;
    }
    if (m_dialect.isPostgres()) {
        // The login (session_user, also after SET ROLE) is the actor; the XP Admin group role it
        // acts in (see core/roles) names the role in permission errors.
        auto rows = run(QStringLiteral(
            "SELECT session_user, current_setting('server_version'), COALESCE((SELECT g.rolname::text FROM pg_roles g "
            "WHERE g.rolname IN ('xpadmin_admin', 'xpadmin_support', 'xpadmin_auditor') AND "
            "pg_has_role(current_user, g.oid, 'USAGE') ORDER BY CASE g.rolname WHEN 'xpadmin_admin' THEN 1 "
            "WHEN 'xpadmin_support' THEN 2 ELSE 3 END LIMIT 1), current_user::text), "
            "current_setting('transaction_read_only')"));
        if (!rows)
            return rows.error();
        if (rows->next()) {
            m_actor = rows->text(0);
            m_serverVersion = QStringLiteral("PostgreSQL ") + rows->text(1);
            m_role = rows->text(2);
            if (m_mode != OpenMode::ReadOnly && rows->text(3) == QLatin1String("on"))
                m_readOnlyReason = tr("the server accepts only reads (a standby, or a database set to read-only)");
        }
    } else {
        m_actor = loginName();
        auto rows = run(QStringLiteral("SELECT sqlite_version()"));
        if (!rows)
            return rows.error();
        if (rows->next())
            m_serverVersion = QStringLiteral("SQLite ") + rows->text(0);
    }
    return useWriteAheadLog();
}

Status Database::requireWritable() const
{
    if (!isReadOnly())
        return {};
    const QString where = m_dialect.isPostgres() ? m_spec.displayName() : QDir::toNativeSeparators(m_spec.path);
    return Error::readOnly(
        tr("the ledger at %1 is read-only (%2); nothing was changed")
            .arg(where, m_readOnlyReason.isEmpty() ? tr("opened for reading only") : m_readOnlyReason));
}

Status Database::useWriteAheadLog()
{
    if (m_dialect.isPostgres() || isReadOnly())
        return {};
    // A ledger XP Admin set up (its own tables are there) is kept in WAL mode; any other file
    // keeps the journal mode its application chose.
    bool ledger = false;
    {
        // The statement is finished before the switch: SQLite refuses it while one is open.
        auto own = run(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'xpadmin_meta'"));
        if (!own)
            return own.error();
        ledger = own->next() && own->integer(0) > 0;
    }
    return ledger ? execute(QStringLiteral("PRAGMA journal_mode=WAL")) : Status();
}

Error Database::sqlError(const QSqlError &error, const QString &what) const
{
    if (auto full = DiskFull::explain(error, sqliteHandle(), what))
        return *full;
    if (m_dialect.isPermissionDenied(error))
        return Error::permission(tr("Permission denied: your database role %1 may not do this (%2). Nothing was "
                                    "changed.")
                                     .arg(m_role.isEmpty() ? m_actor : m_role, error.databaseText().trimmed()));
    if (m_dialect.isConnectionLost(error))
        return Error::database(
            tr("%1: the connection to the database server was lost (%2)").arg(what, error.text().trimmed()));
    if (m_olderSchema > 0 && m_dialect.isMissingObject(error)) {
        // The server's first line, without its "ERROR:" and the statement it quotes.
        QString missing = error.databaseText().section(QLatin1Char('\n'), 0, 0).trimmed();
        if (missing.startsWith(QLatin1String("ERROR:")))
            missing = missing.mid(6).trimmed();
        return Error::database(tr("%1: %2. XP Admin's own tables here are from an older XP Admin (schema version %3; "
                                  "this one uses %4) and are read as they are, without what later versions added. "
                                  "Bring them up to date with `xpadmin-cli init` as the database's owner: it adds "
                                  "what is missing and changes nothing else.")
                                   .arg(what, missing)
                                   .arg(m_olderSchema)
                                   .arg(Schema::CurrentVersion));
    }
    return Error::database(tr("%1: %2").arg(what, error.text().trimmed()));
}

sqlite3 *Database::sqliteHandle() const
{
    if (m_dialect.isPostgres() || !m_db.isOpen())
        return nullptr;
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

pg_conn *Database::postgresHandle()
{
    if (m_postgres) {
        static_cast<void>(sendUnsent()); // a failure fails the transaction
        return m_postgres;
    }
    if (!m_dialect.isPostgres() || !m_db.isOpen())
        return nullptr;
    const QVariant handle = m_db.driver()->handle();
    // Qt names the type after the typedef or after the struct, depending on how it registered it.
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<pg_conn *const *>(handle.constData());
}

Status Database::writeTransaction(const std::function<Status()> &body)
{
    return transaction(m_dialect.beginWrite(), true, body);
}

Status Database::readTransaction(const std::function<Status()> &body)
{
    // PostgreSQL: one snapshot for the whole transaction. SQLite: a read transaction in WAL
    // mode sees one snapshot from its first read on, and never blocks writers.
    return transaction(m_dialect.isPostgres() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                              : QStringLiteral("BEGIN DEFERRED"),
                       false, body);
}

Status Database::transaction(const QString &begin, bool write, const std::function<Status()> &body)
{
    if (m_inTransaction)
        return body(); // nested: part of the caller's transaction
    if (m_waits->cancelled())
        return m_waits->cancelledError();
    m_waits->beginOperation();
    const auto ended = qScopeGuard([this] { m_waits->endOperation(); });
    bool reconnected = false;
    for (int attempt = 1;; ++attempt) {
        m_failed = false;
        m_lastError = QSqlError();
        m_commitWitness.reset();
        m_transactionId.reset();
        const int lockTimeoutMs = m_waits->remainingMs();
        QElapsedTimer attemptTime;
        attemptTime.start();
        // A read-only connection's every transaction is read-only: a setting of the transaction,
        // not of the session, which a pooler would not keep.
        // A write transaction marks itself as XP Admin's (transaction-local, sent with BEGIN):
        // capture's triggers leave its changes alone, since its own audit events record them.
        Status status;
        m_begun = false;
        if (m_postgres) {
            // Sent with the body's first statements (or, when they go one by one, just before).
            m_unsentOpening = openingStatements(begin, write, lockTimeoutMs);
        } else {
            QString opening = begin;
            if (m_dialect.isPostgres() && m_mode == OpenMode::ReadOnly)
                opening += QStringLiteral("; SET TRANSACTION READ ONLY");
            else if (m_dialect.isPostgres() && write)
                opening += QStringLiteral("; SET LOCAL xpadmin.writer = 'on'");
            status = execute(m_waits->beginStatement(opening, lockTimeoutMs));
            m_begun = status.ok();
        }
        if (status) {
            m_inTransaction = true;
            // Behind a pooler each transaction may run in another server process: the one the
            // lock watcher asks about is this transaction's.
            if (m_spec.pooler)
                status = m_waits->attach(*this);
            if (status)
                status = body();
            finishStatements();
            // PostgreSQL: the transaction's id, to ask the server how it ended should the
            // connection be lost while committing (none: it wrote nothing), unless the body read it.
            std::optional<qint64> transactionId = m_transactionId;
            if (write && status && !m_failed && m_dialect.isPostgres() && !transactionId
                && (m_begun || !m_unsentLast.empty())) {
                auto id = run(QStringLiteral("SELECT txid_current_if_assigned()"));
                if (id && id->next() && !id->value(0).isNull())
                    transactionId = id->integer(0);
                else if (!id)
                    status = id.error();
                finishStatements();
            }
            // The last moment a cancel keeps everything out (Ctrl+C, Cancel while waiting).
            if (status && !m_failed && m_waits->cancelled())
                status = m_waits->cancelledError();
            if (status && !m_failed) {
                status = commit();
                if (status) {
                    m_inTransaction = false;
                    rememberCommit();
                    return {};
                }
                if (m_dialect.isConnectionLost(m_lastError)) {
                    m_inTransaction = false;
                    const auto [outcome, why] = settleLostCommit(transactionId);
                    if (outcome == Outcome::Committed) {
                        rememberCommit();
                        return {}; // the server has it, as if its answer had arrived
                    }
                    if (outcome == Outcome::Aborted && !reconnected) {
                        reconnected = true; // nothing of it is there: run it once more
                        continue;
                    }
                    if (outcome == Outcome::Aborted)
                        return Error::database(tr("The connection to the database was lost twice while committing; "
                                                  "the server confirms that nothing was changed."));
                    return Error::uncertain(
                        tr("The connection to the database was lost while the change was being committed, and "
                           "the server could not say whether it was: it may or may not have been applied. Check "
                           "the history before you repeat it. %1")
                            .arg(why));
                }
            }
            m_inTransaction = false;
            dropUnsent();
            const QSqlError cause = m_lastError;
            if (m_begun && !m_dialect.isConnectionLost(cause))
                static_cast<void>(execute(QStringLiteral("ROLLBACK"))); // the cause matters, not this
            m_lastError = cause;
            if (status && m_failed)
                status = sqlError(cause, tr("A database statement failed"));
        }
        if (m_waits->cancelled())
            return !status && status.error().kind == Error::Kind::Cancelled ? status : m_waits->cancelledError();
        if (m_dialect.isConnectionLost(m_lastError)) {
            // Nothing was committed: reconnect and run the whole transaction once more.
            if (reconnected)
                return status;
            if (const Status again = reconnectWaiting(reconnectWait()); !again)
                return again.error().kind == Error::Kind::Cancelled
                    ? again
                    : Error::database(tr("The connection to the database was lost and could not be "
                                         "re-established; nothing was changed. %1")
                                          .arg(again.error().message));
            reconnected = true;
            continue;
        }
        if (!m_dialect.isTransient(m_lastError))
            return status;
        // Every attempt's wait counts against the operation's limit.
        if (m_waits->spent(m_lastError, attemptTime.elapsed(), lockTimeoutMs))
            return m_waits->isLockTimeout(m_lastError) ? m_waits->timeoutError() : status;
        if (attempt >= MaxAttempts)
            return status;
        // Someone else holds the lock: wait a little, with jitter, and run the transaction again.
        QThread::msleep(std::min<unsigned long>(5 * std::min(attempt, 20) + QRandomGenerator::global()->bounded(10),
                                                m_waits->remainingMs()));
    }
}
