#include "tests/charts/RollupChecks.h"

#include "core/capture/LoggedRollups.h"
#include "core/charts/ChartQuery.h"
#include "core/db/Database.h"
#include "core/db/RollupDdl.h"
#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "tests/support/TestBackend.h"

#include <QMap>
#include <QTest>

namespace {

using Sums = QMap<QString, std::pair<qint64, qint64>>; // key -> (xp, transactions)

} // namespace

namespace RollupChecks {

void compareGains(Database &db, const QString &stage)
{
    // XP, transactions and the positive amounts per user and UTC month and year, from every row.
    const Dialect &d = db.dialect();
    QMap<QString, std::array<qint64, 3>> rows;
    {
        auto all = db.run(QStringLiteral("SELECT \"userId\", \"amount\", \"createdAt\" FROM \"UserXP\""));
        QVERIFY(all);
        while (all->next()) {
            const QString month = d.readTimestamp(all->value(2)).toUTC().toString(QStringLiteral("yyyy-MM"));
            for (const QString &period : {month, month.left(4)}) {
                auto &sums = rows[all->text(0) + QLatin1Char('/') + period];
                sums[0] += all->integer(1);
                sums[1] += 1;
                sums[2] += std::max<qint64>(all->integer(1), 0);
            }
        }
    }
    // A user's period whose rows were all removed holds zeros.
    const QString pending = d.isPostgres()
        ? QStringLiteral(" UNION ALL SELECT user_id, to_char(at, p.f), xp, n, n * GREATEST(n * xp, 0) FROM %1 x CROSS "
                         "JOIN (VALUES ('YYYY-MM'), ('YYYY')) p(f)")
              .arg(LoggedRollups::pending(d))
        : QString();
    auto stored = db.run(QStringLiteral("SELECT user_id || '/' || period, SUM(xp), SUM(n), SUM(gain) FROM (SELECT "
                                        "user_id, period, xp, n, gain FROM %1%2) r GROUP BY 1 HAVING SUM(n) <> 0 OR "
                                        "SUM(xp) <> 0 OR SUM(gain) <> 0")
                             .arg(RollupDdl::gainTable(d), pending));
    QVERIFY(stored);
    QMap<QString, std::array<qint64, 3>> gains;
    while (stored->next())
        gains.insert(stored->text(0), {stored->integer(1), stored->integer(2), stored->integer(3)});
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const auto held = gains.value(it.key());
        if (held != it.value())
            qWarning("%s: %s rows %lld/%lld/%lld, gains %lld/%lld/%lld", qPrintable(stage), qPrintable(it.key()),
                     it.value()[0], it.value()[1], it.value()[2], held[0], held[1], held[2]);
    }
    QVERIFY2(gains == rows, qPrintable(stage + QStringLiteral(": the gains")));
}

void compareRollups(Database &db, const QString &stage)
{
    // The rollups against sums made here from every row, with keys made from the instants read.
    const Dialect &d = db.dialect();
    Sums hours;
    Sums days;
    {
        auto rows = db.run(QStringLiteral(
            "SELECT \"userId\", \"amount\", \"category\", \"sourceType\", \"createdAt\" FROM \"UserXP\""));
        QVERIFY(rows);
        while (rows->next()) {
            const QDateTime at = d.readTimestamp(rows->value(4));
            const QString kind = rows->text(2) + QLatin1Char('/') + rows->text(3);
            const QString hourKey = kind + QLatin1Char('/') + RollupDdl::hourKey(at);
            const QString dayKey = RollupDdl::dayKey(at) + QLatin1Char('/') + rows->text(0) + QLatin1Char('/') + kind;
            for (auto [sums, key] : {std::pair{&hours, hourKey}, std::pair{&days, dayKey}}) {
                (*sums)[key].first += rows->integer(1);
                (*sums)[key].second += 1;
            }
        }
    }
    // On PostgreSQL, with what the rollups do not hold yet.
    const QString pending = d.isPostgres() ? LoggedRollups::pending(d) : QString();
    const QString hourRows
        = QStringLiteral("SELECT category, source_type, hour, xp, n FROM %1").arg(RollupDdl::hourTable(d))
        + (pending.isEmpty()
               ? QString()
               : QStringLiteral(" UNION ALL SELECT category, source_type, to_char(at, 'YYYY-MM-DD HH24'), "
                                "xp, n FROM %1 p")
                     .arg(pending));
    const QString dayRows
        = QStringLiteral("SELECT day, user_id, category, source_type, xp, n FROM %1").arg(RollupDdl::dayTable(d))
        + (pending.isEmpty() ? QString()
                             : QStringLiteral(" UNION ALL SELECT to_char(at, 'YYYY-MM-DD'), user_id, category, "
                                              "source_type, xp, n FROM %1 p")
                                   .arg(pending));
    for (auto [sums, sql] :
         {std::pair{&hours,
                    QStringLiteral("SELECT category || '/' || source_type || '/' || hour, SUM(xp), SUM(n) FROM (%1) r "
                                   "GROUP BY 1 HAVING SUM(n) <> 0")
                        .arg(hourRows)},
          std::pair{&days,
                    QStringLiteral("SELECT day || '/' || user_id || '/' || category || '/' || source_type, SUM(xp), "
                                   "SUM(n) FROM (%1) r GROUP BY 1 HAVING SUM(n) <> 0")
                        .arg(dayRows)}}) {
        Sums stored;
        auto rows = db.run(sql);
        QVERIFY(rows);
        while (rows->next())
            stored.insert(rows->text(0), {rows->integer(1), rows->integer(2)});
        if (stored != *sums) {
            for (auto it = sums->cbegin(); it != sums->cend(); ++it) {
                if (stored.value(it.key()) != it.value())
                    qWarning("%s: %s rows %lld/%lld, rollup %lld/%lld", qPrintable(stage), qPrintable(it.key()),
                             it.value().first, it.value().second, stored.value(it.key()).first,
                             stored.value(it.key()).second);
            }
        }
        QVERIFY2(stored == *sums, qPrintable(stage));
    }
    compareGains(db, stage);
    if (QTest::currentTestFailed())
        return;
    // The history's count of every row, which reads the rollups, is count(*).
    auto counted = HistoryQuery(db).count({});
    QVERIFY2(counted, qPrintable(counted ? QString() : counted.error().message));
    QCOMPARE(*counted, TestBackend::scalar(db, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong());
    // Nothing left at zero transactions but zero XP.
    QCOMPARE(TestBackend::scalar(
                 db, QStringLiteral("SELECT count(*) FROM %1 WHERE n = 0 AND xp <> 0").arg(RollupDdl::dayTable(d)))
                 .toLongLong(),
             0);
}

void compareChart(Database &db, const ChartRequest &request, const QString &stage)
{
    auto data = ChartQuery(db).load(request);
    QVERIFY2(data, qPrintable(data ? QString() : data.error().message));
    const QString what = QStringLiteral("%1, %2 to %3")
                             .arg(stage, data->first.toString(Qt::ISODate), data->last.toString(Qt::ISODate));
    // The plain GROUP BY of each bucket's rows, its edges the local midnights.
    const Dialect &d = db.dialect();
    CategorySums whole;
    std::array<CategorySums, SourceTypeCount> bySource{};
    for (qsizetype i = 0; i < data->buckets.size(); ++i) {
        const QDate from = std::max(data->buckets.at(i), data->first);
        const QDate to = i + 1 < data->buckets.size() ? data->buckets.at(i + 1) : data->last.addDays(1);
        auto rows = db.run(QStringLiteral("SELECT \"category\", \"sourceType\", SUM(\"amount\"), count(*) FROM "
                                          "\"UserXP\" WHERE \"createdAt\" >= %1 AND \"createdAt\" < %2 GROUP BY 1, 2")
                               .arg(d.timestampParam(QStringLiteral(":from")), d.timestampParam(QStringLiteral(":to"))),
                           {{QStringLiteral(":from"), Timestamp::toSql(from.startOfDay().toUTC())},
                            {QStringLiteral(":to"), Timestamp::toSql(to.startOfDay().toUTC())}});
        QVERIFY(rows);
        CategorySums bucket;
        while (rows->next()) {
            const int c = int(*XpEnums::categoryFromName(rows->text(0)));
            const int t = int(*XpEnums::sourceTypeFromName(rows->text(1)));
            for (CategorySums *sums : {&bucket, &whole, &bySource[t]}) {
                sums->xp[c] += rows->integer(2);
                sums->transactions[c] += rows->integer(3);
            }
        }
        QVERIFY2(bucket.xp == data->overTime.at(i).xp && bucket.transactions == data->overTime.at(i).transactions,
                 qPrintable(QStringLiteral("%1: bucket %2").arg(what, data->buckets.at(i).toString(Qt::ISODate))));
    }
    QVERIFY2(whole.xp == data->byCategory.xp && whole.transactions == data->byCategory.transactions, qPrintable(what));
    for (int t = 0; t < SourceTypeCount; ++t)
        QVERIFY2(bySource[t].xp == data->bySourceType[t].xp, qPrintable(what));
    // The leaderboard of a range: the plain GROUP BY "userId" (over all time it is the totals).
    if (!request.first.isValid() && !request.last.isValid())
        return;
    auto rows = db.run(QStringLiteral("SELECT \"userId\", SUM(\"amount\"), count(*) FROM \"UserXP\" WHERE "
                                      "\"createdAt\" >= %1 AND \"createdAt\" < %2 GROUP BY 1 ORDER BY 2 DESC, 1 "
                                      "LIMIT :limit")
                           .arg(d.timestampParam(QStringLiteral(":from")), d.timestampParam(QStringLiteral(":to"))),
                       {{QStringLiteral(":from"), Timestamp::toSql(data->first.startOfDay().toUTC())},
                        {QStringLiteral(":to"), Timestamp::toSql(data->last.addDays(1).startOfDay().toUTC())},
                        {QStringLiteral(":limit"), request.topUsers}});
    QVERIFY(rows);
    QStringList expected;
    while (rows->next())
        expected << QStringLiteral("%1 %2 %3").arg(rows->text(0)).arg(rows->integer(1)).arg(rows->integer(2));
    QStringList actual;
    for (const TopUser &user : std::as_const(data->topUsers))
        actual << QStringLiteral("%1 %2 %3").arg(user.userId).arg(user.xp).arg(user.transactions);
    QCOMPARE(actual, expected);
}

} // namespace RollupChecks
