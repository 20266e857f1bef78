#include "tests/support/TestBackend.h"

#include "core/charts/ChartFigures.h"
#include "core/charts/ChartQuery.h"
#include "core/domain/CancelToken.h"
#include "core/domain/Timestamp.h"
#include "core/history/TotalsQuery.h"
#include "core/import/DemoGenerator.h"
#include "core/users/Users.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include <ctime>

// The figures behind the charts, compared with independent SQL, in the Europe/Berlin zone so
// that daylight-saving changes fall inside the ranges.
class TestCharts final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void figuresMatchSql_data();
    void figuresMatchSql();
    void allRangeSpansTheData();
    void emptyBucketsAreZero();
    void bucketEdgesFollowLocalTime_data();
    void bucketEdgesFollowLocalTime();
    void rangeIncludesFirstAndLastDayOnly();
    void cancelledRequestStops();
    void sameFiguresWithoutTheCoveringIndex();
    void figuresTableAndJson();

private:
    static ChartData load(Database &db, const ChartRequest &request);
    qint64 sqlSum(const QString &condition, const Bindings &bindings);
    static Bindings rangeBindings(const ChartRequest &request);

    std::unique_ptr<Database> m_demo; // realistic data
    std::unique_ptr<Database> m_edges; // a few rows on the edges of days, weeks and months
};

namespace {

// Rows placed one millisecond on either side of local midnights in Europe/Berlin, each with
// its own bit as amount, so any sum tells exactly which rows it holds.
struct EdgeRow
{
    const char *createdAtUtc;
    qint64 amount;
};
constexpr EdgeRow EdgeRows[] = {
    {"2026-03-28 22:59:59.999", 1}, // Mar 28, 23:59:59.999 CET
    {"2026-03-28 23:00:00.000", 2}, // Mar 29, 00:00 CET; clocks go forward at 02:00 that night
    {"2026-03-29 21:59:59.999", 4}, // Mar 29, 23:59:59.999 CEST
    {"2026-03-29 22:00:00.000", 8}, // Mar 30, 00:00 CEST
    {"2026-10-24 21:59:59.999", 16}, // Oct 24, 23:59:59.999 CEST
    {"2026-10-24 22:00:00.000", 32}, // Oct 25, 00:00 CEST; clocks go back at 03:00 that night
    {"2026-10-25 22:59:59.999", 64}, // Oct 25, 23:59:59.999 CET
    {"2026-10-25 23:00:00.000", 128}, // Oct 26 (a Monday), 00:00 CET
    {"2026-10-31 22:59:59.999", 256}, // Oct 31, 23:59:59.999 CET
    {"2026-10-31 23:00:00.000", 512}, // Nov 1 (a Sunday), 00:00 CET
    {"2026-11-01 22:59:59.999", 1024}, // Nov 1, 23:59:59.999 CET: still the week of Oct 26
    {"2026-11-01 23:00:00.000", 2048}, // Nov 2 (a Monday), 00:00 CET
};

QList<qint64> bucketTotals(const ChartData &data)
{
    QList<qint64> totals;
    for (const CategorySums &sums : data.overTime)
        totals << sums.totalXp();
    return totals;
}

} // namespace

void TestCharts::initTestCase()
{
    QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray("Europe/Berlin"));
    {
        XP_OPEN_FRESH_DB(spec, db);
        auto summary = DemoGenerator(*db).generate({60, 4000, 400, 11});
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
        m_demo = std::move(db);
    }
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(Users(*db).add(QStringLiteral("edge"), QStringLiteral("edge@example.com"), QStringLiteral("Edge")));
    const Dialect &d = db->dialect();
    int n = 0;
    for (const EdgeRow &row : EdgeRows) {
        const QString at = QString::fromLatin1(row.createdAtUtc);
        auto inserted = db->run(
            QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                           "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES (:id, 'edge', :amount, "
                           "%1, 'edge', 'edge row', %2, %3, %4)")
                .arg(d.sourceTypeParam(QStringLiteral(":t")), d.categoryParam(QStringLiteral(":c")),
                     d.timestampParam(QStringLiteral(":at")), d.timestampParam(QStringLiteral(":up"))),
            {{QStringLiteral(":id"), QStringLiteral("edge%1").arg(++n)},
             {QStringLiteral(":amount"), row.amount},
             {QStringLiteral(":t"), n % 2 ? QStringLiteral("DAILY_STREAK") : QStringLiteral("MANUAL_ADJUSTMENT")},
             {QStringLiteral(":c"), n % 2 ? QStringLiteral("STREAK_BONUS") : QStringLiteral("MANUAL")},
             {QStringLiteral(":at"), at},
             {QStringLiteral(":up"), at}});
        QVERIFY2(inserted, qPrintable(inserted ? QString() : inserted.error().message));
    }
    m_edges = std::move(db);
}

void TestCharts::cleanupTestCase()
{
    m_demo.reset();
    m_edges.reset();
}

ChartData TestCharts::load(Database &db, const ChartRequest &request)
{
    auto data = ChartQuery(db).load(request);
    if (!data)
        qFatal("chart query failed: %s", qPrintable(data.error().message));
    return *data;
}

Bindings TestCharts::rangeBindings(const ChartRequest &request)
{
    // Local midnights, by Qt's own time zone rules.
    return {{QStringLiteral(":since"), Timestamp::toSql(QDateTime(request.first, QTime(0, 0)).toUTC())},
            {QStringLiteral(":until"), Timestamp::toSql(QDateTime(request.last.addDays(1), QTime(0, 0)).toUTC())}};
}

qint64 TestCharts::sqlSum(const QString &condition, const Bindings &bindings)
{
    const Dialect &d = m_demo->dialect();
    const QString sql
        = QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE \"createdAt\" >= %1 "
                         "AND \"createdAt\" < %2 AND %3")
              .arg(d.timestampParam(QStringLiteral(":since")), d.timestampParam(QStringLiteral(":until")), condition);
    const QVariant value = TestBackend::scalar(*m_demo, sql, bindings);
    if (!value.isValid())
        qFatal("independent SQL failed: %s", qPrintable(sql));
    return value.toLongLong();
}

void TestCharts::figuresMatchSql_data()
{
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 12; ++seed)
        QTest::addRow("random range %d", seed) << seed;
}

void TestCharts::figuresMatchSql()
{
    QFETCH(int, seed);
    QRandomGenerator random(static_cast<quint32>(seed));
    ChartRequest request;
    const QDate today = QDate::currentDate();
    request.first = today.addDays(-random.bounded(400));
    request.last = std::min(today, request.first.addDays(random.bounded(1, 300)));
    if (seed % 3 == 0)
        request.userId = TestBackend::scalar(*m_demo,
                                             QStringLiteral("SELECT \"userId\" FROM \"UserXP\" GROUP BY 1 "
                                                            "ORDER BY count(*) DESC LIMIT 1"))
                             .toString();
    request.topUsers = 5;
    const ChartData data = load(*m_demo, request);

    Bindings bindings = rangeBindings(request);
    QString userCondition = QStringLiteral("1 = 1");
    if (!request.userId.isEmpty()) {
        userCondition = QStringLiteral("\"userId\" = :user");
        bindings << std::pair{QStringLiteral(":user"), QVariant(request.userId)};
    }
    const Dialect &d = m_demo->dialect();
    for (int c = 0; c < CategoryCount; ++c) {
        Bindings withCategory = bindings;
        withCategory << std::pair{QStringLiteral(":c"), XpEnums::name(static_cast<Category>(c))};
        QCOMPARE(data.byCategory.xp[c],
                 sqlSum(userCondition + QStringLiteral(" AND \"category\" = ") + d.categoryParam(QStringLiteral(":c")),
                        withCategory));
    }
    for (int s = 0; s < SourceTypeCount; ++s) {
        Bindings withType = bindings;
        withType << std::pair{QStringLiteral(":t"), XpEnums::name(static_cast<SourceType>(s))};
        QCOMPARE(
            data.bySourceType[s].totalXp(),
            sqlSum(userCondition + QStringLiteral(" AND \"sourceType\" = ") + d.sourceTypeParam(QStringLiteral(":t")),
                   withType));
    }

    // Buckets: the same as TotalsQuery's, which turns each row's UTC time into local time in SQL.
    const auto unit = data.unit == BucketUnit::Day ? TotalsQuery::GroupBy::Day
        : data.unit == BucketUnit::Week            ? TotalsQuery::GroupBy::Week
                                                   : TotalsQuery::GroupBy::Month;
    HistoryFilter filter;
    filter.userId = request.userId;
    filter.since = QDateTime(request.first, QTime(0, 0)).toUTC();
    filter.until = QDateTime(request.last.addDays(1), QTime(0, 0)).toUTC();
    auto buckets = TotalsQuery(*m_demo).totals(unit, filter);
    QVERIFY(buckets);
    QHash<QString, qint64> expected;
    for (const TotalsRow &row : std::as_const(*buckets))
        expected.insert(row.key, row.total);
    QCOMPARE(data.buckets.size(), data.overTime.size());
    QCOMPARE(data.buckets.constFirst(), ChartBuckets::bucketStart(request.first, data.unit));
    QCOMPARE(data.buckets.constLast(), ChartBuckets::bucketStart(request.last, data.unit));
    for (qsizetype i = 0; i < data.buckets.size(); ++i) {
        const QString key = data.buckets.at(i).toString(Qt::ISODate);
        QCOMPARE(data.overTime.at(i).totalXp(), expected.value(key, 0));
        if (i > 0)
            QVERIFY(data.buckets.at(i - 1) < data.buckets.at(i));
    }

    // The leaderboard: everyone in the range, by an independent GROUP BY.
    auto rows
        = m_demo->run(QStringLiteral("SELECT \"userId\", SUM(\"amount\") FROM \"UserXP\" WHERE \"createdAt\" >= %1 AND "
                                     "\"createdAt\" < %2 GROUP BY \"userId\" ORDER BY 2 DESC, 1 LIMIT 5")
                          .arg(d.timestampParam(QStringLiteral(":since")), d.timestampParam(QStringLiteral(":until"))),
                      rangeBindings(request));
    QVERIFY(rows);
    QList<std::pair<QString, qint64>> top;
    while (rows->next())
        top << std::pair{rows->text(0), rows->integer(1)};
    QCOMPARE(data.topUsers.size(), top.size());
    for (qsizetype i = 0; i < top.size(); ++i) {
        QCOMPARE(data.topUsers.at(i).userId, top.at(i).first);
        QCOMPARE(data.topUsers.at(i).xp, top.at(i).second);
    }
}

void TestCharts::allRangeSpansTheData()
{
    const ChartData data = load(*m_demo, ChartRequest{});
    const QDateTime first = m_demo->dialect().readTimestamp(
        TestBackend::scalar(*m_demo, QStringLiteral("SELECT MIN(\"createdAt\") FROM \"UserXP\"")));
    QCOMPARE(data.first, first.toLocalTime().date());
    QCOMPARE(data.last, QDate::currentDate());
    QCOMPARE(data.unit, BucketUnit::Month); // 400 days of demo data
    QCOMPARE(data.byCategory.totalTransactions(), 4000);
    QCOMPARE(data.byCategory.totalXp(),
             TestBackend::scalar(*m_demo, QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")).toLongLong());
    // Over all time the leaderboard is the cached totals, equal to the sums.
    QCOMPARE(data.topUsers.size(), 10);
    QCOMPARE(data.topUsers.constFirst().xp,
             TestBackend::scalar(*m_demo,
                                 QStringLiteral("SELECT MAX(s) FROM (SELECT SUM(\"amount\") AS s FROM "
                                                "\"UserXP\" GROUP BY \"userId\") t"))
                 .toLongLong());
    QVERIFY(data.topUsers.constFirst().transactions > 0);
    QVERIFY(!data.topUsers.constFirst().displayName().isEmpty());
}

void TestCharts::emptyBucketsAreZero()
{
    ChartRequest request;
    request.first = QDate(2026, 10, 22);
    request.last = QDate(2026, 10, 28);
    const ChartData week = load(*m_edges, request);
    QCOMPARE(week.unit, BucketUnit::Day);
    QCOMPARE(week.buckets.size(), 7);
    QCOMPARE(bucketTotals(week), (QList<qint64>{0, 0, 16, 96, 128, 0, 0}));

    request.first = QDate(2025, 1, 1);
    request.last = QDate(2025, 3, 31);
    const ChartData nothing = load(*m_edges, request);
    QVERIFY(nothing.isEmpty());
    QCOMPARE(nothing.unit, BucketUnit::Week);
    QCOMPARE(nothing.buckets.size(), 14); // Mondays from Dec 30, 2024 to Mar 31, 2025
    QCOMPARE(bucketTotals(nothing), QList<qint64>(14, 0));
    QCOMPARE(nothing.topUsers.size(), 0);
}

void TestCharts::bucketEdgesFollowLocalTime_data()
{
    QTest::addColumn<QDate>("first");
    QTest::addColumn<QDate>("last");
    QTest::addColumn<int>("unit");
    QTest::addColumn<QDate>("firstBucket");
    QTest::addColumn<QList<qint64>>("totals");
    QTest::newRow("days, clocks forward") << QDate(2026, 3, 27) << QDate(2026, 3, 31) << int(BucketUnit::Day)
                                          << QDate(2026, 3, 27) << QList<qint64>{0, 1, 6, 8, 0};
    QTest::newRow("days, clocks back") << QDate(2026, 10, 24) << QDate(2026, 11, 2) << int(BucketUnit::Day)
                                       << QDate(2026, 10, 24)
                                       << QList<qint64>{16, 96, 128, 0, 0, 0, 0, 256, 1536, 2048};
    QTest::newRow("weeks from Monday") << QDate(2026, 10, 12) << QDate(2026, 11, 29) << int(BucketUnit::Week)
                                       << QDate(2026, 10, 12) << QList<qint64>{0, 112, 1920, 2048, 0, 0, 0};
    QTest::newRow("months") << QDate(2026, 2, 1) << QDate(2026, 12, 31) << int(BucketUnit::Month) << QDate(2026, 2, 1)
                            << QList<qint64>{0, 15, 0, 0, 0, 0, 0, 0, 496, 3584, 0};
}

void TestCharts::bucketEdgesFollowLocalTime()
{
    QFETCH(QDate, first);
    QFETCH(QDate, last);
    QFETCH(int, unit);
    QFETCH(QDate, firstBucket);
    QFETCH(QList<qint64>, totals);
    ChartRequest request;
    request.first = first;
    request.last = last;
    const ChartData data = load(*m_edges, request);
    QCOMPARE(int(data.unit), unit);
    QCOMPARE(data.buckets.constFirst(), firstBucket);
    QCOMPARE(bucketTotals(data), totals);

    // The database's own conversion to local time (TotalsQuery) agrees on every bucket.
    HistoryFilter filter;
    filter.since = QDateTime(first, QTime(0, 0)).toUTC();
    filter.until = QDateTime(last.addDays(1), QTime(0, 0)).toUTC();
    const auto groupBy = data.unit == BucketUnit::Day ? TotalsQuery::GroupBy::Day
        : data.unit == BucketUnit::Week               ? TotalsQuery::GroupBy::Week
                                                      : TotalsQuery::GroupBy::Month;
    auto rows = TotalsQuery(*m_edges).totals(groupBy, filter);
    QVERIFY(rows);
    for (const TotalsRow &row : std::as_const(*rows)) {
        const qsizetype index = data.buckets.indexOf(QDate::fromString(row.key, Qt::ISODate));
        QVERIFY2(index >= 0, qPrintable(row.key));
        QCOMPARE(data.overTime.at(index).totalXp(), row.total);
    }
}

void TestCharts::rangeIncludesFirstAndLastDayOnly()
{
    ChartRequest request;
    request.first = QDate(2026, 3, 29); // the 23-hour day
    request.last = QDate(2026, 3, 29);
    const ChartData data = load(*m_edges, request);
    QCOMPARE(data.buckets, QList<QDate>{QDate(2026, 3, 29)});
    QCOMPARE(data.byCategory.totalXp(), 6);
    QCOMPARE(data.byCategory.totalTransactions(), 2);
    QCOMPARE(data.bySourceType[int(SourceType::DailyStreak)].totalXp(), 4); // the third row
    QCOMPARE(data.byCategory.xp[int(Category::Manual)], 2);
    QCOMPARE(data.topUsers.size(), 1);
    QCOMPARE(data.topUsers.constFirst().xp, 6);

    request.first = QDate(2026, 10, 25); // the 25-hour day
    request.last = QDate(2026, 10, 25);
    QCOMPARE(load(*m_edges, request).byCategory.totalXp(), 96);

    request.last = QDate(2026, 10, 24);
    auto backwards = ChartQuery(*m_edges).load(request);
    QVERIFY(!backwards);
    QCOMPARE(backwards.error().kind, Error::Kind::Input);
    QVERIFY2(backwards.error().message.contains(QStringLiteral("2026-10-24")), qPrintable(backwards.error().message));
}

void TestCharts::cancelledRequestStops()
{
    const CancelToken cancel;
    cancel.cancel();
    auto data = ChartQuery(*m_demo).load(ChartRequest{}, &cancel);
    QVERIFY(!data);
    QCOMPARE(data.error().kind, Error::Kind::Cancelled);
}

void TestCharts::sameFiguresWithoutTheCoveringIndex()
{
    // A database Prisma manages lacks the covering index: the figures come the other way, the same.
    QList<ChartRequest> requests;
    for (int days : {6, 29, 89, 364}) {
        ChartRequest request;
        request.first = QDate::currentDate().addDays(-days);
        request.last = QDate::currentDate();
        requests << request;
    }
    requests << ChartRequest{};
    QList<QJsonObject> covered;
    for (const ChartRequest &request : std::as_const(requests))
        covered << ChartFigures::toJson(load(*m_demo, request), ChartKind::OverTime);
    QVERIFY(m_demo->execute(QStringLiteral("DROP INDEX \"UserXP_category_sourceType_createdAt_amount_idx\"")));
    for (qsizetype i = 0; i < requests.size(); ++i)
        QCOMPARE(ChartFigures::toJson(load(*m_demo, requests.at(i)), ChartKind::OverTime), covered.at(i));
    QVERIFY(m_demo->execute(QStringLiteral("CREATE INDEX \"UserXP_category_sourceType_createdAt_amount_idx\" ON "
                                           "\"UserXP\"(\"category\", \"sourceType\", \"createdAt\", \"amount\")")));
}

void TestCharts::figuresTableAndJson()
{
    ChartRequest request;
    request.first = QDate(2026, 3, 27);
    request.last = QDate(2026, 3, 31);
    const ChartData data = load(*m_edges, request);

    const QList<QStringList> share = ChartFigures::table(data, ChartKind::CategoryShare);
    QCOMPARE(share.size(), 1 + CategoryCount + 1);
    QCOMPARE(share.at(1 + int(Category::StreakBonus)),
             (QStringList{QStringLiteral("STREAK_BONUS"), QStringLiteral("5"), QStringLiteral("2"),
                          QStringLiteral("33.3%")}));
    const QList<QStringList> overTime = ChartFigures::table(data, ChartKind::OverTime);
    QCOMPARE(overTime.size(), 1 + 5);
    QCOMPARE(overTime.at(3).constFirst(), QStringLiteral("2026-03-29"));
    QCOMPARE(overTime.at(3).at(1 + CategoryCount), QStringLiteral("6"));

    const QJsonObject json = ChartFigures::toJson(data, ChartKind::OverTime);
    QCOMPARE(json.value(QStringLiteral("unit")).toString(), QStringLiteral("day"));
    QCOMPARE(json.value(QStringLiteral("xp")).toInteger(), 15);
    const QJsonArray buckets = json.value(QStringLiteral("buckets")).toArray();
    QCOMPARE(buckets.size(), 5);
    QCOMPARE(buckets.at(0).toObject().value(QStringLiteral("xp")).toInteger(), 0);
    QCOMPARE(buckets.at(2).toObject().value(QStringLiteral("byCategory")).toObject().value(QStringLiteral("MANUAL")),
             QJsonValue(2));
}

int main(int argc, char *argv[])
{
    // Before anything reads the zone: SQLite's 'localtime', Qt and the PostgreSQL session.
    qputenv("TZ", "Europe/Berlin");
    tzset();
    QCoreApplication app(argc, argv);
    TestCharts test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestCharts.moc"
