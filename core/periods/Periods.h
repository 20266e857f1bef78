#pragma once

#include "core/domain/Result.h"
#include "core/periods/ClosedPeriod.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

class Database;

// What a close holds: the users with rows up to its boundary, the sum of their totals, and the
// digest of the sorted (user id, total) list.
struct PeriodFigures
{
    qint64 users = 0;
    qint64 sum = 0;
    QString digest;
};

// Closing the ledger up to a day, and reopening it. A close is one transaction that keeps every
// user's total as the ledger stands at the boundary (one set-based INSERT ... SELECT ... GROUP BY),
// records the close, and appends a "period-close" audit event carrying the figures; a reopen moves
// the boundary back to an earlier day (its totals are kept likewise) with a "period-reopen" event.
// Both need a reason. On PostgreSQL the first close installs the trigger that makes the database
// refuse XP Admin's roles a change in the closed period (PeriodEnforcement), or, when the admin
// closing may not create triggers and the owner has not installed it, refuses.
class Periods final
{
    Q_DECLARE_TR_FUNCTIONS(Periods)

public:
    explicit Periods(Database &db) : m_db(db) { }

    // The newest close or reopen: where the closed period ends now. None: nothing was closed.
    Result<std::optional<ClosedPeriod>> current();
    // Every close and reopen, oldest first.
    Result<QList<ClosedPeriod>> list();
    // What a close up to day would hold if made now; the day is checked as close() checks it.
    Result<PeriodFigures> preview(const QDate &day);
    Result<ClosedPeriod> close(const QDate &day, const QString &reason);
    Result<ClosedPeriod> reopen(const QDate &day, const QString &reason);
    // The totals a close or reopen kept, by user id.
    Result<QHash<QString, qint64>> totals(qint64 periodId);

    // A day typed by a person, "2026-11-30"; field names it in the error.
    static Result<QDate> parseDay(const QString &field, const QString &text);
    // The last millisecond of the day in the desk's time zone, as UTC.
    static QDateTime boundaryOf(const QDate &day);

    // The columns of the period table, in the order read() expects.
    static QString columns();
    // The number, sum and digest of the totals kept under a period id, recomputed.
    Result<PeriodFigures> figuresOf(qint64 periodId);

private:
    Result<ClosedPeriod> record(ClosedPeriod::Kind kind, const QDate &day, const QString &reason);
    Status checkDay(ClosedPeriod::Kind kind, const QDate &day, const std::optional<ClosedPeriod> &now) const;
    // Keeps the totals at the boundary under the period id; returns their figures.
    Result<PeriodFigures> keepTotals(qint64 periodId, const QDateTime &boundary);

    Database &m_db;
};
