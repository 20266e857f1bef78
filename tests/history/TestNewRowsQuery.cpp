#include "tests/support/TestBackend.h"

#include "core/history/HistoryQuery.h"
#include "core/history/NewRowsQuery.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"

#include <QTest>

// The count behind the history's "3 new transactions": the rows the filter finds beyond the
// newest one shown, compared with what independent SQL finds, stopped at the cap.
class TestNewRowsQuery final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void countsTheRowsBeyondTheNewestShown();
    void stopsAtTheCap();
    void pastMomentHasNone();

private:
    HistoryCursor newestOf(const HistoryFilter &filter);

    std::unique_ptr<Database> m_db;
    QString m_user;
};

void TestNewRowsQuery::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(DemoGenerator(*m_db).generate({6, 600, 10, 3}));
    m_user = TestBackend::scalar(*m_db, QStringLiteral("SELECT \"userId\" FROM \"UserXP\" ORDER BY \"id\" LIMIT 1"))
                 .toString();
}

void TestNewRowsQuery::cleanupTestCase()
{
    m_db.reset();
}

HistoryCursor TestNewRowsQuery::newestOf(const HistoryFilter &filter)
{
    auto top = HistoryQuery(*m_db).page(filter, std::nullopt, 1);
    return top && !top->isEmpty() ? HistoryCursor{top->first().createdAt, top->first().id} : HistoryCursor{};
}

void TestNewRowsQuery::countsTheRowsBeyondTheNewestShown()
{
    HistoryFilter everyone;
    HistoryFilter one;
    one.userId = m_user;
    const HistoryCursor topAll = newestOf(everyone);
    const HistoryCursor topOne = newestOf(one);
    NewRowsQuery query(*m_db);
    QCOMPARE(*query.count(everyone, topAll, 1000), 0);
    QCOMPARE(*query.count(one, topOne, 1000), 0);
    // Another desk: two awards to the user, one to someone else.
    const QString other = TestBackend::scalar(*m_db,
                                              QStringLiteral("SELECT \"userId\" FROM \"UserXP\" WHERE "
                                                             "\"userId\" <> :u LIMIT 1"),
                                              {{QStringLiteral(":u"), m_user}})
                              .toString();
    QVERIFY(!TestBackend::award(*m_db, m_user, 5, QStringLiteral("n1")).isEmpty());
    QVERIFY(!TestBackend::award(*m_db, other, 5, QStringLiteral("n2")).isEmpty());
    QVERIFY(!TestBackend::award(*m_db, m_user, 5, QStringLiteral("n3")).isEmpty());
    QCOMPARE(*query.count(everyone, topAll, 1000), 3);
    QCOMPARE(*query.count(one, topOne, 1000), 2);
    HistoryFilter text = everyone;
    text.text = QStringLiteral("Quiz n");
    QCOMPARE(*query.count(text, std::nullopt, 1000), 3); // nothing shown: every row of the filter
    // Shown from the new top: nothing beyond it.
    QCOMPARE(*query.count(everyone, newestOf(everyone), 1000), 0);
}

void TestNewRowsQuery::stopsAtTheCap()
{
    const qint64 all = TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong();
    QVERIFY(all > 100);
    // cap + 1 means "more than cap".
    QCOMPARE(*NewRowsQuery(*m_db).count(HistoryFilter{}, std::nullopt, 100), 101);
    QCOMPARE(*NewRowsQuery(*m_db).count(HistoryFilter{}, std::nullopt, int(all)), all);
}

void TestNewRowsQuery::pastMomentHasNone()
{
    HistoryFilter then;
    then.asOf = QDateTime::currentDateTimeUtc().addDays(-1);
    QCOMPARE(*NewRowsQuery(*m_db).count(then, std::nullopt, 1000), 0);
}

QTEST_GUILESS_MAIN(TestNewRowsQuery)
#include "TestNewRowsQuery.moc"
