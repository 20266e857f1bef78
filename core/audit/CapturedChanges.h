#pragma once

#include "core/audit/AuditEvent.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class Database;

// The changes capture's triggers recorded (PostgreSQL, xpadmin.captured_change: writes to "UserXP"
// and "UserProfile" that XP Admin did not make), turned into audit events whose origin is
// "database". Lives with the audit log because the log takes them in before its own events, in
// the same transaction (AuditLog::tail), so that the chain follows what happened to each row.
//
// Actions: db-insert, db-delete, db-update-before + db-update (a "UserXP" row), db-total (a
// "UserProfile" row). Each event keeps when the change happened (at), the database role
// (actor) and its application_name (operator); the snapshot adds "origin": "database", "role",
// "application", "client" and "txid".
class CapturedChanges final
{
    Q_DECLARE_TR_FUNCTIONS(CapturedChanges)

public:
    explicit CapturedChanges(Database &db) : m_db(db) { }

    // The table the triggers append to, and the trigger function.
    static QString table();
    static QString function();
    // The actions of captured events.
    static QStringList actions();

    // An SQL expression, with no parameters, telling what this connection can do with captured
    // changes: 0 capture is not installed, 1 installed but this role may not seal, 2 it may
    // (read and delete the records). Cheap: for the statement that takes the log's lock.
    static QString stateExpression();

    // Takes every committed record out of the table (deleted in the same statement that reads
    // them, so a record is sealed exactly once) and returns their events in the order the
    // changes were recorded, with at, actor and operator set. Must run in the caller's write
    // transaction, under the log's lock; the events must be written before it commits.
    Result<QList<AuditEvent>> take();

private:
    Database &m_db;
};
