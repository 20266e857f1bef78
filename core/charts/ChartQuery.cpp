#include "core/charts/ChartQuery.h"

#include "core/db/Database.h"
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

} // namespace

Result<ChartData> ChartQuery::load(const ChartRequest &request, const CancelToken *cancel)
{
    const Dialect &d = m_db.dialect();
    ChartData data;
    data.request = request;
    data.first = request.first;
    data.last = request.last;

    // "All" (an open end): from the first transaction's day, up to the last one's or today.
    if (!data.first.isValid() || !data.last.isValid()) {
        Bindings bindings;
        const QString where = request.userId.isEmpty() ? QString() : QStringLiteral(" WHERE \"userId\" = :user");
        if (!request.userId.isEmpty())
            bindings << std::pair{QStringLiteral(":user"), QVariant(request.userId)};
        // Two subqueries, so that each of MIN and MAX is one step down an index.
        const QString sql = QStringLiteral("SELECT (SELECT MIN(\"createdAt\") FROM \"UserXP\"%1), "
                                           "(SELECT MAX(\"createdAt\") FROM \"UserXP\"%2)")
                                .arg(where, where.isEmpty() ? QString() : QStringLiteral(" WHERE \"userId\" = :user2"));
        if (!request.userId.isEmpty())
            bindings << std::pair{QStringLiteral(":user2"), QVariant(request.userId)};
        auto rows = m_db.run(sql, bindings);
        if (!rows)
            return rows.error();
        const QDate today = QDate::currentDate();
        QDate minDay = today;
        QDate maxDay = today;
        if (rows->next() && !rows->isNull(0)) {
            minDay = d.readTimestamp(rows->value(0)).toLocalTime().date();
            maxDay = std::max(today, d.readTimestamp(rows->value(1)).toLocalTime().date());
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
    const QList<std::pair<QDateTime, QDateTime>> edges = bucketEdges(data, filter);
    if (cancel && cancel->isCancelled())
        return Error::cancelled(QCoreApplication::translate("ChartQuery", "Charting cancelled"));
    // The ledger of a past moment is rebuilt from the log: no index covers it.
    auto covered = request.userId.isEmpty() && !request.asOf.isValid() ? hasCoveringIndex() : Result<bool>(false);
    if (!covered)
        return covered.error();
    if (const Status s = *covered ? sumCovered(data, edges) : sumPerBucket(data, filter, edges, cancel); !s)
        return s.error();

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
            // PostgreSQL's planner weighs the two ways itself, from its statistics; SQLite is told.
            auto byUser = d.isPostgres() ? Result<bool>(false) : readsUserByUser(everyone);
            if (!byUser)
                return byUser.error();
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
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    QList<TopUser> top;
    while (rows->next())
        top << TopUser{rows->text(0), rows->text(1), rows->text(2), rows->integer(3), rows->integer(4)};
    return top;
}

QList<std::pair<QDateTime, QDateTime>> ChartQuery::bucketEdges(const ChartData &data, const HistoryFilter &filter)
{
    // Local midnights computed here, right across daylight-saving changes; the first and last
    // buckets are cut to the range.
    QList<std::pair<QDateTime, QDateTime>> edges;
    for (qsizetype i = 0; i < data.buckets.size(); ++i) {
        const QDateTime since = std::max(filter.since, startOfLocalDay(data.buckets.at(i)));
        const QDateTime until = i + 1 < data.buckets.size()
            ? std::min(filter.until, startOfLocalDay(data.buckets.at(i + 1)))
            : filter.until;
        edges << std::pair{since, until};
    }
    return edges;
}

Result<bool> ChartQuery::hasIndex(const QString &name)
{
    auto state = Schema::inspect(m_db);
    if (!state)
        return state.error();
    return !state->missingIndexes.contains(name);
}

Result<bool> ChartQuery::hasCoveringIndex()
{
    return hasIndex(CoveringIndex);
}

Result<bool> ChartQuery::readsUserByUser(const HistoryFilter &range)
{
    auto indexed = hasIndex(UserCoveringIndex);
    if (!indexed || !*indexed)
        return indexed;
    // The share of the time from the first transaction to the last that the range spans: two
    // steps down the "createdAt" index, where counting the range's rows would read them all.
    auto rows = m_db.run(QStringLiteral("SELECT (SELECT MIN(\"createdAt\") FROM \"UserXP\"), "
                                        "(SELECT MAX(\"createdAt\") FROM \"UserXP\")"));
    if (!rows)
        return rows.error();
    if (!rows->next() || rows->isNull(0))
        return false;
    const Dialect &d = m_db.dialect();
    const QDateTime first = d.readTimestamp(rows->value(0));
    const QDateTime last = d.readTimestamp(rows->value(1));
    const qint64 spanMs = std::max<qint64>(1, first.msecsTo(last));
    const qint64 rangeMs = std::max(range.since, first).msecsTo(std::min(range.until, last));
    return double(rangeMs) / double(spanMs) >= FullScanShare;
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

Status ChartQuery::sumCovered(ChartData &data, const QList<std::pair<QDateTime, QDateTime>> &edges)
{
    // One statement: for every bucket and every category and source type, a sum read from the
    // covering index alone, in index order, with nothing to sort.
    const Dialect &d = m_db.dialect();
    Bindings bindings;
    QStringList buckets;
    for (qsizetype i = 0; i < edges.size(); ++i) {
        const QString since = QStringLiteral(":s%1").arg(i);
        const QString until = QStringLiteral(":e%1").arg(i);
        buckets
            << QStringLiteral("(%1, %2, %3)").arg(QString::number(i), d.timestampParam(since), d.timestampParam(until));
        bindings << std::pair{since, QVariant(Timestamp::toSql(edges.at(i).first))}
                 << std::pair{until, QVariant(Timestamp::toSql(edges.at(i).second))};
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

Status ChartQuery::sumPerBucket(ChartData &data, const HistoryFilter &filter,
                                const QList<std::pair<QDateTime, QDateTime>> &edges, const CancelToken *cancel)
{
    // Without the covering index (a database Prisma manages), or for one user: per bucket, one
    // GROUP BY over a range of the "createdAt" (or "userId", "createdAt") index.
    const Dialect &d = m_db.dialect();
    for (qsizetype i = 0; i < edges.size(); ++i) {
        if (cancel && cancel->isCancelled())
            return Error::cancelled(QCoreApplication::translate("ChartQuery", "Charting cancelled"));
        HistoryFilter bucket = filter;
        bucket.since = edges.at(i).first;
        bucket.until = edges.at(i).second;
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
            if (const Status s = add(data, i, rows->text(0), rows->text(1), rows->integer(2), rows->integer(3)); !s)
                return s;
        }
    }
    return {};
}
