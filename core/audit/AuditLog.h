#pragma once

#include "AuditEvent.h"
#include "Result.h"

#include <QByteArray>
#include <QList>

class Database;
class Dialect;
class SqlRows;

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

    // The most recent rollback or delete-source event of a "UserXP" row, if any.
    Result<std::optional<AuditEvent>> lastRemovalOf(const QString &xpId);
    // Events with seq greater than afterSeq, oldest first, at most limit.
    Result<QList<AuditEvent>> page(qint64 afterSeq, int limit);
    Result<qint64> count();

private:
    // The same, with the event's time already written (one text for a whole append).
    static QByteArray canonical(const AuditEvent &event, const QString &atText);
    static QString computeHash(const QString &prevHash, const QByteArray &canonicalEvent);

    Database &m_db;
};
