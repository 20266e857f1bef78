#include "tests/models/HistoryModelTest.h"
#include "tests/support/TestBackend.h"

#include "core/session/DatabaseWorker.h"
#include "models/HistoryModel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr qint64 Transactions = 10000;

} // namespace

// What the history model reads besides the page asked for: the next page, once the view nears
// the end of what is loaded, and the users' names, with the first page and as rows are shown.
class TestHistoryLoading final : public HistoryModelTest
{
    Q_OBJECT

private slots:
    void initTestCase() { openLedger(400, Transactions); }
    void cleanupTestCase() { closeLedger(); }

    void theNextPageIsReadAhead();
    void usersAreNamedAsTheirRowsAreShown();
};

void TestHistoryLoading::theNextPageIsReadAhead()
{
    // Every job posted to the interactive worker (each raises the number pending by one).
    QSignalSpy pending(m_session->interactive(), &DatabaseWorker::pendingJobsChanged);
    const auto posted = [&pending] {
        int jobs = 0;
        int before = 0;
        for (const QList<QVariant> &change : std::as_const(pending)) {
            jobs += change.at(0).toInt() > before ? 1 : 0;
            before = change.at(0).toInt();
        }
        return jobs;
    };
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    QTRY_COMPARE(model.totalCount(), Transactions);
    // Nothing is read ahead while the view shows the top (a new filter would wait for it): the
    // first page is the only job.
    const int topRows = HistoryModel::PageSize - HistoryModel::ReadAheadWithinRows;
    for (int row = 0; row < topRows; ++row)
        model.index(row, HistoryModel::Time).data();
    QTest::qWait(50);
    QTRY_COMPARE(m_session->interactive()->pendingJobs(), 0);
    QCOMPARE(posted(), 1);
    // Once a row near the end is shown and the worker is done, the next page is already here:
    // scrolling on shows it at once.
    model.index(topRows, HistoryModel::Time).data();
    QTRY_COMPARE(posted(), 2);
    QTRY_COMPARE(m_session->interactive()->pendingJobs(), 0);
    model.fetchMore({});
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 2 * HistoryModel::PageSize);
    QStringList all = idsBySql({}, QStringLiteral("DESC"));
    QCOMPARE(ids(model), all.first(2 * HistoryModel::PageSize));
    // A page fetched without a read ahead: the user waits for it.
    model.fetchMore({});
    QVERIFY(model.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    QCOMPARE(ids(model), all.first(3 * HistoryModel::PageSize));

    // A page read ahead before a change is not shown after it: a row of the page after next,
    // rolled back once that page was read ahead, is not in it.
    model.index(model.rowCount() - 1, HistoryModel::Time).data();
    QTRY_COMPARE(posted(), 4);
    QTRY_COMPARE(m_session->interactive()->pendingJobs(), 0);
    const QString gone = all.at(3 * HistoryModel::PageSize + 10);
    change([gone](Ledger &ledger) { return ledger.rollback({gone}, QStringLiteral("test: wrong award")); });
    QTRY_VERIFY(!model.isLoading());
    while (model.rowCount() < 4 * HistoryModel::PageSize) {
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    }
    all.removeOne(gone);
    QCOMPARE(ids(model), all.first(4 * HistoryModel::PageSize));

    // The ledger as it was, for the tests after this one.
    change([gone](Ledger &ledger) { return ledger.restore({gone}, QStringLiteral("test: undo")); });
}

void TestHistoryLoading::usersAreNamedAsTheirRowsAreShown()
{
    // The first page comes with the names of its first rows' users, the others as their rows are
    // shown (or copied).
    HistoryModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    const auto nameOf = [this](const QString &userId) {
        return TestBackend::scalar(*m_db,
                                   QStringLiteral("SELECT COALESCE(NULLIF(TRIM(\"name\"), ''), \"email\") "
                                                  "FROM \"User\" WHERE \"id\" = :id"),
                                   {{QStringLiteral(":id"), userId}})
            .toString();
    };
    QSet<QString> firstPage;
    for (int row = 0; row < HistoryModel::NamedWithFirstPage; ++row) {
        const QString user = model.transaction(row).userId;
        firstPage.insert(user);
        QCOMPARE(model.index(row, HistoryModel::User).data().toString(), nameOf(user));
    }
    // The first page's other rows are named as they are shown: all together, in one read.
    // (The tester fetches more as names arrive: the first page is what the rows below it are held against.)
    int unnamed = 0;
    for (int row = HistoryModel::NamedWithFirstPage; row < HistoryModel::PageSize; ++row)
        unnamed += model.index(row, HistoryModel::User).data().toString().isEmpty() ? 1 : 0;
    QVERIFY(unnamed > 0);
    for (int row = HistoryModel::NamedWithFirstPage; row < HistoryModel::PageSize; ++row) {
        const QString user = model.transaction(row).userId;
        firstPage.insert(user);
        QTRY_COMPARE(model.index(row, HistoryModel::User).data().toString(), nameOf(user));
    }
    while (model.rowCount() < 8 * HistoryModel::PageSize) {
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    }
    // Two rows of later pages whose users the first page did not name (400 users, 500 rows a page).
    QList<int> rows;
    for (int row = HistoryModel::PageSize; row < model.rowCount() && rows.size() < 2; ++row) {
        if (const QString user = model.transaction(row).userId; !firstPage.contains(user)) {
            rows << row;
            firstPage.insert(user);
        }
    }
    QCOMPARE(rows.size(), 2);
    const QString shown = model.transaction(rows.at(0)).userId;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.index(rows.at(0), HistoryModel::User).data().toString(), QString()); // being read
    QTRY_COMPARE(model.index(rows.at(0), HistoryModel::User).data().toString(), nameOf(shown));
    QVERIFY(!changed.isEmpty() && changed.constFirst().at(0).value<QModelIndex>().column() == HistoryModel::User);
    // Copying waits for the names of the rows it copies.
    QString copied;
    model.whenLabelled({rows.at(1)}, this,
                       [&] { copied = model.index(rows.at(1), HistoryModel::User).data().toString(); });
    QTRY_COMPARE(copied, nameOf(model.transaction(rows.at(1)).userId));
}

QTEST_GUILESS_MAIN(TestHistoryLoading)
#include "TestHistoryLoading.moc"
