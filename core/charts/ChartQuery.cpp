#include "core/charts/ChartQuery.h"

#include "core/capture/LoggedRollups.h"
#include "core/charts/BoundedTopUsers.h"
#include "core/db/Database.h"
#include "core/db/RollupDdl.h"
#include "core/db/Schema.h"
#include "core/domain/CancelToken.h"
#include "core/domain/Timestamp.h"
#include "core/history/AsOfRows.h"
#include "core/history/HistoryQuery.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace {

// The start of a local calendar day, as UTC (the zone of the stored timestamps).
QDateTime startOfLocalDay(const QDate &day)
{
    return day.startOfDay(QTimeZone::systemTimeZone()).toUTC();
}

template<typename Enum>
std::optional<int> indexOf(const std::optional<Enum> &value)
{
    if (!value)
        return std::nullopt;
    return static_cast<int>(*value);
}

const QString CoveringIndex = QStringLiteral("UserXP_category_sourceType_createdAt_amount_idx");
const QString UserCoveringIndex = QStringLiteral("UserXP_userId_createdAt_amount_idx");
// From this share of the time with transactions on, SQLite reads the top users of a range from
// UserCoveringIndex, user by user: all of it, but in order and without the table. Below it, the
// range's rows by "createdAt" and a sort are quicker (over ten million rows, the first way wins
// by far for a year, the second for a month).
constexpr double FullScanShare = 0.15;
// The same where the daily rollup holds the range: it has a row per user and day, sorted by user
// for the sum, which costs more a row than the index read in order does.
constexpr double RollupScanShare = 0.3;

constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 DayMs = 24 * HourMs;

// The instant rounded down, or up, to a whole multiple of unitMs (an hour, a UTC day).
QDateTime floorTo(const QDateTime &at, qint64 unitMs)
{
    const qint64 ms = at.toMSecsSinceEpoch();
    return QDateTime::fromMSecsSinceEpoch(ms - ((ms % unitMs) + unitMs) % unitMs, Qt::UTC);
}

QDateTime ceilTo(const QDateTime &at, qint64 unitMs)
{
    const QDateTime down = floorTo(at, unitMs);
    return down == at ? down : down.addMSecs(unitMs);
}

} // namespace

Result<ChartData> ChartQuery::load(const ChartRequest &request, const CancelToken *cancel)
{
    ChartData data;
    data.request = request;
    data.first = request.first;
    data.last = request.last;

    // "All" (an open end): from the first transaction's day, up to the last one's or today.
    if (!data.first.isValid() || !data.last.isValid()) {
        auto span = HistoryQuery(m_db).timeSpan(request.userId);
        if (!span)
            return span.error();
        const QDate today = QDate::currentDate();
        QDate minDay = today;
        QDate maxDay = today;
        if (*span) {
            minDay = (*span)->first.toLocalTime().date();
            maxDay = std::max(today, (*span)->second.toLocalTime().date());
        }
        if (!data.first.isValid())
            data.first = std::min(minDay, data.last.isValid() ? data.last : minDay);
        if (!data.last.isValid())
            data.last = std::max(maxDay, data.first);
    }
    if (data.last < data.first)
        return Error::input(QCoreApplication::translate("ChartQuery", "The range ends (%1) before it starts (%2)")
                                .arg(data.last.toString(Qt::ISODate), data.first.toString(Qt::ISODate)));

    data.unit = ChartBuckets::unitFor(data.first, data.last);
    data.buckets = ChartBuckets::buckets(data.first, data.last, data.unit);
    data.overTime.resize(data.buckets.size());

    HistoryFilter filter;
    filter.userId = request.userId;
    filter.asOf = request.asOf;
    filter.since = startOfLocalDay(data.first);
    filter.until = startOfLocalDay(data.last.addDays(1));

    // Every figure but the leaderboard, summed per time bucket, category and source type.
    const QList<Piece> edges = bucketEdges(data, filter);
    if (cancel && cancel->isCancelled())
        return Error::cancelled(QCoreApplication::translate("ChartQuery", "Charting cancelled"));
    // The ledger of a past moment is rebuilt from the log: neither rollup nor index covers it.
    const bool everyoneNow = request.userId.isEmpty() && !request.asOf.isValid();
    auto rolledUp = everyoneNow ? rollupsKept() : Result<bool>(false);
    if (!rolledUp)
        return rolledUp.error();
    auto covered = everyoneNow && !*rolledUp ? hasIndex(CoveringIndex) : Result<bool>(false);
    if (!covered)
        return covered.error();
    const Status summed = *rolledUp ? sumRollup(data, filter, edges, cancel)
        : *covered                  ? sumCovered(data, edges)
                                    : sumPerBucket(data, filter, edges, cancel);
    if (!summed)
        return summed.error();

    if (request.topUsers > 0) {
        auto top = leaderboard(data);
        if (!top)
            return top.error();
        data.topUsers = std::move(*top);
    }
    return data;
}

Result<QList<TopUser>> ChartQuery::leaderboard(const ChartData &data)
{
    // Always of everyone. Over all time it is the cached totals (the same as the users list, and
    // kept equal to the sums); over a range, one GROUP BY "userId".
    const Dialect &d = m_db.dialect();
    Bindings bindings{{QStringLiteral(":limit"), QVariant(data.request.topUsers)}};
    QString sql;
    if (!data.request.first.isValid() && !data.request.last.isValid() && !data.request.asOf.isValid()) {
        sql = QStringLiteral("SELECT p.\"userId\", u.\"email\", u.\"name\", p.\"totalXP\", "
                             "(SELECT count(*) FROM \"UserXP\" x WHERE x.\"userId\" = p.\"userId\") "
                             "FROM \"UserProfile\" p JOIN \"User\" u ON u.\"id\" = p.\"userId\" "
                             "ORDER BY p.\"totalXP\" DESC, p.\"userId\" LIMIT :limit");
    } else {
        HistoryFilter everyone;
        everyone.since = startOfLocalDay(data.first);
        everyone.until = startOfLocalDay(data.last.addDays(1));
        everyone.asOf = data.request.asOf;
        const QString where = HistoryQuery::whereClause(d, everyone, bindings);
        if (everyone.asOf.isValid()) {
            sql = QStringLiteral("SELECT t.k0, u.\"email\", u.\"name\", t.s, t.n FROM (%1 ORDER BY 2 DESC, 1 "
                                 "LIMIT :limit) t JOIN \"User\" u ON u.\"id\" = t.k0 ORDER BY t.s DESC, t.k0")
                      .arg(AsOfRows::grouped(d, {QStringLiteral("\"userId\"")}, where, everyone.asOf, bindings));
        } else {
            // A few candidates' rows where the gains bound everyone else's (BoundedTopUsers).
            // Else every user: from the daily rollup or, over a long range on SQLite, user by user
            // from the index of every row (docs/rollups.md); PostgreSQL's planner weighs it itself.
            auto kept = rollupsKept();
            if (!kept)
                return kept.error();
            if (*kept) {
                auto top = BoundedTopUsers(m_db).read(everyone.since, everyone.until, data.request.topUsers);
                if (!top)
                    return top.error();
                if (*top)
                    return std::move(**top);
            }
            auto byUser = d.isPostgres() ? Result<bool>(false)
                                         : readsUserByUser(everyone, *kept ? RollupScanShare : FullScanShare);
            if (!byUser)
                return byUser.error();
            if (*kept && !*byUser) {
                sql = rollupLeaderboard(everyone.since, everyone.until, bindings);
            } else {
                const QString from = *byUser ? QStringLiteral("\"UserXP\" INDEXED BY \"%1\"").arg(UserCoveringIndex)
                                             : QStringLiteral("\"UserXP\"");
                const QString user = *byUser ? QStringLiteral("\"userId\"") : d.unindexed(QStringLiteral("\"userId\""));
                sql = QStringLiteral("SELECT t.\"userId\", u.\"email\", u.\"name\", t.xp, t.n FROM ("
                                     "SELECT %1 AS \"userId\", SUM(\"amount\") AS xp, count(*) AS n FROM %2 "
                                     "WHERE %3 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit) t "
                                     "JOIN \"User\" u ON u.\"id\" = t.\"userId\" ORDER BY t.xp DESC, t.\"userId\"")
                          .arg(user, from, where);
            }
        }
    }
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    return TopUser::readAll(*rows);
}

QList<ChartQuery::Piece> ChartQuery::bucketEdges(const ChartData &data, const HistoryFilter &filter)
{
    // Local midnights computed here, right across daylight-saving changes; the first and last
    // buckets are cut to the range.
    QList<Piece> edges;
    for (qsizetype i = 0; i < data.buckets.size(); ++i) {
        const QDateTime since = std::max(filter.since, startOfLocalDay(data.buckets.at(i)));
        const QDateTime until = i + 1 < data.buckets.size()
            ? std::min(filter.until, startOfLocalDay(data.buckets.at(i + 1)))
            : filter.until;
        edges << Piece{i, since, until};
    }
    return edges;
}

Result<bool> ChartQuery::rollupsKept()
{
    auto kept = LoggedRollups::readable(m_db);
    if (!kept || !*kept || !m_db.dialect().isPostgres())
        return kept;
    // Folding the log into the rollups only makes the reads' share of it smaller: a fold that
    // fails (another desk's lock, a lost connection) leaves the rollups as exact as before.
    static_cast<void>(LoggedRollups::catchUp(m_db));
    return true;
}

Result<bool> ChartQuery::hasIndex(const QString &name)
{
    auto state = Schema::inspect(m_db);
    if (!state)
        return state.error();
    return !state->missingIndexes.contains(name);
}

Result<bool> ChartQuery::readsUserByUser(const HistoryFilter &range, double fromShare)
{
    auto indexed = hasIndex(UserCoveringIndex);
    if (!indexed || !*indexed)
        return indexed;
    // The range's share of the time with transactions: two steps down the "createdAt" index.
    auto span = HistoryQuery(m_db).timeSpan();
    if (!span)
        return span.error();
    if (!*span)
        return false;
    const auto [first, last] = **span;
    const qint64 spanMs = std::max<qint64>(1, first.msecsTo(last));
    const qint64 rangeMs = std::max(range.since, first).msecsTo(std::min(range.until, last));
    return double(rangeMs) / double(spanMs) >= fromShare;
}

Status ChartQuery::add(ChartData &data, qsizetype bucket, const QString &categoryName, const QString &sourceTypeName,
                       qint64 xp, qint64 count)
{
    const auto category = indexOf(XpEnums::categoryFromName(categoryName));
    const auto sourceType = indexOf(XpEnums::sourceTypeFromName(sourceTypeName));
    if (!category || !sourceType)
        return Error::database(
            QCoreApplication::translate("ChartQuery", "Unknown category or source type in the ledger: %1, %2")
                .arg(categoryName, sourceTypeName));
    for (CategorySums *sums : {&data.byCategory, &data.bySourceType[*sourceType], &data.overTime[bucket]}) {
        sums->xp[*category] += xp;
        sums->transactions[*category] += count;
    }
    return {};
}

Status ChartQuery::sumCovered(ChartData &data, const QList<Piece> &pieces)
{
    // One statement: for every bucket and every category and source type, a sum read from the
    // covering index alone, in index order, with nothing to sort.
    const Dialect &d = m_db.dialect();
    Bindings bindings;
    QStringList buckets;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const QString since = QStringLiteral(":s%1").arg(i);
        const QString until = QStringLiteral(":e%1").arg(i);
        buckets << QStringLiteral("(%1, %2, %3)")
                       .arg(QString::number(pieces.at(i).bucket), d.timestampParam(since), d.timestampParam(until));
        bindings << std::pair{since, QVariant(Timestamp::toSql(pieces.at(i).since))}
                 << std::pair{until, QVariant(Timestamp::toSql(pieces.at(i).until))};
    }
    QStringList kinds;
    for (int c = 0; c < CategoryCount; ++c) {
        for (int t = 0; t < SourceTypeCount; ++t) {
            const QString category = QStringLiteral(":c%1_%2").arg(c).arg(t);
            const QString sourceType = QStringLiteral(":t%1_%2").arg(c).arg(t);
            kinds << QStringLiteral("(%1, %2)").arg(d.categoryParam(category), d.sourceTypeParam(sourceType));
            bindings << std::pair{category, QVariant(XpEnums::name(static_cast<Category>(c)))}
                     << std::pair{sourceType, QVariant(XpEnums::name(static_cast<SourceType>(t)))};
        }
    }
    const QString rowsOf = QStringLiteral("FROM \"UserXP\" x WHERE x.\"category\" = k.category AND x.\"sourceType\" = "
                                          "k.source_type AND x.\"createdAt\" >= b.since AND x.\"createdAt\" < b.until");
    const QString sql
        = QStringLiteral("WITH b(i, since, until) AS (VALUES %1), k(category, source_type) AS (VALUES %2) "
                         "SELECT b.i, k.category, k.source_type, (SELECT SUM(x.\"amount\") %3), "
                         "(SELECT count(*) %3) FROM b CROSS JOIN k")
              .arg(buckets.join(QStringLiteral(", ")), kinds.join(QStringLiteral(", ")), rowsOf);
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qint64 count = rows->integer(4);
        if (count == 0)
            continue;
        if (const Status s = add(data, rows->integer(0), rows->text(1), rows->text(2), rows->integer(3), count); !s)
            return s;
    }
    return {};
}

Status ChartQuery::sumPerBucket(ChartData &data, const HistoryFilter &filter, const QList<Piece> &pieces,
                                const CancelToken *cancel)
{
    // Without the covering index (a database Prisma manages), or for one user: per bucket, one
    // GROUP BY over a range of the "createdAt" (or "userId", "createdAt") index.
    const Dialect &d = m_db.dialect();
    for (const Piece &piece : pieces) {
        if (cancel && cancel->isCancelled())
            return Error::cancelled(QCoreApplication::translate("ChartQuery", "Charting cancelled"));
        HistoryFilter bucket = filter;
        bucket.since = piece.since;
        bucket.until = piece.until;
        Bindings bindings;
        const QString where = HistoryQuery::whereClause(d, bucket, bindings);
        const QString sql = bucket.asOf.isValid()
            ? AsOfRows::grouped(d, {QStringLiteral("\"category\""), QStringLiteral("\"sourceType\"")}, where,
                                bucket.asOf, bindings)
            : QStringLiteral("SELECT \"category\", \"sourceType\", SUM(\"amount\"), count(*) FROM \"UserXP\" "
                             "WHERE %1 GROUP BY 1, 2")
                  .arg(where);
        auto rows = m_db.run(sql, bindings);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            if (const Status s
                = add(data, piece.bucket, rows->text(0), rows->text(1), rows->integer(2), rows->integer(3));
                !s)
                return s;
        }
    }
    return {};
}

Status ChartQuery::sumRollup(ChartData &data, const HistoryFilter &filter, const QList<Piece> &pieces,
                             const CancelToken *cancel)
{
    // A local day is whole UTC hours wherever the zone is a whole number of hours off UTC; half-
    // and quarter-hour zones leave a partial hour at each edge, read from the rows.
    QList<Piece> hours;
    QList<Piece> rows;
    for (const Piece &piece : pieces) {
        const QDateTime first = ceilTo(piece.since, HourMs);
        const QDateTime end = floorTo(piece.until, HourMs);
        if (first >= end) {
            rows << piece;
            continue;
        }
        hours << Piece{piece.bucket, first, end};
        if (piece.since < first)
            rows << Piece{piece.bucket, piece.since, first};
        if (end < piece.until)
            rows << Piece{piece.bucket, end, piece.until};
    }
    // One snapshot: on PostgreSQL the rollups and what the log and capture hold after them.
    return m_db.readTransaction([&]() -> Status {
        if (const Status s = hours.isEmpty() ? Status() : sumRollupHours(data, hours); !s)
            return s;
        if (const Status s = hours.isEmpty() || !m_db.dialect().isPostgres() ? Status() : sumPending(data, hours); !s)
            return s;
        if (rows.isEmpty())
            return {};
        auto covered = hasIndex(CoveringIndex);
        if (!covered)
            return covered.error();
        return *covered ? sumCovered(data, rows) : sumPerBucket(data, filter, rows, cancel);
    });
}

Status ChartQuery::sumPending(ChartData &data, const QList<Piece> &hours)
{
    // What the rollups do not hold yet (LoggedRollups::pending), by hour, into the pieces of whole
    // hours (in time order, none overlapping).
    const Dialect &d = m_db.dialect();
    auto rows = m_db.run(QStringLiteral("SELECT category, source_type, to_char(at, 'YYYY-MM-DD HH24'), SUM(xp), SUM(n) "
                                        "FROM %1 p WHERE at >= %2 AND at < %3 GROUP BY 1, 2, 3")
                             .arg(LoggedRollups::pending(d), d.timestampParam(QStringLiteral(":since")),
                                  d.timestampParam(QStringLiteral(":until"))),
                         {{QStringLiteral(":since"), Timestamp::toSql(hours.constFirst().since)},
                          {QStringLiteral(":until"), Timestamp::toSql(hours.constLast().until)}});
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const QString hour = rows->text(2);
        const auto piece = std::upper_bound(hours.cbegin(), hours.cend(), hour, [](const QString &key, const Piece &p) {
            return key < RollupDdl::hourKey(p.since);
        });
        // Hours between pieces are partial, read from the rows; an updated amount counts (n 0).
        if (piece == hours.cbegin() || hour >= RollupDdl::hourKey(std::prev(piece)->until)
            || (rows->integer(3) == 0 && rows->integer(4) == 0))
            continue;
        if (const Status s
            = add(data, std::prev(piece)->bucket, rows->text(0), rows->text(1), rows->integer(3), rows->integer(4));
            !s)
            return s;
    }
    return {};
}

Status ChartQuery::sumRollupHours(ChartData &data, const QList<Piece> &hours)
{
    // The same shape as sumCovered: per piece and per category and source type, a range of the
    // hourly rollup's key (category, source type, hour).
    Bindings bindings;
    QStringList ranges;
    for (qsizetype i = 0; i < hours.size(); ++i) {
        const QString since = QStringLiteral(":s%1").arg(i);
        const QString until = QStringLiteral(":e%1").arg(i);
        ranges << QStringLiteral("(%1, %2, %3)").arg(QString::number(hours.at(i).bucket), since, until);
        bindings << std::pair{since, QVariant(RollupDdl::hourKey(hours.at(i).since))}
                 << std::pair{until, QVariant(RollupDdl::hourKey(hours.at(i).until))};
    }
    QStringList kinds;
    for (int c = 0; c < CategoryCount; ++c) {
        for (int t = 0; t < SourceTypeCount; ++t) {
            const QString category = QStringLiteral(":c%1_%2").arg(c).arg(t);
            const QString sourceType = QStringLiteral(":t%1_%2").arg(c).arg(t);
            kinds << QStringLiteral("(%1, %2)").arg(category, sourceType);
            bindings << std::pair{category, QVariant(XpEnums::name(static_cast<Category>(c)))}
                     << std::pair{sourceType, QVariant(XpEnums::name(static_cast<SourceType>(t)))};
        }
    }
    const QString rowsOf = QStringLiteral("FROM %1 r WHERE r.category = k.category AND r.source_type = k.source_type "
                                          "AND r.hour >= b.since AND r.hour < b.until")
                               .arg(RollupDdl::hourTable(m_db.dialect()));
    const QString sql = QStringLiteral("WITH b(i, since, until) AS (VALUES %1), k(category, source_type) AS (VALUES "
                                       "%2) SELECT b.i, k.category, k.source_type, (SELECT SUM(r.xp) %3), "
                                       "(SELECT SUM(r.n) %3) FROM b CROSS JOIN k")
                            .arg(ranges.join(QStringLiteral(", ")), kinds.join(QStringLiteral(", ")), rowsOf);
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qint64 count = rows->isNull(4) ? 0 : rows->integer(4);
        if (count == 0)
            continue;
        if (const Status s = add(data, rows->integer(0), rows->text(1), rows->text(2), rows->integer(3), count); !s)
            return s;
    }
    return {};
}

QString ChartQuery::rollupLeaderboard(const QDateTime &since, const QDateTime &until, Bindings &bindings) const
{
    // Whole UTC days from the daily rollup; the hours before the first and after the last from
    // the rows (by "createdAt"). A user whose rows in the range were all removed has a rollup
    // row of nothing left, which HAVING leaves out as the rows would.
    const Dialect &d = m_db.dialect();
    const QDateTime first = ceilTo(since, DayMs);
    const QDateTime end = floorTo(until, DayMs);
    QList<std::pair<QDateTime, QDateTime>> rowRanges;
    QStringList parts;
    if (first < end) {
        parts << QStringLiteral("SELECT user_id, xp, n FROM %1 WHERE day >= :d0 AND day < :d1")
                     .arg(RollupDdl::dayTable(d));
        bindings << std::pair{QStringLiteral(":d0"), QVariant(RollupDdl::dayKey(first))}
                 << std::pair{QStringLiteral(":d1"), QVariant(RollupDdl::dayKey(end))};
        if (since < first)
            rowRanges << std::pair{since, first};
        if (end < until)
            rowRanges << std::pair{end, until};
    } else {
        rowRanges << std::pair{since, until};
    }
    if (first < end && d.isPostgres()) {
        // What the daily rollup does not hold yet, in the same statement (one snapshot).
        parts << QStringLiteral("SELECT user_id, xp, n FROM %1 p WHERE at >= %2 AND at < %3")
                     .arg(LoggedRollups::pending(d), d.timestampParam(QStringLiteral(":pd0")),
                          d.timestampParam(QStringLiteral(":pd1")));
        bindings << std::pair{QStringLiteral(":pd0"), QVariant(Timestamp::toSql(first))}
                 << std::pair{QStringLiteral(":pd1"), QVariant(Timestamp::toSql(end))};
    }
    for (qsizetype i = 0; i < rowRanges.size(); ++i) {
        const QString from = QStringLiteral(":rs%1").arg(i);
        const QString to = QStringLiteral(":re%1").arg(i);
        parts << QStringLiteral("SELECT \"userId\" AS user_id, \"amount\" AS xp, 1 AS n FROM \"UserXP\" WHERE "
                                "\"createdAt\" >= %1 AND "
                                "\"createdAt\" < %2")
                     .arg(d.timestampParam(from), d.timestampParam(to));
        bindings << std::pair{from, QVariant(Timestamp::toSql(rowRanges.at(i).first))}
                 << std::pair{to, QVariant(Timestamp::toSql(rowRanges.at(i).second))};
    }
    return QStringLiteral("SELECT t.user_id, u.\"email\", u.\"name\", t.xp, t.n FROM (SELECT a.user_id, SUM(a.xp) AS "
                          "xp, SUM(a.n) AS n FROM (%1) a GROUP BY a.user_id HAVING SUM(a.n) > 0 ORDER BY 2 DESC, 1 "
                          "LIMIT :limit) t JOIN \"User\" u ON u.\"id\" = t.user_id ORDER BY t.xp DESC, t.user_id")
        .arg(parts.join(QStringLiteral(" UNION ALL ")));
}
