#include "tests/models/HistoryModelTest.h"
#include "tests/support/TestBackend.h"
#include "tests/support/TestSession.h"

#include "core/domain/Timestamp.h"
#include "core/import/DemoGenerator.h"
#include "core/session/DatabaseWorker.h"
#include "core/session/LedgerSession.h"
#include "models/HistoryModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

namespace {

constexpr qint64 Transactions = 100000;

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

} // namespace

// The history model on 100,000 demo transactions, compared with independent SQL, on both backends.
class TestHistoryModel final : public HistoryModelTest
{
    Q_OBJECT

private slots:
    void initTestCase() { openLedger(400, Transactions); }
    void cleanupTestCase() { closeLedger(); }

    void pagesMatchSqlFirstMiddleLast();
    void oldestFirst();
    void filtersMatchSql_data();
    void filtersMatchSql();
    void cellsShowTheRow();
    void rollbackRemovesTheRow();
    void otherUsersChangesAreIgnored();
    void staleResultsAreDropped();
    void scrollingOnKeepsAWindow();
};

void TestHistoryModel::pagesMatchSqlFirstMiddleLast()
{
    HistoryModel model(m_session.get());
    auto tester
        = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counted(&model, &HistoryModel::countReady);
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    QTRY_COMPARE(counted.count(), 1);
    QCOMPARE(counted.first().first().toLongLong(), Transactions);
    int pages = 1;
    for (; pages < 3; ++pages) {
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    }
    QCOMPARE(model.rowCount(), 3 * HistoryModel::PageSize);
    // The tester walks every row after each change: quadratic over 100,000 rows, so it checks
    // the first pages only.
    tester.reset();

    const qint64 before = residentBytes();
    QElapsedTimer timer;
    timer.start();
    QSignalSpy loading(&model, &HistoryModel::loadingChanged);
    while (model.canFetchMore({})) {
        model.fetchMore({});
        // The page is in at once if it was read ahead; otherwise the wait ends as soon as it is.
        if (model.isLoading())
            QVERIFY(loading.wait(20000));
        QVERIFY(!model.isLoading());
        ++pages;
    }
    const qint64 elapsed = timer.elapsed();
    const qint64 after = residentBytes();
    QCOMPARE(model.rowCount(), int(Transactions));
    QCOMPARE(pages, int(Transactions / HistoryModel::PageSize) + 1); // the last page is empty
    qInfo("history model (%s): %d pages of %d in %lld ms; about %lld bytes a row (resident %lld -> %lld)",
          qPrintable(TestBackend::name()), pages, HistoryModel::PageSize, elapsed,
          (after - before) / (Transactions - 3 * HistoryModel::PageSize), before, after);

    const QStringList expected = idsBySql({}, QStringLiteral("DESC"));
    QCOMPARE(expected.size(), Transactions);
    const QStringList shown = ids(model);
    // First, middle and last rows, page boundaries around them, then every row.
    for (const int row : {0, 1, HistoryModel::PageSize - 1, HistoryModel::PageSize, int(Transactions / 2) - 1,
                          int(Transactions / 2), int(Transactions) - HistoryModel::PageSize, int(Transactions) - 1})
        QCOMPARE(shown.at(row), expected.at(row));
    QCOMPARE(shown, expected);

    // The middle row's values are the database's.
    const int middle = int(Transactions / 2);
    const XpTransaction row = model.transaction(middle);
    const Bindings id{{QStringLiteral(":id"), row.id}};
    QCOMPARE(qint64(row.amount),
             TestBackend::scalar(*m_db, QStringLiteral("SELECT \"amount\" FROM \"UserXP\" WHERE \"id\" = :id"), id)
                 .toLongLong());
    QCOMPARE(row.description,
             TestBackend::scalar(*m_db, QStringLiteral("SELECT \"description\" FROM \"UserXP\" WHERE \"id\" = :id"), id)
                 .toString());
    QCOMPARE(row.createdAt,
             m_db->dialect().readTimestamp(TestBackend::scalar(
                 *m_db, QStringLiteral("SELECT \"createdAt\" FROM \"UserXP\" WHERE \"id\" = :id"), id)));
    QCOMPARE(model.index(middle, 0).data(HistoryModel::TransactionRole).value<XpTransaction>().id, row.id);
}

void TestHistoryModel::oldestFirst()
{
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    model.sort(HistoryModel::Amount, Qt::AscendingOrder); // only Time sorts
    QCOMPARE(model.order(), HistoryQuery::Order::NewestFirst);
    model.sort(HistoryModel::Time, Qt::AscendingOrder);
    QCOMPARE(model.order(), HistoryQuery::Order::OldestFirst);
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 2 * HistoryModel::PageSize);
    const QStringList expected = idsBySql({}, QStringLiteral("ASC")).mid(0, 2 * HistoryModel::PageSize);
    QCOMPARE(ids(model), expected);
}

void TestHistoryModel::filtersMatchSql_data()
{
    QTest::addColumn<QString>("user"); // "busiest" for the busiest user
    QTest::addColumn<int>("category"); // -1: any
    QTest::addColumn<int>("sourceType"); // -1: any
    QTest::addColumn<int>("sinceDaysAgo"); // -1: no bound
    QTest::addColumn<int>("untilDaysAgo"); // -1: no bound
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where"); // independent SQL; :user, :since, :until, :text (lower case)
    QTest::newRow("user") << QStringLiteral("busiest") << -1 << -1 << -1 << -1 << QString()
                          << QStringLiteral("\"userId\" = :user");
    QTest::newRow("category") << QString() << int(Category::Achievement) << -1 << -1 << -1 << QString()
                              << QStringLiteral("\"category\" = 'ACHIEVEMENT'");
    QTest::newRow("source type") << QString() << -1 << int(SourceType::ManualAdjustment) << -1 << -1 << QString()
                                 << QStringLiteral("\"sourceType\" = 'MANUAL_ADJUSTMENT'");
    QTest::newRow("date range") << QString() << -1 << -1 << 12 << 9 << QString()
                                << QStringLiteral("\"createdAt\" >= :since AND \"createdAt\" < :until");
    QTest::newRow("text") << QString() << -1 << -1 << -1 << -1 << QStringLiteral("PROBLEM #4999 ")
                          << QStringLiteral("(lower(\"description\") LIKE '%' || :text || '%' OR lower(\"sourceId\") "
                                            "LIKE '%' || :text2 || '%')");
    QTest::newRow("user, category and dates")
        << QStringLiteral("busiest") << int(Category::StreakBonus) << -1 << 60 << 1 << QString()
        << QStringLiteral("\"userId\" = :user AND \"category\" = 'STREAK_BONUS' AND \"createdAt\" >= :since AND "
                          "\"createdAt\" < :until");
}

void TestHistoryModel::filtersMatchSql()
{
    QFETCH(QString, user);
    QFETCH(int, category);
    QFETCH(int, sourceType);
    QFETCH(int, sinceDaysAgo);
    QFETCH(int, untilDaysAgo);
    QFETCH(QString, text);
    QFETCH(QString, where);

    HistoryFilter filter;
    Bindings bindings;
    QString sql = where;
    if (!user.isEmpty()) {
        filter.userId = busiestUser();
        bindings << std::pair{QStringLiteral(":user"), QVariant(filter.userId)};
    }
    if (category >= 0)
        filter.category = Category(category);
    if (sourceType >= 0)
        filter.sourceType = SourceType(sourceType);
    if (sinceDaysAgo >= 0) {
        filter.since = Timestamp::now().addDays(-sinceDaysAgo);
        sql.replace(QStringLiteral(":since"), m_db->dialect().timestampParam(QStringLiteral(":since")));
        bindings << std::pair{QStringLiteral(":since"), QVariant(Timestamp::toSql(filter.since))};
    }
    if (untilDaysAgo >= 0) {
        filter.until = Timestamp::now().addDays(-untilDaysAgo);
        sql.replace(QStringLiteral(":until"), m_db->dialect().timestampParam(QStringLiteral(":until")));
        bindings << std::pair{QStringLiteral(":until"), QVariant(Timestamp::toSql(filter.until))};
    }
    if (!text.isEmpty()) {
        filter.text = text;
        bindings << std::pair{QStringLiteral(":text"), QVariant(text.trimmed().toLower())}
                 << std::pair{QStringLiteral(":text2"), QVariant(text.trimmed().toLower())};
    }
    const QStringList expected = idsBySql(sql, QStringLiteral("DESC"), bindings);
    QVERIFY(!expected.isEmpty());

    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counted(&model, &HistoryModel::countReady);
    model.setFilter(filter);
    loadAll(model);
    QCOMPARE(ids(model), expected);
    QTRY_COMPARE(model.totalCount(), qint64(expected.size()));
    QCOMPARE(counted.last().first().toLongLong(), qint64(expected.size()));
    QCOMPARE(model.filter().userId, filter.userId);
}

void TestHistoryModel::cellsShowTheRow()
{
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    HistoryFilter filter;
    filter.sourceType = SourceType::ManualAdjustment;
    model.setFilter(filter);
    loadAll(model);
    int negative = -1;
    for (int row = 0; row < model.rowCount() && negative < 0; ++row) {
        if (model.transaction(row).amount < 0)
            negative = row;
    }
    QVERIFY(negative >= 0);
    const XpTransaction row = model.transaction(negative);
    QCOMPARE(model.index(negative, HistoryModel::Amount).data().toString(), QLocale().toString(row.amount));
    QVERIFY(model.index(negative, HistoryModel::Amount).data().toString().startsWith(QLocale().negativeSign()));
    QCOMPARE(model.index(negative, HistoryModel::Amount).data(HistoryModel::RawValueRole).toLongLong(),
             qint64(row.amount));
    QCOMPARE(model.index(negative, HistoryModel::SourceType).data(HistoryModel::RawValueRole).toString(),
             QStringLiteral("MANUAL_ADJUSTMENT"));
    QCOMPARE(model.index(negative, HistoryModel::Category).data(HistoryModel::RawValueRole).toString(),
             QStringLiteral("MANUAL"));
    QCOMPARE(model.index(negative, HistoryModel::Time).data(HistoryModel::RawValueRole).toDateTime(), row.createdAt);
    QCOMPARE(model.index(negative, HistoryModel::Time).data(HistoryModel::RawValueRole).toDateTime().timeSpec(),
             Qt::UTC);
    QVERIFY(model.index(negative, HistoryModel::Time)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(Timestamp::toIso(row.createdAt)));
    // The user by name (read as the row is shown), the id in the tooltip.
    QTRY_VERIFY(!model.index(negative, HistoryModel::User).data().toString().isEmpty());
    QVERIFY(model.index(negative, HistoryModel::User).data().toString() != row.userId);
    QVERIFY(model.index(negative, HistoryModel::User).data(Qt::ToolTipRole).toString().contains(row.userId));
    QCOMPARE(model.index(negative, HistoryModel::Description).data().toString(), row.description);
    for (int row2 = 0; row2 < model.rowCount(); ++row2) {
        if (model.transaction(row2).amount > 0) {
            QVERIFY(model.index(row2, HistoryModel::Amount).data().toString().startsWith(QLocale().positiveSign()));
            break;
        }
    }
}

void TestHistoryModel::rollbackRemovesTheRow()
{
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    QTRY_COMPARE(model.totalCount(), Transactions);
    const XpTransaction first = model.transaction(0);
    const XpTransaction second = model.transaction(1);
    change([id = first.id](Ledger &ledger) { return ledger.rollback({id}, QStringLiteral("test: wrong award")); });
    QTRY_COMPARE(model.transaction(0).id, second.id);
    QVERIFY(!ids(model).contains(first.id));
    QTRY_COMPARE(model.totalCount(), Transactions - 1);
    QCOMPARE(model.rowCount(), HistoryModel::PageSize);

    // Restored, it comes back in its place.
    change([id = first.id](Ledger &ledger) { return ledger.restore({id}, QStringLiteral("test: undo")); });
    QTRY_COMPARE(model.transaction(0).id, first.id);
    QTRY_COMPARE(model.totalCount(), Transactions);
}

void TestHistoryModel::otherUsersChangesAreIgnored()
{
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    HistoryFilter filter;
    filter.userId = busiestUser();
    model.setFilter(filter);
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    QTRY_VERIFY(!model.isLoading());
    QSignalSpy loading(&model, &HistoryModel::loadingChanged);
    m_session->announceChange({QStringLiteral("someone-else")});
    QCOMPARE(loading.count(), 0);
    m_session->announceChange({filter.userId});
    QCOMPARE(loading.count(), 1);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), HistoryModel::PageSize);
}

void TestHistoryModel::staleResultsAreDropped()
{
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counted(&model, &HistoryModel::countReady);
    HistoryFilter achievements;
    achievements.category = Category::Achievement;
    model.setFilter(achievements);
    model.fetchMore({});
    HistoryFilter streaks;
    streaks.category = Category::StreakBonus;
    streaks.userId = busiestUser();
    model.setFilter(streaks);
    loadAll(model);
    const QStringList expected = idsBySql(QStringLiteral("\"category\" = 'STREAK_BONUS' AND \"userId\" = :u"),
                                          QStringLiteral("DESC"), {{QStringLiteral(":u"), streaks.userId}});
    QCOMPARE(ids(model), expected);
    QTRY_COMPARE(model.totalCount(), qint64(expected.size()));
    QTest::qWait(50);
    QCOMPARE(counted.count(), 1); // the counts of the first filters never arrived
}

void TestHistoryModel::scrollingOnKeepsAWindow()
{
    // Scrolling through everything holds a window of rows, not all of them: memory stays flat.
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxRows(3000);
    QSignalSpy released(&model, &HistoryModel::releasedRowsChanged);
    model.setFilter({});
    loadAll(model);
    QVERIFY(model.atEnd());
    QVERIFY2(model.rowCount() <= 3000 + HistoryModel::PageSize, qPrintable(QString::number(model.rowCount())));
    QCOMPARE(model.releasedRows() + model.rowCount(), Transactions);
    QVERIFY(!released.isEmpty());
    // The window is the oldest rows, in order, exactly as SQL has them.
    const QStringList all = idsBySql({}, QStringLiteral("DESC"));
    QCOMPARE(ids(model), all.mid(int(model.releasedRows())));
    // A reload shows the newest again.
    model.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    QCOMPARE(model.releasedRows(), 0);
    QCOMPARE(model.index(0, HistoryModel::Id).data(HistoryModel::RawValueRole).toString(), all.first());
}

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "TestHistoryModel.moc"
