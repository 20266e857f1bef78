#pragma once

#include "core/charts/ChartData.h"
#include "core/db/Database.h"
#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <optional>

// The top users of a range without summing every user's rows in it (docs/rollups.md, "The top
// users of long ranges"). The gains (RollupDdl::gainTable) hold what each user gained in each UTC
// month and year, the sum of their positive amounts: no part of that period gives them more XP.
// Reading the months and years the range touches in the order of gain, perPeriod users each at a
// time, gives candidates and a bound: a user not read has gained at most the last gain read of
// each period (nothing in a period read to its end), so has at most, in each year, the least of
// the year's and the sum of its months' in the range. The candidates' XP in the range is summed
// from the gains' XP of its whole months and years and their rows in the partial months; once
// the last of the top users has more than the bound, nobody else can be among them and the
// answer is exact. Else twice as many of each period, until the candidates would pass
// maxCandidates: then there is no answer and the caller sums every user; nor is there for a range
// shorter than half the time of the months it touches. On PostgreSQL the users with changes the
// rollups do not hold yet (LoggedRollups::pending) are candidates from the start. Where the
// rollups are kept (LoggedRollups::readable) and available().
class BoundedTopUsers final
{
public:
    struct Limits
    {
        int perPeriod = 64;
        int maxCandidates = 20000;
        // The least share of the time of the months it touches that a range must span.
        double minShare = 0.5;
    };

    explicit BoundedTopUsers(Database &db) : m_db(db) { }
    BoundedTopUsers(Database &db, Limits limits) : m_db(db), m_limits(limits) { }

    // Whether the gains are built and this role may read them.
    static Result<bool> available(Database &db);

    // The top `limit` users of [since, until) by XP, then id, in one snapshot; nothing without the
    // gains, for a short part of its months, or when the bound did not settle them within
    // maxCandidates.
    Result<std::optional<QList<TopUser>>> read(const QDateTime &since, const QDateTime &until, int limit);

    // The top `limit` users of what a filter of dates alone selects (either end may be open), the
    // ledger as it is now, where the rollups are kept (`xpadmin-cli totals --by user --limit N`);
    // nothing for any other filter, or where read() gives nothing.
    static Result<std::optional<QList<TopUser>>> ofFilter(Database &db, const HistoryFilter &filter, int limit);

    // How many users the last read summed.
    qsizetype candidates() const { return m_sums.size(); }

private:
    struct Sum
    {
        qint64 xp = 0;
        qint64 transactions = 0;
    };

    // The first perPeriod users of each period into fresh (those not summed yet); the bound of the
    // users not read, or nothing when every user with rows in the range was read.
    Result<std::optional<qint64>> readPeriods(const QStringList &months, const QStringList &years, int perPeriod,
                                              QSet<QString> &fresh);
    // PostgreSQL: the users with changes in [since, until) that the rollups do not hold yet.
    Status readPending(const QDateTime &since, const QDateTime &until, QSet<QString> &fresh);
    // How a range is summed: its whole months and years from the gains, its partial months at the
    // edges (the whole range when it has no whole month) from the rows.
    struct Span
    {
        QDateTime since;
        QDateTime until;
    };
    struct Cover
    {
        QStringList periods;
        QList<Span> rows;
    };
    static Cover cover(const QDateTime &since, const QDateTime &until);
    // The XP and transactions of the fresh users in the covered range.
    Status sum(const QSet<QString> &fresh, const Cover &cover);
    // How many users summed have transactions in the range, and the XP of the limit-th of them
    // by XP (of the last, when fewer).
    std::pair<qsizetype, qint64> lastOfTop(int limit) const;
    // The first `limit` of the users summed, in the leaderboard's order, with their names.
    Result<std::optional<QList<TopUser>>> named(int limit);

    Database &m_db;
    Limits m_limits;
    QHash<QString, Sum> m_sums;
};
