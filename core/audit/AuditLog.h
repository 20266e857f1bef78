#pragma once

#include "core/audit/AuditEvent.h"
#include "core/db/Database.h"
#include "core/domain/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>

// The append-only, hash-chained audit log. Appends happen inside the caller's write
// transaction, so an event exists exactly when the change it records was committed.
class AuditLog final
{
public:
    explicit AuditLog(Database &db) : m_db(db) { }

    // The hash before the first event.
    static QString genesisHash();
    // The bytes that are hashed for an event: each field in a fixed order, as
    // "<UTF-8 byte length>:<UTF-8 bytes>", or "-" for a missing value. Fields: seq, at
    // ("YYYY-MM-DD HH:MM:SS.mmm", UTC), actor, operator, action, operation_id, user_id, xp_id,
    // amount, reason, snapshot.
    static QByteArray canonical(const AuditEvent &event);
    // hex(SHA-256(prevHash as ASCII || canonical(event)))
    static QString computeHash(const QString &prevHash, const AuditEvent &event);

    // The audit table's columns, in the order read() expects, and one row read back.
    static QString columns();
    static AuditEvent read(const SqlRows &rows, const Dialect &dialect);

    // Appends events (seq, at, actor, operator, hashes are filled in). Must run inside a write
    // transaction; on PostgreSQL it takes the log's lock until that transaction ends, so the chain
    // stays a single line however many desks write at once.
    Status append(QList<AuditEvent> events);

    // The same in three steps, for a writer of many events (an import) that seals the next ones
    // on another thread while it writes these: the end of the chain and who and when the events
    // are, then each event's seq and hashes from it, then the rows.
    struct Tail
    {
        qint64 seq = 0;
        QString hash;
        QDateTime at;
        QString atText;
        QString actor;
        QString operatorName;
        qint64 captured = 0; // changes made outside XP Admin that tail() sealed first
    };
    // Takes the log's lock (PostgreSQL) and reads where the chain ends. With capture installed
    // and a role that may seal, first appends the changes made outside XP Admin that are waiting
    // (CapturedChanges), so that the chain's order follows what happened to each row.
    Result<Tail> tail();
    // Fills in events after tail, in order, and moves tail past them. Touches no database.
    static void seal(QList<AuditEvent> &events, Tail &tail);
    // The same for events that carry their own at, actor and operator (captured changes): only
    // seq and the hashes are filled in. The canonical form is the same.
    static void sealAsRecorded(QList<AuditEvent> &events, Tail &tail);
    // Writes events that seal() or sealAsRecorded() filled in, continuing the chain where tail()
    // found it.
    Status write(const QList<AuditEvent> &events);

    // tail() and write() in parts, for a writer that sends them with its own statements (an
    // award: the locks and reads in one round trip, the writes in another, on PostgreSQL).
    // PostgreSQL: takes the log's lock until the transaction ends, and queues the notice that the
    // ledger changed, which PostgreSQL delivers when (and only if) the transaction commits.
    static BoundStatement lockStatement();
    // Three columns of a SELECT run after that lock: the last event's seq and hash (NULL when the
    // log is empty) and capture's state (CapturedChanges::stateExpression; 0 on SQLite).
    static QString endColumns(const Dialect &dialect);
    // The tail from those columns, from firstColumn on, as tail() makes it.
    Result<Tail> tailFrom(const SqlRows &rows, int firstColumn);
    // One sealed event as an INSERT, its values named :seq, :at, :actor, :operator, :action,
    // :operation_id, :user_id, :xp_id, :amount, :reason, :snapshot, :prev_hash and :hash.
    static QString insertSql(const Dialect &dialect);
    static Bindings insertBindings(const AuditEvent &event);
    // After the newest event was inserted: the row that proves the transaction committed, should
    // the connection be lost while committing (Database::setCommitWitness).
    void witness(const AuditEvent &newest);

    // The most recent rollback or delete-source event of each of these "UserXP" rows that has
    // one, by row id, in as few statements as it takes.
    Result<QHash<QString, AuditEvent>> lastRemovalsOf(const QStringList &xpIds);
    // Events with seq greater than afterSeq, oldest first, at most limit.
    Result<QList<AuditEvent>> page(qint64 afterSeq, int limit);
    Result<qint64> count();

private:
    // The same, with the event's time already written (one text for a whole append).
    static QByteArray canonical(const AuditEvent &event, const QString &atText);
    static QString computeHash(const QString &prevHash, const QByteArray &canonicalEvent);

    Database &m_db;
};
