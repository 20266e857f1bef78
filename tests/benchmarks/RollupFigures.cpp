#include "tests/benchmarks/RollupFigures.h"

#include "core/capture/CaptureInstaller.h"
#include "core/charts/BoundedTopUsers.h"
#include "core/charts/ChartQuery.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

#include <QElapsedTimer>
#include <QScopeGuard>

using BenchText::number;
using SideBySide::compare;
using SideBySide::timed;

namespace {

// The request of the last `days` local days up to today; 0: all time.
ChartRequest request(int days, int topUsers)
{
    ChartRequest request;
    request.topUsers = topUsers;
    if (days > 0) {
        request.last = QDate::currentDate();
        request.first = request.last.addDays(1 - days);
    }
    return request;
}

QByteArray sqlOf(const QDate &day)
{
    return Timestamp::toSql(day.startOfDay().toUTC()).toUtf8();
}

QString rangeName(int days)
{
    return days == 0 ? QStringLiteral("all time") : QStringLiteral("%1 days").arg(days);
}

} // namespace

Status RollupFigures::run()
{
    // PostgreSQL keeps the rollups with capture installed (LoggedRollups): installed here, when it
    // is not, and removed again after the figures; the install's time is in 12a's notes.
    bool installedHere = false;
    if (m_context.db.dialect().isPostgres()) {
        auto status = CaptureInstaller(m_context.db).status();
        if (!status)
            return status.error();
        if (!status->installed) {
            QElapsedTimer clock;
            clock.start();
            if (const Status s = CaptureInstaller(m_context.db).install(); !s)
                return s;
            installedHere = true;
            m_installMs = clock.elapsed();
        }
    }
    const auto removeAfter = qScopeGuard([&] {
        if (installedHere)
            static_cast<void>(CaptureInstaller(m_context.db).remove());
    });
    const std::pair<QString, int> charted[]
        = {{QStringLiteral("12a"), 0}, {QStringLiteral("12b"), 365}, {QStringLiteral("12c"), 30}};
    for (const auto &[id, days] : charted) {
        if (const Status s = m_context.options.wants(id) ? charts(id, days) : Status(); !s)
            return s;
    }
    const std::pair<QString, int> ranked[]
        = {{QStringLiteral("12d"), 0}, {QStringLiteral("12e"), 365}, {QStringLiteral("12f"), 7}};
    for (const auto &[id, days] : ranked) {
        if (const Status s = m_context.options.wants(id) ? topUsers(id, days) : Status(); !s)
            return s;
    }
    return {};
}

Status RollupFigures::charts(const QString &id, int days)
{
    // XP Admin: every figure of the three charts in one request (ChartQuery::load without the
    // leaderboard); raw: the one GROUP BY of bucket, category and source type they come from.
    ChartData data;
    QList<RawTotal> rows;
    Samples x, r;
    const Status status
        = compare(m_context.options.repeat, timed([&]() -> Status {
                      auto loaded = ChartQuery(m_context.db).load(request(days, 0));
                      if (!loaded)
                          return loaded.error();
                      data = *loaded;
                      return {};
                  }),
                  timed([&]() -> Status {
                      const ChartRequest asked = request(days, 0);
                      const bool byDay = days > 0 && ChartBuckets::unitFor(asked.first, asked.last) == BucketUnit::Day;
                      auto sums = days == 0
                          ? m_context.raw.chartSums({}, {}, false)
                          : m_context.raw.chartSums(sqlOf(asked.first), sqlOf(asked.last.addDays(1)), byDay);
                      if (!sums)
                          return sums.error();
                      rows = *sums;
                      return {};
                  }),
                  x, r);
    if (!status)
        return status;
    qint64 xp = 0;
    qint64 count = 0;
    for (const RawTotal &row : std::as_const(rows)) {
        xp += row.total;
        count += row.count;
    }
    if (xp != data.byCategory.totalXp() || count != data.byCategory.totalTransactions())
        return Error::database(QStringLiteral("the charts differ: %1 XP in %2 transactions (XP Admin), %3 in %4 (raw)")
                                   .arg(data.byCategory.totalXp())
                                   .arg(data.byCategory.totalTransactions())
                                   .arg(xp)
                                   .arg(count));
    m_context.add({id,
                   QStringLiteral("charts of everyone, %1 (%2 %3s); raw: GROUP BY bucket, category, source type")
                       .arg(rangeName(days))
                       .arg(data.buckets.size())
                       .arg(ChartBuckets::unitName(data.unit)),
                   x.median(),
                   r.median(),
                   QStringLiteral("%1 rows charted%2")
                       .arg(number(double(count)),
                            m_installMs >= 0 && days == 0 ? QStringLiteral("; capture install, rollups built: %1 s")
                                                                .arg(double(m_installMs) / 1000.0, 0, 'f', 1)
                                                          : QString()),
                   {{QStringLiteral("rows_charted"), count}, {QStringLiteral("runs"), int(x.size())}}});
    return {};
}

Status RollupFigures::topUsers(const QString &id, int days)
{
    // XP Admin: the leaderboard of the range of figures already loaded, as the charts view asks
    // for it; raw: GROUP BY "userId" over the range's rows.
    ChartData range;
    range.request = request(days, RawEngine::LeaderboardTop);
    if (days > 0) {
        range.first = range.request.first;
        range.last = range.request.last;
    }
    QList<TopUser> xTop;
    QList<RawTotal> rTop;
    Samples x, r;
    const Status status = compare(m_context.options.repeat, timed([&]() -> Status {
                                      auto top = ChartQuery(m_context.db).leaderboard(range);
                                      if (!top)
                                          return top.error();
                                      xTop = *top;
                                      return {};
                                  }),
                                  timed([&]() -> Status {
                                      auto top = days == 0 ? m_context.raw.leaderboard(RawEngine::LeaderboardTop)
                                                           : m_context.raw.leaderboardOf(sqlOf(range.first),
                                                                                         sqlOf(range.last.addDays(1)),
                                                                                         RawEngine::LeaderboardTop);
                                      if (!top)
                                          return top.error();
                                      rTop = *top;
                                      return {};
                                  }),
                                  x, r);
    if (!status)
        return status;
    if (xTop.size() != rTop.size())
        return Error::database(QStringLiteral("the leaderboards differ"));
    for (qsizetype i = 0; i < xTop.size(); ++i) {
        if (xTop.at(i).userId.toUtf8() != rTop.at(i).key || xTop.at(i).xp != rTop.at(i).total)
            return Error::database(QStringLiteral("the leaderboards differ at place %1").arg(i + 1));
    }
    // How many users' rows a range's leaderboard summed, where the monthly rollup bounds the rest.
    QString notes = days == 0 ? QStringLiteral("XP Admin: the cached totals") : QString();
    if (days > 0) {
        BoundedTopUsers bounded(m_context.db);
        auto top = bounded.read(range.first.startOfDay().toUTC(), range.last.addDays(1).startOfDay().toUTC(),
                                RawEngine::LeaderboardTop);
        if (top && top->has_value())
            notes = QStringLiteral("XP Admin summed %1 users' rows (BoundedTopUsers)").arg(bounded.candidates());
    }
    m_context.add({id,
                   QStringLiteral("top %1 users, %2; raw: GROUP BY \"userId\"")
                       .arg(RawEngine::LeaderboardTop)
                       .arg(rangeName(days)),
                   x.median(),
                   r.median(),
                   notes,
                   {{QStringLiteral("runs"), int(x.size())}}});
    return {};
}
