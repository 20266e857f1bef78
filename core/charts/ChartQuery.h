#pragma once

#include "core/charts/ChartData.h"
#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"

#include <QDateTime>
#include <utility>

class CancelToken;
class Database;

// Reads the figures of every chart with aggregates in SQL. For everyone, where the rollups are
// kept (RollupDdl::isKept on SQLite, LoggedRollups::isKept on PostgreSQL), the whole UTC hours of each local-time
// bucket from the hourly rollup and the partial hours at its edges (zones off UTC by a fraction of an hour) from the
// rows; the leaderboard of a range from a few candidates bounded by their gains (BoundedTopUsers), else from
// the daily rollup, with the partial UTC days at its ends from the rows. Without
// the rollups: one statement that sums each bucket, category and source type from the covering index
// "UserXP_category_sourceType_createdAt_amount_idx"; for one user, or without that index, per bucket one GROUP BY
// category and source type; and one GROUP BY user for the leaderboard. Nothing is summed by looping over rows. Run it
// off the GUI thread, with a token to cancel a request that a newer one has replaced (checked between buckets).
class ChartQuery final
{
public:
    explicit ChartQuery(Database &db) : m_db(db) { }

    // Every figure; the leaderboard too when request.topUsers > 0.
    Result<ChartData> load(const ChartRequest &request, const CancelToken *cancel = nullptr);
    // The leaderboard of the range of figures already loaded (request.topUsers users): on SQLite
    // it is the slow part over long ranges, so the charts view asks for it second.
    Result<QList<TopUser>> leaderboard(const ChartData &data);

private:
    // A span of time [since, until) summed into one bucket.
    struct Piece
    {
        qsizetype bucket = 0;
        QDateTime since;
        QDateTime until;
    };

    static QList<Piece> bucketEdges(const ChartData &data, const HistoryFilter &filter);
    Result<bool> hasIndex(const QString &name);
    // Whether the top users of the range are quicker read user by user from the covering index:
    // when the range spans fromShare of the time with transactions or more.
    Result<bool> readsUserByUser(const HistoryFilter &range, double fromShare);
    Status sumCovered(ChartData &data, const QList<Piece> &pieces);
    Status sumPerBucket(ChartData &data, const HistoryFilter &filter, const QList<Piece> &pieces,
                        const CancelToken *cancel);
    // Whole hours from the hourly rollup, the rest of each piece from the rows.
    Status sumRollup(ChartData &data, const HistoryFilter &filter, const QList<Piece> &pieces,
                     const CancelToken *cancel);
    Status sumRollupHours(ChartData &data, const QList<Piece> &hours);
    // PostgreSQL: the changes the rollups do not hold yet, added to the same pieces of hours.
    Status sumPending(ChartData &data, const QList<Piece> &hours);
    // Whether the rollups are exact (RollupDdl::isKept, LoggedRollups::isKept); on PostgreSQL
    // folds the log into them first when much of it is after them.
    Result<bool> rollupsKept();
    // The leaderboard's statement over [since, until) from the daily rollup and the rows.
    QString rollupLeaderboard(const QDateTime &since, const QDateTime &until, Bindings &bindings) const;
    static Status add(ChartData &data, qsizetype bucket, const QString &categoryName, const QString &sourceTypeName,
                      qint64 xp, qint64 count);

    Database &m_db;
};
