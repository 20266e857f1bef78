#include "ChartQuery.h"

#include "db/Database.h"
#include "ledger/HistoryQuery.h"
#include "worker/CancelToken.h"

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
    filter.since = startOfLocalDay(data.first);
    filter.until = startOfLocalDay(data.last.addDays(1));

    // Every figure but the leaderboard: per time bucket, one GROUP BY category and source type.
    // The bucket edges are local midnights computed here (right across daylight-saving changes),
    // so each statement is a range scan of the "createdAt" index with nothing to sort but a
    // handful of groups; one statement grouping by a computed local day too would sort every row.
    for (qsizetype i = 0; i < data.buckets.size(); ++i) {
        if (cancel && cancel->isCancelled())
            return Error::cancelled(QCoreApplication::translate("ChartQuery", "Charting cancelled"));
        HistoryFilter bucket = filter;
        bucket.since = std::max(filter.since, startOfLocalDay(data.buckets.at(i)));
        if (i + 1 < data.buckets.size())
            bucket.until = std::min(filter.until, startOfLocalDay(data.buckets.at(i + 1)));
        Bindings bindings;
        const QString where = HistoryQuery::whereClause(d, bucket, bindings);
        auto rows = m_db.run(QStringLiteral("SELECT \"category\", \"sourceType\", SUM(\"amount\"), count(*) "
                                            "FROM \"UserXP\" WHERE %1 GROUP BY 1, 2")
                                 .arg(where),
                             bindings);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            const auto category = indexOf(XpEnums::categoryFromName(rows->text(0)));
            const auto sourceType = indexOf(XpEnums::sourceTypeFromName(rows->text(1)));
            if (!category || !sourceType)
                return Error::database(QCoreApplication::translate("ChartQuery",
                                                                   "Unknown category or source type "
                                                                   "in the ledger: %1, %2")
                                           .arg(rows->text(0), rows->text(1)));
            const qint64 xp = rows->integer(2);
            const qint64 count = rows->integer(3);
            for (CategorySums *sums : {&data.byCategory, &data.bySourceType[*sourceType], &data.overTime[i]}) {
                sums->xp[*category] += xp;
                sums->transactions[*category] += count;
            }
        }
    }

    // The leaderboard, always of everyone. Over all time it is the cached totals (the same as
    // the users list, and kept equal to the sums); over a range, one GROUP BY "userId".
    if (request.topUsers > 0) {
        Bindings bindings{{QStringLiteral(":limit"), QVariant(request.topUsers)}};
        QString sql;
        if (!request.first.isValid() && !request.last.isValid()) {
            sql = QStringLiteral("SELECT p.\"userId\", u.\"email\", u.\"name\", p.\"totalXP\", "
                                 "(SELECT count(*) FROM \"UserXP\" x WHERE x.\"userId\" = p.\"userId\") "
                                 "FROM \"UserProfile\" p JOIN \"User\" u ON u.\"id\" = p.\"userId\" "
                                 "ORDER BY p.\"totalXP\" DESC, p.\"userId\" LIMIT :limit");
        } else {
            HistoryFilter everyone = filter;
            everyone.userId.clear();
            const QString where = HistoryQuery::whereClause(d, everyone, bindings);
            sql = QStringLiteral("SELECT t.\"userId\", u.\"email\", u.\"name\", t.xp, t.n FROM ("
                                 "SELECT %1 AS \"userId\", SUM(\"amount\") AS xp, count(*) AS n FROM \"UserXP\" "
                                 "WHERE %2 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit) t "
                                 "JOIN \"User\" u ON u.\"id\" = t.\"userId\" ORDER BY t.xp DESC, t.\"userId\"")
                      .arg(d.unindexed(QStringLiteral("\"userId\"")), where);
        }
        auto rows = m_db.run(sql, bindings);
        if (!rows)
            return rows.error();
        while (rows->next())
            data.topUsers << TopUser{rows->text(0), rows->text(1), rows->text(2), rows->integer(3), rows->integer(4)};
    }
    return data;
}
