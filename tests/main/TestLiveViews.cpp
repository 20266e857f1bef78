#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/capture/CaptureInstaller.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "models/AlertListModel.h"
#include "models/AuditModel.h"
#include "models/HistoryModel.h"
#include "models/LedgerMoment.h"
#include "models/UsersModel.h"
#include "ui/alerts/AlertCenter.h"
#include "ui/audit/AuditLogView.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/charts/ChartsView.h"
#include "ui/history/HistoryLive.h"
#include "ui/history/HistoryView.h"
#include "ui/history/NewRowsBar.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QApplication>
#include <QChart>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

// The window while another desk writes to the same ledger (a second connection, as another
// XP Admin or the web application would): every view takes the change in, and nobody loses
// their place. The window is told of the change as its feed would tell it (ledgerChanged()).
class TestLiveViews final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void historyBarCountsNewRowsAndKeepsThePlace();
    void showThemBringsTheRowsAndKeepsTheSelection();
    void barSaysMoreThanTheCap();
    void oldestFirstReadsOnBelowTheLastRow();
    void usersTotalsChangeInPlace();
    void directTotalChangeIsMarkedWithWhoAndWhen();
    void aConsoleChangeIsSealedMarkedAndAlerted();
    void auditLogGainsEventsWithoutMovingTheReader();
    void chartsReadAgainWithoutGreying();
    void pastMomentIsNotReloaded();
    void feedDrivesTheViewsAndTheStatusBarSaysHow();
    void throughAPoolerTheWindowChecksEveryTwoSeconds();

private:
    // Waits until the window's workers have nothing left to do.
    void settle();
    // Scrolls the history down and selects a row in the middle of the viewport; its id.
    QString scrollDownAndSelect(int scrollTo, int row);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_other; // the other desk
    std::unique_ptr<MainWindow> m_window;
};

void TestLiveViews::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-live-views"));
    QSettings().clear();
}

void TestLiveViews::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(DemoGenerator(*db).generate({30, 1500, 20, 5}));
    m_spec = spec;
    m_other = std::move(db);
    m_window = std::make_unique<MainWindow>(QStringLiteral("tester"));
    m_window->resize(1400, 900);
    QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
    m_window->show();
    m_window->openDatabase(spec);
    QVERIFY(opened.wait(20000));
    QVERIFY(opened.first().first().toBool());
    QTRY_COMPARE(m_window->usersPane()->model()->rowCount(), 30);
    QTRY_COMPARE(m_window->historyView()->model()->rowCount(), HistoryModel::PageSize);
    QTRY_VERIFY(m_window->auditLogView()->model()->rowCount() > 0);
    settle();
}

void TestLiveViews::cleanup()
{
    m_window.reset();
    m_other.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

void TestLiveViews::settle()
{
    LedgerSession *session = m_window->session();
    QTRY_VERIFY_WITH_TIMEOUT(session->interactive()->pendingJobs() == 0 && session->background()->pendingJobs() == 0
                                 && !m_window->historyView()->live()->isCounting()
                                 && !m_window->usersPane()->model()->isRefreshing(),
                             20000);
}

QString TestLiveViews::scrollDownAndSelect(int scrollTo, int row)
{
    QTableView *table = m_window->historyView()->tableView();
    m_window->showView(m_window->historyView());
    table->scrollTo(table->model()->index(scrollTo, HistoryModel::Time), QAbstractItemView::PositionAtTop);
    table->selectRow(row);
    return table->model()->index(row, HistoryModel::Id).data(HistoryModel::RawValueRole).toString();
}

void TestLiveViews::historyBarCountsNewRowsAndKeepsThePlace()
{
    HistoryView *history = m_window->historyView();
    QTableView *table = history->tableView();
    HistoryModel *model = history->model();
    const QString selected = scrollDownAndSelect(200, 205);
    const int scroll = table->verticalScrollBar()->value();
    QVERIFY(scroll > 0);
    const QString removed = model->transaction(230).id;
    const QString topBefore = model->transaction(0).id;

    // Another desk: three awards, and one of the rows shown rolled back.
    for (int i = 0; i < 3; ++i)
        QVERIFY(!TestBackend::award(*m_other, model->transaction(0).userId, 10 + i, QStringLiteral("live-%1").arg(i))
                     .isEmpty());
    QVERIFY(Ledger(*m_other).rollback({removed}, QStringLiteral("wrong quiz")));
    m_window->ledgerChanged();

    // (The words as the English plural forms have them once the lead has run lupdate: "3 new transactions".)
    QTRY_VERIFY_WITH_TIMEOUT(history->live()->bar()->text().startsWith(QStringLiteral("3 new transaction")), 20000);
    QVERIFY2(history->live()->bar()->text().endsWith(QStringLiteral(" · 1 removed since (struck through)")),
             qPrintable(history->live()->bar()->text()));
    QCOMPARE(history->live()->newCount(), 3);
    QVERIFY(history->live()->bar()->isVisible());
    QCOMPARE(history->live()->bar()->button()->text(), QStringLiteral("&Show Them"));
    // Nothing moved: the same rows, the same scroll position, the same selection.
    QCOMPARE(model->transaction(0).id, topBefore);
    QCOMPARE(table->verticalScrollBar()->value(), scroll);
    QCOMPARE(history->selectedCount(), 1);
    QCOMPARE(history->selectedTransactions().first().id, selected);
    // The rolled-back row is struck through and says who removed it.
    const int removedRow = model->rowOfId(removed);
    QCOMPARE(removedRow, 230);
    const QString note = model->index(removedRow, HistoryModel::Description).data(Qt::ToolTipRole).toString();
    QVERIFY2(note.startsWith(QStringLiteral("Removed since it was read: rolled back by")), qPrintable(note));
    QVERIFY(
        model->index(removedRow - 1, HistoryModel::Description).data(HistoryModel::RemovedRole).toString().isEmpty());

    // More changes: counted again, never twice.
    QVERIFY(!TestBackend::award(*m_other, model->transaction(0).userId, 5, QStringLiteral("live-3")).isEmpty());
    m_window->ledgerChanged();
    m_window->ledgerChanged();
    QTRY_VERIFY_WITH_TIMEOUT(history->live()->bar()->text().startsWith(QStringLiteral("4 new transaction")), 20000);
    settle();
    QCOMPARE(history->live()->newCount(), 4);
}

void TestLiveViews::showThemBringsTheRowsAndKeepsTheSelection()
{
    HistoryView *history = m_window->historyView();
    HistoryModel *model = history->model();
    const QString selected = scrollDownAndSelect(100, 110);
    const QString removed = model->transaction(120).id;
    QStringList added;
    for (int i = 0; i < 2; ++i)
        added << TestBackend::award(*m_other, model->transaction(0).userId, 7, QStringLiteral("show-%1").arg(i));
    QVERIFY(Ledger(*m_other).rollback({removed}, QStringLiteral("duplicate")));
    m_window->ledgerChanged();
    QTRY_VERIFY_WITH_TIMEOUT(history->live()->bar()->isVisible(), 20000);
    settle();

    QTest::mouseClick(history->live()->bar()->button(), Qt::LeftButton);
    // The new rows on top, newest first; the removed one gone; the selected one still selected.
    QTRY_COMPARE_WITH_TIMEOUT(model->transaction(0).id, added.at(1), 20000);
    QCOMPARE(model->transaction(1).id, added.at(0));
    QCOMPARE(model->rowOfId(removed), -1);
    QTRY_VERIFY(!history->live()->bar()->isVisible());
    // Selected again by its id once the reloaded rows are in place, which on a busy machine can
    // come a moment after the new first row shows.
    QTRY_COMPARE(history->selectedCount(), 1);
    QCOMPARE(history->selectedTransactions().first().id, selected);
    QCOMPARE(history->tableView()->verticalScrollBar()->value(), 0);
    settle();
    QVERIFY(!history->live()->bar()->isVisible());
}

void TestLiveViews::barSaysMoreThanTheCap()
{
    NewRowsBar *bar = m_window->historyView()->live()->bar();
    bar->setCounts(HistoryLive::Cap + 1, HistoryLive::Cap, 0);
    QCOMPARE(bar->text(), QStringLiteral("More than 1,000 new transactions"));
    QCOMPARE(bar->button()->text(), QStringLiteral("&Show Them"));
    bar->setCounts(0, HistoryLive::Cap, 2);
    QVERIFY(bar->text().startsWith(QStringLiteral("2 removed since")));
    QCOMPARE(bar->button()->text(), QStringLiteral("&Reload"));
    bar->setCounts(0, HistoryLive::Cap, 0);
    QVERIFY(bar->isHidden());
}

void TestLiveViews::oldestFirstReadsOnBelowTheLastRow()
{
    HistoryView *history = m_window->historyView();
    HistoryModel *model = history->model();
    const QString userId = m_window->usersPane()->model()->user(10).id;
    m_window->usersPane()->selectUser(userId);
    QTRY_COMPARE_WITH_TIMEOUT(model->filter().userId, userId, 20000);
    model->sort(HistoryModel::Time, Qt::AscendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 20000);
    while (!model->atEnd()) {
        model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 20000);
    }
    settle();
    const int rows = model->rowCount();
    QTableView *table = history->tableView();
    table->scrollTo(model->index(rows / 2, 0), QAbstractItemView::PositionAtTop);
    table->selectRow(rows / 2 + 1);
    const QString selected = model->transaction(rows / 2 + 1).id;
    const int scroll = table->verticalScrollBar()->value();
    const QString added = TestBackend::award(*m_other, userId, 11, QStringLiteral("oldest-first"));
    QVERIFY(!TestBackend::award(*m_other, m_window->usersPane()->model()->user(11).id, 9, QStringLiteral("other"))
                 .isEmpty()); // another user's: not this history's
    m_window->ledgerChanged();
    QTRY_COMPARE_WITH_TIMEOUT(history->live()->newCount(), 1, 20000);
    QVERIFY(history->live()->bar()->isVisible());
    QTest::mouseClick(history->live()->bar()->button(), Qt::LeftButton);
    // Read on below the last row: the new one at the end, nothing above it moved.
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), rows + 1, 20000);
    QCOMPARE(model->transaction(rows).id, added);
    QCOMPARE(table->verticalScrollBar()->value(), scroll);
    QCOMPARE(history->selectedTransactions().first().id, selected);
    QTRY_VERIFY(!history->live()->bar()->isVisible());
}

void TestLiveViews::usersTotalsChangeInPlace()
{
    UsersPane *pane = m_window->usersPane();
    UsersModel *model = pane->model();
    QTableView *table = pane->tableView();
    table->selectRow(5);
    const QString selected = model->user(5).id;
    QTRY_COMPARE(pane->currentUserId(), selected);
    QTRY_VERIFY(m_window->historyView()->model()->rowCount() > 0);
    settle();
    QStringList order;
    for (int row = 0; row < model->rowCount(); ++row)
        order << model->user(row).id;
    const UserRow before = model->user(20);
    QVERIFY(!TestBackend::award(*m_other, before.id, 5000, QStringLiteral("big-quiz")).isEmpty());
    m_window->ledgerChanged();

    QTRY_COMPARE_WITH_TIMEOUT(model->user(20).totalXP, before.totalXP + 5000, 20000);
    QCOMPARE(model->index(20, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong(), before.totalXP + 5000);
    QCOMPARE(model->user(20).transactions, before.transactions + 1);
    QVERIFY(model->index(20, UsersModel::Name).data(UsersModel::ChangedRole).toBool()); // highlighted
    QVERIFY(!model->index(19, UsersModel::Name).data(UsersModel::ChangedRole).toBool());
    // Same rows in the same order (no re-sort under the reader), same user selected.
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->user(row).id, order.at(row));
    QCOMPARE(pane->currentUserId(), selected);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table->selectionModel()->selectedRows().first().row(), 5);
    // The highlight goes after a moment.
    QTRY_VERIFY_WITH_TIMEOUT(!model->index(20, UsersModel::Name).data(UsersModel::ChangedRole).toBool(), 10000);
}

void TestLiveViews::directTotalChangeIsMarkedWithWhoAndWhen()
{
    UsersModel *model = m_window->usersPane()->model();
    const UserRow user = model->user(3);
    // A console UPDATE of a cached total, as capture records it (an audit event db-total).
    const Status written = m_other->writeTransaction([&]() -> Status {
        auto updated = m_other->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = :t WHERE \"userId\" = :u"),
                                    {{QStringLiteral(":t"), user.totalXP + 999}, {QStringLiteral(":u"), user.id}});
        if (!updated)
            return updated.error();
        AuditEvent event;
        event.action = QStringLiteral("db-total");
        event.operationId = QStringLiteral("txid-4711");
        event.userId = user.id;
        event.amount = user.totalXP + 999;
        event.reason = QStringLiteral("total changed in the database");
        event.snapshot = QStringLiteral("{\"origin\":\"database\",\"role\":\"mallory\",\"application\":\"psql\","
                                        "\"client\":\"local\",\"txid\":4711,\"totalXP_before\":%1,"
                                        "\"totalXP_after\":%2,\"direct\":true}")
                             .arg(user.totalXP)
                             .arg(user.totalXP + 999);
        return AuditLog(*m_other).append({event});
    });
    QVERIFY2(written, written ? "" : qPrintable(written.error().message));
    m_window->ledgerChanged();

    QTRY_VERIFY_WITH_TIMEOUT(
        !model->index(3, UsersModel::TotalXP).data(UsersModel::DirectChangeRole).toString().isEmpty(), 20000);
    const QString tip = model->index(3, UsersModel::TotalXP).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("directly in the database")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("mallory")) && tip.contains(QStringLiteral("psql")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("differs from the sum")), qPrintable(tip)); // and the drift it made
    QTRY_COMPARE(model->user(3).totalXP, user.totalXP + 999);
    QVERIFY(model->index(4, UsersModel::TotalXP).data(UsersModel::DirectChangeRole).toString().isEmpty());

    // Repaired: the mark has done its work.
    QVERIFY(Ledger(*m_other).recalculate(user.id));
    m_window->ledgerChanged();
    QTRY_VERIFY_WITH_TIMEOUT(
        model->index(3, UsersModel::TotalXP).data(UsersModel::DirectChangeRole).toString().isEmpty(), 20000);
    QTRY_COMPARE(model->user(3).totalXP, user.totalXP);
}

void TestLiveViews::auditLogGainsEventsWithoutMovingTheReader()
{
    AuditLogView *audit = m_window->auditLogView();
    m_window->showView(audit);
    // Enough events to scroll: a few dozen awards.
    for (int i = 0; i < 60; ++i)
        QVERIFY(!TestBackend::award(*m_other, m_window->usersPane()->model()->user(i % 30).id, 1,
                                    QStringLiteral("pad-%1").arg(i))
                     .isEmpty());
    audit->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() > 60, 20000);
    settle();
    QTableView *table = audit->table();
    table->scrollTo(audit->model()->index(30, 0), QAbstractItemView::PositionAtTop);
    table->selectRow(35);
    const qint64 topSeq = audit->model()->eventAt(0).seq;
    const qint64 firstVisible = audit->model()->eventAt(table->rowAt(0)).seq;
    const qint64 selected = audit->currentEvent().seq;
    QCOMPARE(selected, audit->model()->eventAt(35).seq);

    QVERIFY(
        !TestBackend::award(*m_other, m_window->usersPane()->model()->user(0).id, 3, QStringLiteral("late")).isEmpty());
    m_window->ledgerChanged();
    QTRY_COMPARE_WITH_TIMEOUT(audit->model()->eventAt(1).seq, topSeq, 20000);
    QCOMPARE(audit->model()->eventAt(0).action, QStringLiteral("award"));
    QCOMPARE(audit->model()->eventAt(0).reason, QStringLiteral("Quiz late"));
    // The reader's rows stay where they were on screen, and the selected event stays selected.
    QTRY_COMPARE(audit->model()->eventAt(table->rowAt(0)).seq, firstVisible);
    QCOMPARE(audit->currentEvent().seq, selected);
}

void TestLiveViews::chartsReadAgainWithoutGreying()
{
    ChartsView *charts = m_window->chartsView();
    m_window->showView(charts);
    QTRY_VERIFY_WITH_TIMEOUT(charts->hasData() && !charts->isLoading(), 20000);
    const qint64 before = charts->data().byCategory.totalXp();
    const ChartRequest range = charts->request();
    QSignalSpy started(charts, &ChartsView::loadStarted);
    QVERIFY(!TestBackend::award(*m_other, m_window->usersPane()->model()->user(0).id, 1234, QStringLiteral("chart"))
                 .isEmpty());
    m_window->ledgerChanged();
    QVERIFY(started.wait(20000));
    // While the new figures are read, the charts shown stay as they were: not greyed, not blanked.
    for (const ChartKind kind : {ChartKind::CategoryShare, ChartKind::OverTime, ChartKind::TopUsers})
        QCOMPARE(charts->chart(kind)->opacity(), 1.0);
    QVERIFY(charts->statusLabel()->text() != QStringLiteral("Loading…"));
    QTRY_COMPARE_WITH_TIMEOUT(charts->data().byCategory.totalXp(), before + 1234, 20000);
    QCOMPARE(charts->request().first, range.first);
    QCOMPARE(charts->request().last, range.last);
    // A burst of changes is read once, not once each.
    started.clear();
    for (int i = 0; i < 5; ++i)
        m_window->ledgerChanged();
    QVERIFY(started.wait(20000));
    QTRY_VERIFY(!charts->isLoading());
    settle();
    QCOMPARE(started.size(), 1);
}

void TestLiveViews::pastMomentIsNotReloaded()
{
    LedgerSession *session = m_window->session();
    UsersModel *users = m_window->usersPane()->model();
    HistoryView *history = m_window->historyView();
    const QDateTime past = QDateTime::currentDateTimeUtc().addDays(-3);
    LedgerMoment::of(session)->setMoment(past);
    QTRY_VERIFY_WITH_TIMEOUT(users->asOf().isValid() && users->rowCount() == 30 && !users->isLoading(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(history->model()->filter().asOf.isValid() && !history->model()->isLoading(), 20000);
    settle();
    const UserRow before = users->user(0);
    const QString top = history->model()->transaction(0).id;
    const qint64 auditTop = m_window->auditLogView()->model()->eventAt(0).seq;
    QSignalSpy resets(history->model(), &QAbstractItemModel::modelReset);

    QVERIFY(!TestBackend::award(*m_other, before.id, 777, QStringLiteral("now")).isEmpty());
    m_window->ledgerChanged();
    // The audit log is no view of a moment: it gains the event. The views of then stay.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->auditLogView()->model()->eventAt(0).seq > auditTop, 20000);
    settle();
    QCOMPARE(users->user(0).totalXP, before.totalXP);
    QCOMPARE(users->user(0).id, before.id);
    QCOMPARE(history->model()->transaction(0).id, top);
    QCOMPARE(resets.size(), 0);
    QVERIFY(!history->live()->bar()->isVisible());
}

void TestLiveViews::aConsoleChangeIsSealedMarkedAndAlerted()
{
    if (!TestBackend::isPostgres())
        QSKIP("Capture records changes in PostgreSQL only; SQLite has no other writers to capture");
    QVERIFY(CaptureInstaller(*m_other).install());
    UsersModel *model = m_window->usersPane()->model();
    const UserRow user = model->user(5);
    // A console's UPDATE: no XP Admin write, and nobody calls the window. Its feed hears the
    // capture trigger, seals the change into the log, marks the user and raises the alert.
    QVERIFY(m_other->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = :t WHERE \"userId\" = :u"),
                         {{QStringLiteral(":t"), user.totalXP + 5000}, {QStringLiteral(":u"), user.id}}));
    QTRY_VERIFY_WITH_TIMEOUT(
        !model->index(5, UsersModel::TotalXP).data(UsersModel::DirectChangeRole).toString().isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->alerts()->model()->rowCount() == 1, 20000);
    QCOMPARE(m_window->auditLogView()->model()->eventAt(0).action, QStringLiteral("db-total"));
    // Verify names the user, and who set the total by hand.
    AuditLogView *audit = m_window->auditLogView();
    m_window->showView(audit);
    audit->verify();
    QTRY_VERIFY_WITH_TIMEOUT(!audit->isVerifying() && audit->verifyResult()->isVisible(), 30000);
    auto *drift = audit->verifyResult()->findChild<QTreeWidget *>(QStringLiteral("verifyDrift"));
    QVERIFY(drift);
    QCOMPARE(drift->topLevelItemCount(), 1);
    QCOMPARE(drift->topLevelItem(0)->toolTip(0), user.id);
    QVERIFY2(drift->topLevelItem(0)->text(0) != user.id, qPrintable(drift->topLevelItem(0)->text(0)));
    const QString who = TestBackend::scalar(*m_other, QStringLiteral("SELECT current_user")).toString();
    QVERIFY2(drift->topLevelItem(0)->text(4).contains(who), qPrintable(drift->topLevelItem(0)->text(4)));
    QVERIFY2(drift->topLevelItem(0)->toolTip(4).contains(QStringLiteral("directly in the database")),
             qPrintable(drift->topLevelItem(0)->toolTip(4)));
}

void TestLiveViews::feedDrivesTheViewsAndTheStatusBarSaysHow()
{
    auto *indicator = m_window->findChild<QLabel *>(QStringLiteral("liveIndicator"));
    QVERIFY(indicator);
    QVERIFY(indicator->isVisible());
    QCOMPARE(indicator->text(), TestBackend::isPostgres() ? QStringLiteral("Live") : QStringLiteral("Live (file)"));
    QVERIFY2(indicator->toolTip().startsWith(QStringLiteral("Live: changes")), qPrintable(indicator->toolTip()));
    // Nobody calls the window: its feed notices the other desk's commit.
    HistoryView *history = m_window->historyView();
    const UserRow user = m_window->usersPane()->model()->user(7);
    QVERIFY(!TestBackend::award(*m_other, user.id, 42, QStringLiteral("heard")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(history->live()->newCount(), 1, 20000);
    QVERIFY(history->live()->bar()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->usersPane()->model()->user(7).totalXP, user.totalXP + 42, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->auditLogView()->model()->eventAt(0).reason, QStringLiteral("Quiz heard"),
                              20000);
}

void TestLiveViews::throughAPoolerTheWindowChecksEveryTwoSeconds()
{
    if (!TestBackend::isPostgres())
        QSKIP("PgBouncer pools PostgreSQL server connections");
    XP_PGBOUNCER_URL(url);
    auto pooled = ConnectionSpec::parse(url + QStringLiteral("?pgbouncer=true"));
    QVERIFY(pooled);
    pooled->database = m_spec->database;
    m_window.reset();
    m_window = std::make_unique<MainWindow>(QStringLiteral("tester"));
    QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
    m_window->show();
    m_window->openDatabase(*pooled);
    QVERIFY(opened.wait(20000));
    QVERIFY(opened.first().first().toBool());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->historyView()->model()->rowCount(), HistoryModel::PageSize, 20000);
    settle();
    auto *indicator = m_window->findChild<QLabel *>(QStringLiteral("liveIndicator"));
    QVERIFY(indicator);
    QCOMPARE(indicator->text(), QStringLiteral("Checking every 2 s"));
    QVERIFY2(indicator->toolTip().contains(QStringLiteral("PgBouncer")), qPrintable(indicator->toolTip()));
    QVERIFY(!TestBackend::award(*m_other, m_window->usersPane()->model()->user(0).id, 8, QStringLiteral("pooled"))
                 .isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->historyView()->live()->newCount(), 1, 20000);
}

QTEST_MAIN(TestLiveViews)
#include "TestLiveViews.moc"
