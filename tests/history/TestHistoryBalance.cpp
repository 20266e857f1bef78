#include "tests/support/TestBackend.h"

#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "core/history/TransactionLookup.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"

#include <QHash>
#include <QTest>

// The running balance of one user's history: the user's real total after each row, whatever
// the page size, order or period, compared with a sum written independently in the test.
class TestHistoryBalance final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void balanceIsTheTotalAfterEachRow_data();
    void balanceIsTheTotalAfterEachRow();
    void periodKeepsTheRealTotal_data();
    void periodKeepsTheRealTotal();
    void cursorWithoutBalanceSumsOnce();
    void meaninglessFiltersHaveNoBalance();
    void lookupFindsTheRowAndItsEvent();

private:
    // The user's balance after each of their rows, by id, summed here from rows read oldest first.
    QHash<QString, qint64> expectedBalances(const QString &userId);
    // Every row of the filter through pageWithBalances, page after page; ids with balances.
    QList<std::pair<QString, qint64>> pagedBalances(const HistoryFilter &filter, int pageSize,
                                                    HistoryQuery::Order order);

    std::unique_ptr<Database> m_db;
    QString m_user; // the user with the most rows
    QHash<QString, qint64> m_expected;
};

void TestHistoryBalance::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(DemoGenerator(*m_db).generate({4, 3000, 30, 11}));
    m_user = TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT \"userId\" FROM \"UserXP\" GROUP BY \"userId\" "
                                                "ORDER BY count(*) DESC, \"userId\" LIMIT 1"))
                 .toString();
    // A deduction too, so the balance goes down as well as up.
    QVERIFY(Ledger(*m_db).adjust(m_user, -70, QStringLiteral("Duplicate award")));
    m_expected = expectedBalances(m_user);
    QVERIFY2(m_expected.size() > 1000, "the user needs rows over several pages");
}

void TestHistoryBalance::cleanupTestCase()
{
    m_db.reset();
}

QHash<QString, qint64> TestHistoryBalance::expectedBalances(const QString &userId)
{
    QHash<QString, qint64> balances;
    auto rows = m_db->run(QStringLiteral("SELECT \"id\", \"amount\" FROM \"UserXP\" WHERE \"userId\" = :u "
                                         "ORDER BY \"createdAt\", \"id\""),
                          {{QStringLiteral(":u"), userId}});
    if (!rows)
        qWarning("%s", qPrintable(rows.error().message));
    qint64 total = 0;
    while (rows && rows->next()) {
        total += rows->integer(1);
        balances.insert(rows->text(0), total);
    }
    return balances;
}

QList<std::pair<QString, qint64>> TestHistoryBalance::pagedBalances(const HistoryFilter &filter, int pageSize,
                                                                    HistoryQuery::Order order)
{
    QList<std::pair<QString, qint64>> result;
    HistoryQuery query(*m_db);
    std::optional<HistoryCursor> cursor;
    for (;;) {
        auto page = query.pageWithBalances(filter, cursor, pageSize, order);
        if (!page) {
            qWarning("%s", qPrintable(page.error().message));
            return {};
        }
        if (page->balances.size() != page->rows.size()) {
            qWarning("%lld rows but %lld balances", qint64(page->rows.size()), qint64(page->balances.size()));
            return {};
        }
        for (qsizetype i = 0; i < page->rows.size(); ++i)
            result << std::pair{page->rows.at(i).id, page->balances.at(i)};
        if (page->rows.size() < pageSize)
            return result;
        const XpTransaction &last = page->rows.constLast();
        cursor = HistoryCursor{last.createdAt, last.id, page->balances.constLast(), last.amount};
    }
}

void TestHistoryBalance::balanceIsTheTotalAfterEachRow_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("newestFirst");
    QTest::newRow("pages of 500, newest first") << 500 << true;
    QTest::newRow("pages of 7, newest first") << 7 << true;
    QTest::newRow("pages of 500, oldest first") << 500 << false;
    QTest::newRow("pages of 7, oldest first") << 7 << false;
}

void TestHistoryBalance::balanceIsTheTotalAfterEachRow()
{
    QFETCH(int, pageSize);
    QFETCH(bool, newestFirst);
    HistoryFilter filter;
    filter.userId = m_user;
    const auto rows = pagedBalances(filter, pageSize,
                                    newestFirst ? HistoryQuery::Order::NewestFirst : HistoryQuery::Order::OldestFirst);
    QCOMPARE(rows.size(), m_expected.size());
    for (const auto &[id, balance] : rows)
        QCOMPARE(balance, m_expected.value(id));
    // The newest row's balance is the user's total, as the profile caches it.
    const qint64 total = TestBackend::scalar(*m_db,
                                             QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE "
                                                            "\"userId\" = :u"),
                                             {{QStringLiteral(":u"), m_user}})
                             .toLongLong();
    QCOMPARE(newestFirst ? rows.constFirst().second : rows.constLast().second, total);
}

void TestHistoryBalance::periodKeepsTheRealTotal_data()
{
    QTest::addColumn<bool>("withSince");
    QTest::addColumn<bool>("withUntil");
    QTest::addColumn<bool>("newestFirst");
    for (const bool newestFirst : {true, false}) {
        const char *order = newestFirst ? "newest first" : "oldest first";
        QTest::addRow("since, %s", order) << true << false << newestFirst;
        QTest::addRow("until, %s", order) << false << true << newestFirst;
        QTest::addRow("since and until, %s", order) << true << true << newestFirst;
    }
}

void TestHistoryBalance::periodKeepsTheRealTotal()
{
    QFETCH(bool, withSince);
    QFETCH(bool, withUntil);
    QFETCH(bool, newestFirst);
    // A period from a third to two thirds of the user's rows, bounded by their own times.
    HistoryFilter filter;
    filter.userId = m_user;
    auto rowsOfUser = HistoryQuery(*m_db).page(filter, std::nullopt, 100000, HistoryQuery::Order::OldestFirst);
    QVERIFY(rowsOfUser);
    QList<QDateTime> all;
    for (const XpTransaction &t : std::as_const(*rowsOfUser))
        all << t.createdAt;
    if (withSince)
        filter.since = all.at(all.size() / 3);
    if (withUntil)
        filter.until = all.at(all.size() * 2 / 3);
    Bindings bindings{{QStringLiteral(":u"), m_user}};
    QString where = QStringLiteral("\"userId\" = :u");
    if (withSince) {
        where += QStringLiteral(" AND \"createdAt\" >= %1").arg(m_db->dialect().timestampParam(QStringLiteral(":s")));
        bindings << std::pair{QStringLiteral(":s"), QVariant(Timestamp::toSql(filter.since))};
    }
    if (withUntil) {
        where += QStringLiteral(" AND \"createdAt\" < %1").arg(m_db->dialect().timestampParam(QStringLiteral(":e")));
        bindings << std::pair{QStringLiteral(":e"), QVariant(Timestamp::toSql(filter.until))};
    }
    const qint64 inPeriod
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE %1").arg(where), bindings)
              .toLongLong();
    QVERIFY(inPeriod > 50 && inPeriod < m_expected.size());
    const auto rows
        = pagedBalances(filter, 50, newestFirst ? HistoryQuery::Order::NewestFirst : HistoryQuery::Order::OldestFirst);
    QCOMPARE(rows.size(), inPeriod);
    for (const auto &[id, balance] : rows)
        QCOMPARE(balance, m_expected.value(id));
}

void TestHistoryBalance::cursorWithoutBalanceSumsOnce()
{
    // A cursor from elsewhere (the command line, a view that kept none): the balance is summed.
    HistoryFilter filter;
    filter.userId = m_user;
    for (const auto order : {HistoryQuery::Order::NewestFirst, HistoryQuery::Order::OldestFirst}) {
        HistoryQuery query(*m_db);
        auto first = query.page(filter, std::nullopt, 600, order);
        QVERIFY(first && first->size() == 600);
        const XpTransaction &last = first->constLast();
        auto next = query.pageWithBalances(filter, HistoryCursor{last.createdAt, last.id}, 10, order);
        QVERIFY(next);
        QCOMPARE(next->balances.size(), 10);
        for (qsizetype i = 0; i < next->rows.size(); ++i)
            QCOMPARE(next->balances.at(i), m_expected.value(next->rows.at(i).id));
    }
}

void TestHistoryBalance::meaninglessFiltersHaveNoBalance()
{
    HistoryQuery query(*m_db);
    HistoryFilter everyone;
    QVERIFY(!HistoryQuery::hasBalance(everyone));
    auto page = query.pageWithBalances(everyone, std::nullopt, 20);
    QVERIFY(page && page->rows.size() == 20);
    QVERIFY(page->balances.isEmpty());
    HistoryFilter filter;
    filter.userId = m_user;
    QVERIFY(HistoryQuery::hasBalance(filter));
    HistoryFilter category = filter;
    category.category = Category::CorrectAnswer;
    HistoryFilter source = filter;
    source.sourceType = SourceType::DailyStreak;
    HistoryFilter text = filter;
    text.text = QStringLiteral("streak");
    for (const HistoryFilter &hiding : {category, source, text}) {
        QVERIFY(!HistoryQuery::hasBalance(hiding));
        auto rows = query.pageWithBalances(hiding, std::nullopt, 20);
        QVERIFY(rows && !rows->rows.isEmpty());
        QVERIFY(rows->balances.isEmpty());
    }
}

void TestHistoryBalance::lookupFindsTheRowAndItsEvent()
{
    auto adjusted = Ledger(*m_db).adjust(m_user, 12, QStringLiteral("Lookup"));
    QVERIFY(adjusted && adjusted->rows.size() == 1);
    const QString id = adjusted->rows.first().id;
    auto found = TransactionLookup(*m_db).find(id);
    QVERIFY(found && found->transaction);
    QCOMPARE(found->transaction->amount, 12);
    QCOMPARE(found->userId, m_user);
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    const qint64 adjustEvent = TestBackend::scalar(*m_db,
                                                   QStringLiteral("SELECT seq FROM %1 WHERE xp_id = :x AND action = "
                                                                  "'adjust'")
                                                       .arg(audit),
                                                   {{QStringLiteral(":x"), id}})
                                   .toLongLong();
    QCOMPARE(found->event.value_or(-1), adjustEvent);
    // Rolled back, the row is gone and the event to show is the one that removed it.
    QVERIFY(Ledger(*m_db).rollback({id}, QStringLiteral("Lookup test")));
    found = TransactionLookup(*m_db).find(id);
    QVERIFY(found && !found->transaction);
    QVERIFY(found->event.value_or(0) > adjustEvent);
    QCOMPARE(found->userId, m_user);
    // A demo row: no event names it.
    const QString demoRow = TestBackend::scalar(*m_db,
                                                QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE "
                                                               "\"sourceType\" = 'DAILY_STREAK' LIMIT 1"))
                                .toString();
    found = TransactionLookup(*m_db).find(demoRow);
    QVERIFY(found && found->transaction && !found->event);
}

QTEST_GUILESS_MAIN(TestHistoryBalance)
#include "TestHistoryBalance.moc"
