#include "core/charts/BoundedTopUsers.h"

#include "core/capture/LoggedRollups.h"
#include "core/db/RollupDdl.h"
#include "core/domain/Timestamp.h"

#include <algorithm>
#include <functional>

namespace {

// Users a statement sums; a short last batch repeats its last user, so that every batch is the
// same prepared statement.
constexpr qsizetype Batch = 256;
// Users tied with the last of the top users that the final statement orders; beyond it the
// caller sums every user.
constexpr qsizetype MaxOrdered = 1000;

QDateTime monthStart(const QDateTime &at)
{
    const QDate day = at.toUTC().date();
    return QDateTime(QDate(day.year(), day.month(), 1), QTime(0, 0), Qt::UTC);
}

QDateTime yearStart(const QDateTime &at)
{
    return QDateTime(QDate(at.toUTC().date().year(), 1, 1), QTime(0, 0), Qt::UTC);
}

} // namespace

Result<bool> BoundedTopUsers::available(Database &db)
{
    // SQLite: schema 9 made it, and the triggers that keep the other rollups keep it.
    if (!db.dialect().isPostgres())
        return true;
    auto state = LoggedRollups::state(db);
    if (!state)
        return state.error();
    if (!state->gains)
        return false;
    auto rows
        = db.run(QStringLiteral("SELECT has_table_privilege('%1', 'SELECT')").arg(RollupDdl::gainTable(db.dialect())));
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

Result<std::optional<QList<TopUser>>> BoundedTopUsers::ofFilter(Database &db, const HistoryFilter &filter, int limit)
{
    std::optional<QList<TopUser>> none;
    HistoryFilter dates;
    dates.since = filter.since;
    dates.until = filter.until;
    if (limit <= 0 || filter != dates)
        return none;
    auto kept = LoggedRollups::readable(db);
    if (!kept)
        return kept.error();
    if (!*kept)
        return none;
    if (!dates.since.isValid() || !dates.until.isValid()) {
        // An open end: the first or the last transaction's time.
        auto span = HistoryQuery(db).timeSpan();
        if (!span)
            return span.error();
        if (!*span)
            return std::optional<QList<TopUser>>(QList<TopUser>());
        if (!dates.since.isValid())
            dates.since = (*span)->first;
        if (!dates.until.isValid())
            dates.until = (*span)->second.addMSecs(1);
    }
    return BoundedTopUsers(db).read(dates.since, dates.until, limit);
}

Result<std::optional<QList<TopUser>>> BoundedTopUsers::read(const QDateTime &since, const QDateTime &until, int limit)
{
    std::optional<QList<TopUser>> answer;
    m_sums.clear();
    if (limit <= 0 || since >= until)
        return std::optional<QList<TopUser>>(QList<TopUser>());
    // A range that is a small part of the months it touches (a week across the turn of a month)
    // is bounded by gains of far more days than it has: its own rows are quicker.
    const QDateTime touched
        = std::min(monthStart(until.addMSecs(-1)).addMonths(1), std::max(until, QDateTime::currentDateTimeUtc()));
    if (double(since.msecsTo(until)) < m_limits.minShare * double(monthStart(since).msecsTo(touched)))
        return answer;
    auto gains = available(m_db);
    if (!gains)
        return gains.error();
    if (!*gains)
        return answer;
    QStringList months;
    for (QDateTime month = monthStart(since); month < until; month = month.addMonths(1))
        months << month.toString(QStringLiteral("yyyy-MM"));
    QStringList years;
    const QDateTime first = yearStart(since);
    QDateTime end = first;
    for (; end < until; end = end.addYears(1))
        years << end.toString(QStringLiteral("yyyy"));

    const Status status = m_db.readTransaction([&]() -> Status {
        answer.reset();
        m_sums.clear();
        if (m_db.dialect().isPostgres()) {
            // Their gains in the years of the range may be behind: their rows decide.
            QSet<QString> behind;
            if (const Status s = readPending(first, end, behind); !s)
                return s;
            if (behind.size() > m_limits.maxCandidates)
                return {};
            if (const Status s = sum(behind, Cover{{}, {{since, until}}}); !s)
                return s;
        }
        const Cover covered = cover(since, until);
        QSet<QString> fresh;
        for (int perPeriod = m_limits.perPeriod;; perPeriod *= 2) {
            auto bound = readPeriods(months, years, perPeriod, fresh);
            if (!bound)
                return bound.error();
            if (m_sums.size() + fresh.size() > m_limits.maxCandidates)
                return {};
            if (const Status s = sum(fresh, covered); !s)
                return s;
            fresh.clear();
            if (bound->has_value()) {
                const auto [ranked, last] = lastOfTop(limit);
                if (ranked < limit || last <= **bound)
                    continue;
            }
            auto top = named(limit);
            if (!top)
                return top.error();
            answer = std::move(*top);
            return {};
        }
    });
    if (!status)
        return status.error();
    return answer;
}

Result<std::optional<qint64>> BoundedTopUsers::readPeriods(const QStringList &months, const QStringList &years,
                                                           int perPeriod, QSet<QString> &fresh)
{
    const Dialect &d = m_db.dialect();
    const QStringList periods = months + years;
    Bindings bindings;
    QStringList parts;
    for (qsizetype i = 0; i < periods.size(); ++i) {
        const QString n = QString::number(i);
        parts << QStringLiteral("SELECT %1 AS i, user_id, gain FROM (SELECT user_id, gain FROM %2 WHERE period = :p%1 "
                                "ORDER BY gain DESC LIMIT :l%1) p%1")
                     .arg(n, RollupDdl::gainTable(d));
        bindings << std::pair{QStringLiteral(":p") + n, QVariant(periods.at(i))}
                 << std::pair{QStringLiteral(":l") + n, QVariant(perPeriod)};
    }
    auto rows = m_db.run(parts.join(QStringLiteral(" UNION ALL ")), bindings);
    if (!rows)
        return rows.error();
    QList<int> read(periods.size(), 0);
    QList<qint64> lastGain(periods.size(), 0);
    while (rows->next()) {
        const auto period = rows->integer(0);
        ++read[period];
        lastGain[period] = rows->integer(2);
        if (const QString user = rows->text(1); !m_sums.contains(user))
            fresh.insert(user);
    }
    // What a user not read can have gained in a period: the last gain read, or nothing where every
    // user of the period was read. In a year, the least of the year's and the sum of its months'.
    const auto bound = [&](qsizetype i) { return read.at(i) < perPeriod ? std::optional<qint64>() : lastGain.at(i); };
    bool everyone = true;
    qint64 total = 0;
    for (qsizetype y = 0; y < years.size(); ++y) {
        const auto year = bound(months.size() + y);
        std::optional<qint64> inMonths;
        for (qsizetype m = 0; m < months.size(); ++m) {
            if (const auto month = bound(m); month && months.at(m).startsWith(years.at(y)))
                inMonths = inMonths.value_or(0) + *month;
        }
        everyone = everyone && (!year || !inMonths);
        total += std::min(year.value_or(0), inMonths.value_or(0));
    }
    return everyone ? std::optional<qint64>() : std::optional<qint64>(total);
}

Status BoundedTopUsers::readPending(const QDateTime &since, const QDateTime &until, QSet<QString> &fresh)
{
    const Dialect &d = m_db.dialect();
    auto rows = m_db.run(
        QStringLiteral("SELECT DISTINCT user_id FROM %1 p WHERE at >= %2 AND at < %3")
            .arg(LoggedRollups::pending(d), d.timestampParam(QStringLiteral(":since")),
                 d.timestampParam(QStringLiteral(":until"))),
        {{QStringLiteral(":since"), Timestamp::toSql(since)}, {QStringLiteral(":until"), Timestamp::toSql(until)}});
    if (!rows)
        return rows.error();
    while (rows->next())
        fresh.insert(rows->text(0));
    return {};
}

BoundedTopUsers::Cover BoundedTopUsers::cover(const QDateTime &since, const QDateTime &until)
{
    // Whole months from the first that starts in the range to the last that ends in it, a whole
    // year where it can; the partial months at the edges from the rows.
    const QDateTime first = monthStart(since) == since ? since : monthStart(since).addMonths(1);
    const QDateTime end = monthStart(until);
    if (first >= end)
        return {{}, {{since, until}}};
    Cover result;
    for (QDateTime at = first; at < end;) {
        const bool wholeYear = at.date().month() == 1 && at.addYears(1) <= end;
        result.periods << at.toString(wholeYear ? QStringLiteral("yyyy") : QStringLiteral("yyyy-MM"));
        at = wholeYear ? at.addYears(1) : at.addMonths(1);
    }
    if (since < first)
        result.rows << Span{since, first};
    if (end < until)
        result.rows << Span{end, until};
    return result;
}

Status BoundedTopUsers::sum(const QSet<QString> &fresh, const Cover &cover)
{
    // One statement a batch of users: their whole periods' sums from the gains, and their rows
    // in each partial span (its own range of the index of each user's rows).
    const Dialect &d = m_db.dialect();
    Bindings fixed;
    QList<QStringList> users;
    QStringList parts;
    const auto batch = [&](const QString &prefix) {
        QStringList names;
        for (qsizetype i = 0; i < Batch; ++i)
            names << QStringLiteral(":%1%2").arg(prefix).arg(i);
        users << names;
        return names.join(QStringLiteral(", "));
    };
    if (!cover.periods.isEmpty()) {
        QStringList keys;
        for (qsizetype i = 0; i < cover.periods.size(); ++i) {
            keys << QStringLiteral(":k%1").arg(i);
            fixed << std::pair{keys.constLast(), QVariant(cover.periods.at(i))};
        }
        // One step down the index a user, then along their periods from the first to the last
        // (the months of a year summed whole are passed over).
        parts << QStringLiteral(
                     "SELECT u, x * k AS x, c * k AS c FROM (SELECT user_id AS u, xp AS x, n AS c, CASE WHEN period "
                     "IN (%3) THEN 1 ELSE 0 END AS k FROM %1 WHERE user_id IN (%2) AND period >= :lo AND "
                     "period <= :hi) g")
                     .arg(RollupDdl::gainTable(d), batch(QStringLiteral("g")), keys.join(QStringLiteral(", ")));
        fixed << std::pair{QStringLiteral(":lo"), QVariant(cover.periods.constFirst())}
              << std::pair{QStringLiteral(":hi"), QVariant(cover.periods.constLast())};
    }
    for (qsizetype i = 0; i < cover.rows.size(); ++i) {
        const QString from = QStringLiteral(":a%1").arg(i);
        const QString to = QStringLiteral(":b%1").arg(i);
        parts << QStringLiteral("SELECT \"userId\" AS u, \"amount\" AS x, 1 AS c FROM \"UserXP\" WHERE \"userId\" IN "
                                "(%1) AND \"createdAt\" >= %2 AND \"createdAt\" < %3")
                     .arg(batch(QStringLiteral("r%1_").arg(i)), d.timestampParam(from), d.timestampParam(to));
        fixed << std::pair{from, QVariant(Timestamp::toSql(cover.rows.at(i).since))}
              << std::pair{to, QVariant(Timestamp::toSql(cover.rows.at(i).until))};
    }
    const QString sql = QStringLiteral("SELECT u, SUM(x), SUM(c) FROM (%1) s GROUP BY 1")
                            .arg(parts.join(QStringLiteral(" UNION ALL ")));
    const QStringList ids(fresh.cbegin(), fresh.cend());
    for (qsizetype from = 0; from < ids.size(); from += Batch) {
        Bindings bindings = fixed;
        for (const QStringList &names : std::as_const(users)) {
            for (qsizetype i = 0; i < Batch; ++i)
                bindings << std::pair{names.at(i), QVariant(ids.at(std::min(from + i, ids.size() - 1)))};
        }
        auto rows = m_db.run(sql, bindings);
        if (!rows)
            return rows.error();
        for (qsizetype i = from; i < std::min(from + Batch, ids.size()); ++i)
            m_sums.insert(ids.at(i), Sum()); // no rows in the range: summed, and left out
        while (rows->next())
            m_sums.insert(rows->text(0), Sum{rows->integer(1), rows->integer(2)});
    }
    return {};
}

std::pair<qsizetype, qint64> BoundedTopUsers::lastOfTop(int limit) const
{
    QList<qint64> xp;
    for (const Sum &user : m_sums) {
        if (user.transactions > 0)
            xp << user.xp;
    }
    if (xp.isEmpty())
        return {0, 0};
    const qsizetype last = std::min<qsizetype>(limit, xp.size()) - 1;
    std::nth_element(xp.begin(), xp.begin() + last, xp.end(), std::greater<>());
    return {xp.size(), xp.at(last)};
}

Result<std::optional<QList<TopUser>>> BoundedTopUsers::named(int limit)
{
    // The users from the last one's XP up, ties included; the database orders them, so that ties
    // fall as the plain GROUP BY's "ORDER BY xp DESC, id" has them in its collation.
    const auto [ranked, floor] = lastOfTop(limit);
    if (ranked == 0)
        return std::optional<QList<TopUser>>(QList<TopUser>());
    QStringList values;
    Bindings bindings{{QStringLiteral(":limit"), limit}};
    for (auto it = m_sums.cbegin(); it != m_sums.cend(); ++it) {
        if (it->transactions == 0 || it->xp < floor)
            continue;
        if (values.size() == MaxOrdered)
            return std::optional<QList<TopUser>>();
        const QString n = QString::number(values.size());
        values << QStringLiteral("(CAST(:i%1 AS TEXT), CAST(:x%1 AS BIGINT), CAST(:n%1 AS BIGINT))").arg(n);
        bindings << std::pair{QStringLiteral(":i") + n, QVariant(it.key())}
                 << std::pair{QStringLiteral(":x") + n, QVariant(it->xp)}
                 << std::pair{QStringLiteral(":n") + n, QVariant(it->transactions)};
    }
    auto rows = m_db.run(QStringLiteral("WITH t(id, xp, n) AS (VALUES %1) SELECT t.id, u.\"email\", u.\"name\", t.xp, "
                                        "t.n FROM t JOIN \"User\" u ON u.\"id\" = t.id ORDER BY t.xp DESC, t.id "
                                        "LIMIT :limit")
                             .arg(values.join(QStringLiteral(", "))),
                         bindings);
    if (!rows)
        return rows.error();
    return std::optional<QList<TopUser>>(TopUser::readAll(*rows));
}
