#include "tests/support/TestBackend.h"

#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartsView.h"

#include "core/db/Dialect.h"
#include "core/domain/Timestamp.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "models/HistoryModel.h"
#include "models/UsersModel.h"
#include "ui/audit/AuditLogView.h"
#include "ui/common/MessageBox.h"
#include "ui/history/HistoryView.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

// The whole window on a real database: what a support person sees after starting it.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensDatabaseAndShowsUsersAndHistory();
    void selectingAUserFiltersHistoryAndEnablesAdjust();
    void everyShortcutIsUniqueAndEveryActionExplained();
    void badDatabaseIsReportedAndCurrentStaysOpen();
    void chartsFollowTheUserAndTheLeaderboardSelectsOne();
    void layoutIsRemembered();
    void navigationShowsUserTransactionAndItsAuditEvent();

private:
    std::unique_ptr<MainWindow> openWindow(const ConnectionSpec &spec);

    std::optional<ConnectionSpec> m_spec;
};

void TestMainWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-main-window"));
    QSettings().clear();
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(DemoGenerator(*db).generate({30, 1500, 20, 5}));
    m_spec = spec;
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow(const ConnectionSpec &spec)
{
    auto window = std::make_unique<MainWindow>(QStringLiteral("tester"));
    QSignalSpy opened(window.get(), &MainWindow::databaseOpened);
    window->show();
    window->openDatabase(spec);
    if (!opened.wait(20000) || !opened.first().first().toBool())
        return nullptr;
    return window;
}

void TestMainWindow::opensDatabaseAndShowsUsersAndHistory()
{
    auto window = openWindow(*m_spec);
    QVERIFY(window);
    QVERIFY(window->session());
    QVERIFY(window->windowTitle().contains(QStringLiteral("XP Admin")));
    QTRY_COMPARE(window->usersPane()->model()->rowCount(), 30);
    QTRY_VERIFY(window->historyView()->model()->rowCount() > 0);
    // Everyone's history, newest first, as independent SQL has it.
    auto db = Database::open(*m_spec);
    QVERIFY(db);
    const QString newest = TestBackend::scalar(**db,
                                               QStringLiteral("SELECT \"id\" FROM \"UserXP\" ORDER BY "
                                                              "\"createdAt\" DESC, \"id\" DESC LIMIT 1"))
                               .toString();
    QCOMPARE(window->historyView()->model()->transaction(0).id, newest);
}

void TestMainWindow::selectingAUserFiltersHistoryAndEnablesAdjust()
{
    auto window = openWindow(*m_spec);
    QVERIFY(window);
    QList<QAction *> actions = window->findChildren<QAction *>();
    QAction *adjustAction = nullptr;
    for (QAction *action : actions) {
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_J))
            adjustAction = action;
    }
    QVERIFY(adjustAction);
    QTRY_COMPARE(window->usersPane()->model()->rowCount(), 30);
    QVERIFY(!adjustAction->isEnabled()); // nobody selected yet
    QTableView *users = window->usersPane()->tableView();
    const QString leader = users->model()->index(0, UsersModel::Id).data(UsersModel::RawValueRole).toString();
    QTest::mouseClick(users->viewport(), Qt::LeftButton, {},
                      users->visualRect(users->model()->index(0, UsersModel::Name)).center());
    QTRY_COMPARE(window->usersPane()->currentUserId(), leader);
    QTRY_VERIFY(adjustAction->isEnabled()); // on PostgreSQL once the role has been read
    QTRY_VERIFY(window->historyView()->model()->rowCount() > 0);
    auto db = Database::open(*m_spec);
    QVERIFY(db);
    const qint64 expected
        = TestBackend::scalar(**db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :u"),
                              {{QStringLiteral(":u"), leader}})
              .toLongLong();
    QTRY_COMPARE(qint64(window->historyView()->model()->rowCount()), std::min<qint64>(expected, 500));
    for (int row = 0; row < window->historyView()->model()->rowCount(); ++row)
        QCOMPARE(window->historyView()->model()->transaction(row).userId, leader);
}

void TestMainWindow::everyShortcutIsUniqueAndEveryActionExplained()
{
    auto window = openWindow(*m_spec);
    QVERIFY(window);
    // Two enabled actions on one key cancel each other out: Qt fires neither.
    QHash<QString, QString> seen;
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty())
            continue;
        const QWidget *owner = qobject_cast<QWidget *>(action->parent());
        if (action->shortcutContext() == Qt::WidgetShortcut)
            continue; // local to one widget
        if (owner && !owner->isVisible() && owner != window.get())
            continue;
        const QString key = action->shortcut().toString();
        QVERIFY2(!seen.contains(key),
                 qPrintable(key + QStringLiteral(": ") + seen.value(key) + QStringLiteral(" and ") + action->text()));
        seen.insert(key, action->text());
    }
    for (QAction *action : window->menuBar()->actions()) {
        for (QAction *item : action->menu()->actions()) {
            if (item->isSeparator() || item->menu())
                continue;
            QVERIFY2(!item->statusTip().isEmpty() || item->text().contains(QStringLiteral("Qt")),
                     qPrintable(item->text()));
        }
    }
}

void TestMainWindow::badDatabaseIsReportedAndCurrentStaysOpen()
{
    auto window = openWindow(*m_spec);
    QVERIFY(window);
    const QString before = window->windowTitle();
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QSignalSpy opened(window.get(), &MainWindow::databaseOpened);
    ConnectionSpec bad;
    bad.backend = ConnectionSpec::Backend::Postgres;
    bad.host = QStringLiteral("127.0.0.1");
    bad.port = 1; // nothing listens there
    bad.database = QStringLiteral("nothing");
    bad.user = QStringLiteral("nobody");
    window->openDatabase(bad);
    QVERIFY(opened.wait(30000));
    QCOMPARE(opened.first().first().toBool(), false);
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Nothing was changed")),
             qPrintable(MessageBox::lastText()));
    QCOMPARE(window->windowTitle(), before);
    QVERIFY(window->session());
}

void TestMainWindow::chartsFollowTheUserAndTheLeaderboardSelectsOne()
{
    auto window = openWindow(*m_spec);
    QVERIFY(window);
    ChartsView *charts = window->chartsView();
    QVERIFY(charts);
    QAction *showCharts = nullptr;
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_3))
            showCharts = action;
    }
    QVERIFY(showCharts);
    showCharts->trigger();
    QCOMPARE(window->findChild<QTabWidget *>()->currentWidget(), charts);
    QTRY_VERIFY_WITH_TIMEOUT(charts->hasData() && !charts->isLoading(), 30000);
    QVERIFY(charts->data().request.userId.isEmpty()); // everyone
    // File > Export Chart offers the four charts.
    QMenu *exportMenu = nullptr;
    for (QAction *action : window->menuBar()->actions().first()->menu()->actions()) {
        if (action->menu() && action->text().contains(QStringLiteral("Chart")))
            exportMenu = action->menu();
    }
    QVERIFY(exportMenu);
    QCOMPARE(exportMenu->actions().size(), 4);
    for (QAction *action : exportMenu->actions())
        QVERIFY(action->isEnabled() && !action->statusTip().isEmpty());

    // Clicking the top bar of the leaderboard selects that user in the users pane, and the charts
    // follow the users pane.
    QChart *chart = charts->chart(ChartKind::TopUsers);
    QHorizontalBarSeries *bars = nullptr;
    for (QAbstractSeries *series : chart->series())
        bars = qobject_cast<QHorizontalBarSeries *>(series);
    QVERIFY(bars);
    const QString leader = charts->data().topUsers.first().userId;
    emit bars->barSets().first()->clicked(bars->barSets().first()->count() - 1);
    QTRY_COMPARE(window->usersPane()->currentUserId(), leader);
    QCOMPARE(charts->userId(), leader);
    QTRY_VERIFY_WITH_TIMEOUT(charts->data().request.userId == leader && !charts->isLoading(), 30000);
    auto db = Database::open(*m_spec);
    QVERIFY(db);
    const QDate first = charts->data().first;
    const qint64 expected
        = TestBackend::scalar(
              **db,
              QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :u AND \"createdAt\" >= %1")
                  .arg((*db)->dialect().timestampParam(QStringLiteral(":t"))),
              {{QStringLiteral(":u"), leader}, {QStringLiteral(":t"), Timestamp::toSql(first.startOfDay().toUTC())}})
              .toLongLong();
    QCOMPARE(charts->data().byCategory.totalTransactions(), expected);
}

void TestMainWindow::layoutIsRemembered()
{
    {
        auto window = openWindow(*m_spec);
        QVERIFY(window);
        window->resize(1111, 777);
        window->close();
    }
    auto window = openWindow(*m_spec);
    QVERIFY(window);
    QCOMPARE(window->size(), QSize(1111, 777));
    QCOMPARE(QSettings().value(QStringLiteral("lastDatabase")).toString(), m_spec->displayName());
}

void TestMainWindow::navigationShowsUserTransactionAndItsAuditEvent()
{
    auto db = Database::open(*m_spec);
    QVERIFY(db);
    const QString user = TestBackend::scalar(**db,
                                             QStringLiteral("SELECT \"userId\" FROM \"UserProfile\" ORDER BY "
                                                            "\"userId\" DESC LIMIT 1"))
                             .toString();
    auto adjusted = Ledger(**db).adjust(user, 25, QStringLiteral("Navigation test"));
    QVERIFY(adjusted && adjusted->rows.size() == 1);
    const QString id = adjusted->rows.first().id;

    auto window = openWindow(*m_spec);
    QVERIFY(window);
    QTRY_COMPARE(window->usersPane()->model()->rowCount(), 30);
    window->showView(window->chartsView());
    window->showUser(user);
    QTRY_COMPARE(window->usersPane()->currentUserId(), user);
    QCOMPARE(window->historyView()->userId(), user);
    auto *tabs = window->findChild<QTabWidget *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->currentWidget(), window->historyView());

    window->showTransaction(id);
    QTRY_VERIFY_WITH_TIMEOUT(window->historyView()->selectedCount() == 1, 20000);
    QCOMPARE(window->historyView()->selectedTransactions().first().id, id);

    window->showAuditForTransaction(id);
    QTRY_COMPARE(tabs->currentWidget(), window->auditLogView());
    QTableView *audit = window->auditLogView()->table();
    QTRY_VERIFY_WITH_TIMEOUT(audit->currentIndex().isValid(), 20000);
    const AuditEvent event = window->auditLogView()->model()->eventAt(audit->currentIndex().row());
    QCOMPARE(event.xpId, id);
    QCOMPARE(event.action, QStringLiteral("adjust"));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
