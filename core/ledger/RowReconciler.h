#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

class Database;

// One way a "UserXP" row disagrees with the audit log's last word on it.
struct RowFinding
{
    enum class Kind {
        Changed, // the row is there, but field holds another value than the log's snapshot
        Missing, // the log says the row exists (added, never removed since), the table has no such row
        Reappeared, // the log says the row was removed (rolled back, source deleted), yet it is there
    };
    Kind kind = Kind::Changed;
    QString xpId;
    qint64 seq = 0; // the last event about the row: the one the table is held against
    QString action; // that event's action
    QString field; // Changed: the field's name as in the table ("amount", "description", ...)
    QString logValue; // Changed: the snapshot's value
    QString tableValue; // Changed: the table's value
    // Missing: the row's user and amount as logged; Reappeared: as found in the table.
    QString userId;
    QString userLabel; // what to call that user: the name, else the email; empty when unknown
    qint64 amount = 0;
};

// Rows the audit log never saw (the web app's own writes, demo data audited as one summary
// event, rows from before XP Admin): nothing proves or disproves them.
struct UnprovableRows
{
    qint64 count = 0;
    QDateTime firstCreatedAt; // UTC; invalid when count is 0
    QDateTime lastCreatedAt;
};

struct RowReconciliation
{
    qint64 rowsLogged = 0; // rows the log has a last word on (present or removed)
    qint64 rowsMatched = 0; // rows present and equal to their last snapshot
    QList<RowFinding> findings; // sorted by row id, then field
    UnprovableRows unprovable;
};

// Holds every "UserXP" row against the audit log: per row id, the last row event (by seq) says
// whether the row exists and with which fields. Set-based: one statement takes the last event
// per id, reads its snapshot in SQL and joins it with the table, so only the differences and a
// few counts leave the engine; the rows the log never saw are counted by id and their date range
// found through the "createdAt" index. "updatedAt" is not compared: the web app (Prisma's
// @updatedAt) rewrites it on any save, and it carries no XP. Runs in the caller's transaction.
class RowReconciler final
{
    Q_DECLARE_TR_FUNCTIONS(RowReconciler)

public:
    explicit RowReconciler(Database &db) : m_db(db) { }

    Result<RowReconciliation> reconcile();

    // Names the users of missing and reappeared rows, one primary-key lookup per user.
    Status labelUsers(RowReconciliation &result);

    // The actions whose snapshot is the full row: after them the row exists, or is gone.
    static QStringList addingActions();
    static QStringList removingActions();
    // Actions as a quoted SQL list, for IN (...).
    static QString sqlList(const QStringList &actions);

private:
    Status readDifferences(RowReconciliation &result);
    Status readUnprovable(RowReconciliation &result);

    Database &m_db;
};
