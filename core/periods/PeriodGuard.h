#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"
#include "core/periods/ClosedPeriod.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

class Database;

// The ledger's small questions to the closed period, asked inside the caller's transaction: may
// these rows be removed or put back, may rows dated then be written, may these totals be
// recalculated. Each refusal names the period and who closed it, and changes nothing.
class PeriodGuard final
{
    Q_DECLARE_TR_FUNCTIONS(PeriodGuard)

public:
    explicit PeriodGuard(Database &db) : m_db(db) { }

    // The closed period now; read once.
    Result<std::optional<ClosedPeriod>> closed();
    // Refuses when any of the rows was created in the closed period. action: "roll back".
    Status allowRows(const QList<XpTransaction> &rows, const QString &action);
    // Which of the rows are in the closed period, in words (ClosedPeriod::inPeriod); empty: none.
    Result<QString> rowsInPeriod(const QList<XpTransaction> &rows);
    // Which transactions of the source (type, sourceId) are in the closed period, in words, as
    // rowsInPeriod says it; empty: none. Counts them in SQL, however many the source has.
    Result<QString> sourceInPeriod(SourceType type, const QString &sourceId);
    // Refuses rows to be dated from `from` on when that is in the closed period (imports, demo data).
    Status allowDatedFrom(const QDateTime &from, const QString &action);
    // Users (of userIds; every user when empty) whose rows up to the boundary no longer add up to
    // the total the close kept: a recalculation of them would change a total as it stood at the
    // close. One set-based query.
    Result<QStringList> changedSinceClose(const QStringList &userIds = {});
    // Refuses recalculating these users when any of them is changedSinceClose().
    Status allowRecalc(const QStringList &userIds, const QString &action);

    // PostgreSQL, in the caller's write transaction: a close waits until the change that asked has
    // committed, and the change waits for a close under way (Periods takes the lock exclusively), so
    // no change slips into a period closed between its check and its commit. The allow* calls take
    // it themselves; a change that locks "UserXP" before asking (an import, recalculating everyone)
    // takes it first, so that every change and a close take their locks in one order.
    Status holdOffCloses();

private:
    // "transaction X (created ...)" or "the first of N of these transactions, X (created ...),".
    static QString firstOf(qint64 count, const QString &id, const QDateTime &createdAt);

    Database &m_db;
    bool m_holding = false;
    bool m_read = false;
    std::optional<ClosedPeriod> m_closed;
};
