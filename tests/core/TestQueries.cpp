#include "tests/support/TestBackend.h"

#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "core/history/TotalsQuery.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Verifier.h"
#include "core/users/UserQuery.h"

#include <QTest>

// History pages and totals on realistic demo data, compared with independent SQL.
class TestQueries final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void demoDataIsConsistent();
    void pagingVisitsEveryRowOnce_data();
    void pagingVisitsEveryRowOnce();
    void filtersMatchSql();
    void totalsMatchSql();
    void bucketsAddUp_data();
    void bucketsAddUp();
    void userLabelsMatchSql();

private:
    QStringList idsBySql(const QString &where, const QString &order);
    QStringList idsByPaging(const HistoryFilter &filter, int pageSize, HistoryQuery::Order order);

    std::unique_ptr<Database> m_db;
};

void TestQueries::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    auto summary = DemoGenerator(*m_db).generate({120, 6000, 60, 7});
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QCOMPARE(summary->transactions, 6000);
}

void TestQueries::cleanupTestCase()
{
    m_db.reset();
}

QStringList TestQueries::idsBySql(const QString &where, const QString &order)
{
    QStringList ids;
    auto rows = m_db->run(QStringLiteral("SELECT \"id\" FROM \"UserXP\" %1 ORDER BY \"createdAt\" %2, \"id\" %2")
                              .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where, order));
    if (!rows)
        qWarning("%s", qPrintable(rows.error().message));
    while (rows && rows->next())
        ids << rows->text(0);
    return ids;
}

QStringList TestQueries::idsByPaging(const HistoryFilter &filter, int pageSize, HistoryQuery::Order order)
{
    QStringList ids;
    HistoryQuery query(*m_db);
    std::optional<HistoryCursor> cursor;
    for (;;) {
        auto page = query.page(filter, cursor, pageSize, order);
        if (!page) {
            qWarning("%s", qPrintable(page.error().message));
            return {};
        }
        for (const XpTransaction &row : std::as_const(*page))
            ids << row.id;
        if (page->size() < pageSize)
            return ids;
        cursor = HistoryCursor{page->last().createdAt, page->last().id};
    }
}

void TestQueries::demoDataIsConsistent()
{
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY(report->ok());
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"User\"")).toLongLong(), 120);
    // Most XP comes from correct answers; every kind of source is present.
    auto rows = m_db->run(
        QStringLiteral("SELECT \"category\", count(*) FROM \"UserXP\" GROUP BY \"category\" ORDER BY 2 DESC"));
    QVERIFY(rows && rows->next());
    QCOMPARE(rows->text(0), QStringLiteral("CORRECT_ANSWER"));
    int categories = 1;
    while (rows->next())
        ++categories;
    QCOMPARE(categories, 4);
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM %1 WHERE action = 'demo'")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toLongLong(),
             1);
}

void TestQueries::pagingVisitsEveryRowOnce_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("newestFirst");
    QTest::newRow("pages of 97, newest first") << 97 << true;
    QTest::newRow("pages of 1000, oldest first") << 1000 << false;
    QTest::newRow("pages of 1") << 1 << true;
}

void TestQueries::pagingVisitsEveryRowOnce()
{
    QFETCH(int, pageSize);
    QFETCH(bool, newestFirst);
    const auto order = newestFirst ? HistoryQuery::Order::NewestFirst : HistoryQuery::Order::OldestFirst;
    if (pageSize == 1) {
        // Every row once, even page by page, for the busiest user.
        const QString busiest = TestBackend::scalar(*m_db,
                                                    QStringLiteral("SELECT \"userId\" FROM \"UserXP\" GROUP BY "
                                                                   "\"userId\" ORDER BY count(*) DESC LIMIT 1"))
                                    .toString();
        HistoryFilter filter;
        filter.userId = busiest;
        QCOMPARE(idsByPaging(filter, pageSize, order),
                 idsBySql(QStringLiteral("\"userId\" = '%1'").arg(busiest), QStringLiteral("DESC")));
        return;
    }
    const QStringList expected = idsBySql({}, newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC"));
    QCOMPARE(expected.size(), 6000);
    QCOMPARE(idsByPaging({}, pageSize, order), expected);
}

void TestQueries::filtersMatchSql()
{
    const QDateTime since = Timestamp::now().addDays(-20);
    const QDateTime until = Timestamp::now().addDays(-5);
    HistoryFilter filter;
    filter.since = since;
    filter.until = until;
    filter.category = Category::StreakBonus;
    const QString where
        = QStringLiteral("\"createdAt\" >= %1 AND \"createdAt\" < %2 AND \"category\" = 'STREAK_BONUS'")
              .arg(m_db->dialect().timestampParam(QLatin1Char('\'') + Timestamp::toSql(since) + QLatin1Char('\'')),
                   m_db->dialect().timestampParam(QLatin1Char('\'') + Timestamp::toSql(until) + QLatin1Char('\'')));
    const QStringList expected = idsBySql(where, QStringLiteral("DESC"));
    QVERIFY(!expected.isEmpty());
    QCOMPARE(idsByPaging(filter, 50, HistoryQuery::Order::NewestFirst), expected);
    auto count = HistoryQuery(*m_db).count(filter);
    QVERIFY(count);
    QCOMPARE(*count, expected.size());

    // Text search is case-insensitive, over description and source id, and treats % and _ literally.
    HistoryFilter text;
    text.text = QStringLiteral("ACHIEVEMENT UNLOCKED: night");
    const QStringList nightOwls
        = idsBySql(QStringLiteral("\"description\" = 'Achievement unlocked: Night Owl'"), QStringLiteral("DESC"));
    QCOMPARE(idsByPaging(text, 100, HistoryQuery::Order::NewestFirst), nightOwls);
    text.text = QStringLiteral("%");
    QCOMPARE(idsByPaging(text, 100, HistoryQuery::Order::NewestFirst), QStringList());
    text.text = nightOwls.value(0);
    QCOMPARE(idsByPaging(text, 100, HistoryQuery::Order::NewestFirst), QStringList{nightOwls.value(0)});
}

void TestQueries::totalsMatchSql()
{
    auto byCategory = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::Category, {});
    QVERIFY(byCategory);
    QCOMPARE(byCategory->size(), 4);
    qint64 sum = 0;
    qint64 count = 0;
    for (const TotalsRow &row : std::as_const(*byCategory)) {
        QCOMPARE(row.total,
                 TestBackend::scalar(*m_db,
                                     QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\" WHERE "
                                                    "\"category\" = :c"),
                                     {{QStringLiteral(":c"), row.key}})
                     .toLongLong());
        sum += row.total;
        count += row.count;
    }
    auto grand = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::Nothing, {});
    QVERIFY(grand && grand->size() == 1);
    QCOMPARE(grand->first().total, sum);
    QCOMPARE(grand->first().count, 6000);
    QCOMPARE(count, 6000);
    QCOMPARE(sum,
             TestBackend::scalar(*m_db, QStringLiteral("SELECT SUM(\"totalXP\") FROM \"UserProfile\"")).toLongLong());

    auto top = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::User, {}, 5);
    QVERIFY(top && top->size() == 5);
    QCOMPARE(top->first().total,
             TestBackend::scalar(*m_db, QStringLiteral("SELECT max(\"totalXP\") FROM \"UserProfile\"")).toLongLong());
    QVERIFY(top->at(0).total >= top->at(4).total);
}

void TestQueries::bucketsAddUp_data()
{
    QTest::addColumn<int>("groupBy");
    QTest::addColumn<int>("maxBuckets");
    QTest::newRow("day") << int(TotalsQuery::GroupBy::Day) << 62;
    QTest::newRow("week") << int(TotalsQuery::GroupBy::Week) << 11;
    QTest::newRow("month") << int(TotalsQuery::GroupBy::Month) << 4;
}

void TestQueries::bucketsAddUp()
{
    QFETCH(int, groupBy);
    QFETCH(int, maxBuckets);
    auto buckets = TotalsQuery(*m_db).totals(static_cast<TotalsQuery::GroupBy>(groupBy), {});
    QVERIFY2(buckets, qPrintable(buckets ? QString() : buckets.error().message));
    QVERIFY2(buckets->size() <= maxBuckets && buckets->size() >= 2, qPrintable(QString::number(buckets->size())));
    qint64 sum = 0;
    QString previous;
    for (const TotalsRow &row : std::as_const(*buckets)) {
        const QDate start = QDate::fromString(row.key, Qt::ISODate);
        QVERIFY2(start.isValid(), qPrintable(row.key));
        if (groupBy == int(TotalsQuery::GroupBy::Week))
            QCOMPARE(start.dayOfWeek(), 1);
        if (groupBy == int(TotalsQuery::GroupBy::Month))
            QCOMPARE(start.day(), 1);
        QVERIFY(row.key > previous);
        previous = row.key;
        sum += row.total;
    }
    QCOMPARE(sum, TestBackend::scalar(*m_db, QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")).toLongLong());
}

// Names for the rows of a page, read in batches: every user named as plain SQL names them (the
// name, else the email), unknown ids left out, however many are asked for at once.
void TestQueries::userLabelsMatchSql()
{
    QHash<QString, QString> expected;
    QStringList ids;
    auto rows = m_db->run(
        QStringLiteral("SELECT \"id\", COALESCE(NULLIF(TRIM(\"name\"), ''), TRIM(\"email\")) FROM \"User\""));
    QVERIFY(rows);
    while (rows->next()) {
        expected.insert(rows->text(0), rows->text(1));
        ids << rows->text(0) << QStringLiteral("no-such-user-%1").arg(ids.size());
    }
    for (int i = 0; ids.size() < 700; ++i)
        ids << QStringLiteral("missing-%1").arg(i);
    QCOMPARE(expected.size(), 120);
    const auto labels = UserQuery(*m_db).labels(ids);
    QVERIFY2(labels, qPrintable(labels ? QString() : labels.error().message));
    QCOMPARE(*labels, expected);
    const auto few = UserQuery(*m_db).labels({ids.at(0)});
    QVERIFY(few);
    QCOMPARE(few->value(ids.at(0)), expected.value(ids.at(0)));
    QCOMPARE(few->size(), 1);
}

QTEST_GUILESS_MAIN(TestQueries)
#include "TestQueries.moc"
