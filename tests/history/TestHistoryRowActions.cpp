#include "tests/support/TestBackend.h"

#include "core/domain/Timestamp.h"
#include "core/history/TransactionLookup.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "models/HistoryModel.h"
#include "ui/history/HistoryView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

// The history row as the place where work starts: its balance, its context menu, its
// double-click, and a jump to one transaction; driven as a person would, checked with SQL.
class TestHistoryRowActions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void balanceShowsForOneUserUnlessAFilterHidesRows();
    void contextMenuStartsTheWorkOnTheRow();
    void doubleClickAsksForTheAuditEvent();
    void showTransactionClearsHidingFiltersAndLoadsDownToIt();

private:
    void waitLoaded(HistoryView &view);
    // The user's total after the row, summed here from every row up to it.
    qint64 balanceBySql(const XpTransaction &row);
    QAction *menuAction(HistoryView &view, const QString &objectName);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    QString m_user; // the user with the most rows
};

void TestHistoryRowActions::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(DemoGenerator(*m_db).generate({6, 3000, 30, 3}));
    m_user = TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT \"userId\" FROM \"UserXP\" GROUP BY \"userId\" "
                                                "ORDER BY count(*) DESC, \"userId\" LIMIT 1"))
                 .toString();
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void TestHistoryRowActions::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

void TestHistoryRowActions::waitLoaded(HistoryView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() && view.model()->totalCount() >= 0, 20000);
}

qint64 TestHistoryRowActions::balanceBySql(const XpTransaction &row)
{
    const Dialect &d = m_db->dialect();
    return TestBackend::scalar(
               *m_db,
               QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\" WHERE \"userId\" = :u AND "
                              "(\"createdAt\" < %1 OR (\"createdAt\" = %2 AND \"id\" <= :id))")
                   .arg(d.timestampParam(QStringLiteral(":t")), d.timestampParam(QStringLiteral(":t2"))),
               {{QStringLiteral(":u"), row.userId},
                {QStringLiteral(":t"), Timestamp::toSql(row.createdAt)},
                {QStringLiteral(":t2"), Timestamp::toSql(row.createdAt)},
                {QStringLiteral(":id"), row.id}})
        .toLongLong();
}

QAction *TestHistoryRowActions::menuAction(HistoryView &view, const QString &objectName)
{
    const QList<QAction *> actions = view.contextMenu()->actions();
    for (QAction *action : actions) {
        if (action->objectName() == objectName)
            return action;
    }
    return nullptr;
}

void TestHistoryRowActions::balanceShowsForOneUserUnlessAFilterHidesRows()
{
    HistoryView view(m_session.get());
    view.resize(1280, 600);
    view.show();
    QTableView *table = view.tableView();
    HistoryModel *model = view.model();
    view.setUser({});
    waitLoaded(view);
    QVERIFY(table->isColumnHidden(HistoryModel::Balance)); // everyone: no one's balance

    view.setUser(m_user);
    waitLoaded(view);
    QVERIFY(!table->isColumnHidden(HistoryModel::Balance));
    QCOMPARE(model->headerData(HistoryModel::Balance, Qt::Horizontal).toString(), QStringLiteral("Balance"));
    const qint64 total = TestBackend::scalar(*m_db,
                                             QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE "
                                                            "\"userId\" = :u"),
                                             {{QStringLiteral(":u"), m_user}})
                             .toLongLong();
    QCOMPARE(model->index(0, HistoryModel::Balance).data(HistoryModel::RawValueRole).toLongLong(), total);
    QCOMPARE(model->index(0, HistoryModel::Balance).data().toString(), QLocale().toString(total));
    // Across the page boundary, as SQL sums it.
    model->fetchMore({});
    QTRY_VERIFY(model->rowCount() > HistoryModel::PageSize && !model->isLoading());
    for (const int row : {1, HistoryModel::PageSize - 1, HistoryModel::PageSize, model->rowCount() - 1})
        QCOMPARE(model->index(row, HistoryModel::Balance).data(HistoryModel::RawValueRole).toLongLong(),
                 balanceBySql(model->transaction(row)));

    // A category hides some of the user's rows: a balance would add up the wrong rows.
    auto *category = view.findChild<QComboBox *>(QStringLiteral("categoryFilter"));
    category->setCurrentIndex(1);
    waitLoaded(view);
    QVERIFY(model->rowCount() > 0);
    QVERIFY(table->isColumnHidden(HistoryModel::Balance));
    QVERIFY(!model->index(0, HistoryModel::Balance).data().isValid());
    category->setCurrentIndex(0);

    // A period keeps it: the real total after each row, earlier rows included.
    auto *period = view.findChild<QComboBox *>(QStringLiteral("periodFilter"));
    period->setCurrentIndex(period->findData(int(HistoryFilterBar::Period::Last7Days)));
    waitLoaded(view);
    QVERIFY(model->rowCount() > 0);
    QVERIFY(!table->isColumnHidden(HistoryModel::Balance));
    const XpTransaction last = model->transaction(model->rowCount() - 1);
    QCOMPARE(model->index(model->rowCount() - 1, HistoryModel::Balance).data(HistoryModel::RawValueRole).toLongLong(),
             balanceBySql(last));
}

void TestHistoryRowActions::contextMenuStartsTheWorkOnTheRow()
{
    HistoryView view(m_session.get());
    view.resize(1280, 600);
    view.show();
    view.setUser({});
    waitLoaded(view);
    auto *rollback = new QAction(QStringLiteral("Roll Back Selected…"), &view);
    view.addRowAction(rollback);
    const QList<QAction *> actions = view.contextMenu()->actions();
    QCOMPARE(actions.first(), rollback); // the window's row actions come first
    QAction *showAudit = menuAction(view, QStringLiteral("showAuditAction"));
    QAction *showUser = menuAction(view, QStringLiteral("showUserAction"));
    QAction *copyId = menuAction(view, QStringLiteral("copyIdAction"));
    QVERIFY(showAudit && showUser && copyId);
    QCOMPARE(showAudit->text(), QStringLiteral("Show in &Audit Log"));
    QVERIFY(!showUser->isEnabled()); // nothing selected

    view.tableView()->selectRow(3);
    const XpTransaction row = view.model()->transaction(3);
    QVERIFY(showUser->isEnabled() && showAudit->isEnabled() && copyId->isEnabled());
    QSignalSpy users(&view, &HistoryView::userRequested);
    QSignalSpy audits(&view, &HistoryView::auditRequested);
    showUser->trigger();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().first().toString(), row.userId);
    showAudit->trigger();
    QCOMPARE(audits.size(), 1);
    QCOMPARE(audits.first().first().value<XpTransaction>().id, row.id);
    copyId->trigger();
    QCOMPARE(QApplication::clipboard()->text(), row.id);

    // Two rows: one user or one event no longer means anything; their ids still copy.
    view.tableView()->selectionModel()->select(view.model()->index(5, 0),
                                               QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(!showUser->isEnabled() && !showAudit->isEnabled());
    copyId->trigger();
    QCOMPARE(QApplication::clipboard()->text(), row.id + QLatin1Char('\n') + view.model()->transaction(5).id);
}

void TestHistoryRowActions::doubleClickAsksForTheAuditEvent()
{
    HistoryView view(m_session.get());
    view.resize(1280, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setUser(m_user);
    waitLoaded(view);
    QSignalSpy audits(&view, &HistoryView::auditRequested);
    const QModelIndex index = view.model()->index(2, HistoryModel::Description);
    const QPoint point = view.tableView()->visualRect(index).center();
    // A double-click as the window system delivers it: a click, then the second press as a double-click.
    QTest::mouseClick(view.tableView()->viewport(), Qt::LeftButton, {}, point);
    QTest::mouseDClick(view.tableView()->viewport(), Qt::LeftButton, {}, point);
    QTRY_COMPARE(audits.size(), 1);
    QCOMPARE(audits.first().first().value<XpTransaction>().id, view.model()->transaction(2).id);
}

void TestHistoryRowActions::showTransactionClearsHidingFiltersAndLoadsDownToIt()
{
    // A transaction deep down everyone's history, four pages below the first.
    const QString id = TestBackend::scalar(*m_db,
                                           QStringLiteral("SELECT \"id\" FROM \"UserXP\" ORDER BY "
                                                          "\"createdAt\" DESC, \"id\" DESC LIMIT 1 OFFSET 1700"))
                           .toString();
    auto found = TransactionLookup(*m_db).find(id);
    QVERIFY(found && found->transaction);
    const XpTransaction target = *found->transaction;

    HistoryView view(m_session.get());
    view.resize(1280, 600);
    view.show();
    view.setUser({});
    waitLoaded(view);
    // A category that hides it.
    auto *category = view.findChild<QComboBox *>(QStringLiteral("categoryFilter"));
    category->setCurrentIndex(
        category->findData(int(target.category == Category::Manual ? Category::CorrectAnswer : Category::Manual)));
    waitLoaded(view);
    QCOMPARE(view.model()->rowOfId(id), -1);

    view.showTransaction(target);
    QTRY_VERIFY_WITH_TIMEOUT(view.selectedCount() == 1, 20000);
    QCOMPARE(view.selectedTransactions().first().id, id);
    QCOMPARE(category->currentIndex(), 0); // the filter that hid it is gone
    QVERIFY(view.model()->rowCount() > 1700);
    const QModelIndex current = view.tableView()->currentIndex();
    QCOMPARE(current.row(), view.model()->rowOfId(id));
    QVERIFY(view.tableView()->viewport()->rect().intersects(view.tableView()->visualRect(current)));
}

QTEST_MAIN(TestHistoryRowActions)
#include "TestHistoryRowActions.moc"
