#include "core/roles/RoleSetting.h"
#include "core/session/LedgerSession.h"
#include "tests/roles/RoleFixture.h"
#include "tests/support/TestBackend.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

// The window knows who is connected: what the role may not do is disabled, and its tooltip says
// why; the status bar names the role, marked advisory on SQLite.
class TestRolesGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void sqliteRoleIsChosenInTheSettingsAndAdvisory();
    void postgresAuditorSeesWhyActionsAreOff();
    void postgresSupportMayAdjustOnly();
    void postgresAdminDecidesButLeavesTheThreshold();

private:
    std::unique_ptr<MainWindow> openWindow(const ConnectionSpec &spec);
    // PostgreSQL: a window logged in as the fixture's login of that role, once it shows the role.
    std::unique_ptr<MainWindow> openAs(Role role);
    static QAction *actionWithShortcut(QWidget *window, const QKeySequence &shortcut);
    static QAction *actionNamed(QWidget *window, const QString &objectName);
    static QString roleLabel(QWidget *window);
    static PendingApprovalsView *approvals(QWidget *window);
    static QPushButton *repairButton(QWidget *window);

    std::unique_ptr<RoleFixture> m_fixture; // PostgreSQL only
};

void TestRolesGui::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-roles-gui"));
    if (!TestBackend::isPostgres())
        return;
    QString why;
    m_fixture = RoleFixture::start(&why);
    if (!m_fixture && TestBackend::serverRequired())
        QFAIL(qPrintable(why));
}

void TestRolesGui::cleanup()
{
    RoleSetting::setSqliteRole(Role::Unrestricted);
}

std::unique_ptr<MainWindow> TestRolesGui::openWindow(const ConnectionSpec &spec)
{
    auto window = std::make_unique<MainWindow>(QStringLiteral("Dana"));
    QSignalSpy opened(window.get(), &MainWindow::databaseOpened);
    window->show();
    window->openDatabase(spec);
    if (!opened.wait(20000) || !opened.first().first().toBool())
        return nullptr;
    return window;
}

std::unique_ptr<MainWindow> TestRolesGui::openAs(Role role)
{
    auto window = openWindow(m_fixture->specFor(role));
    const QString group = QStringLiteral("xpadmin_") + Roles::key(role);
    if (!window || !QTest::qWaitFor([&] { return roleLabel(window.get()).contains(group); }, 10000)) {
        qWarning("no window showing the role %s: %s", qPrintable(group),
                 window ? qPrintable(roleLabel(window.get())) : "not opened");
        return nullptr;
    }
    return window;
}

QAction *TestRolesGui::actionWithShortcut(QWidget *window, const QKeySequence &shortcut)
{
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut() == shortcut)
            return action;
    }
    return nullptr;
}

QAction *TestRolesGui::actionNamed(QWidget *window, const QString &objectName)
{
    return window->findChild<QAction *>(objectName);
}

QString TestRolesGui::roleLabel(QWidget *window)
{
    auto *label = window->findChild<QLabel *>(QStringLiteral("roleLabel"));
    return label ? label->text() : QString();
}

PendingApprovalsView *TestRolesGui::approvals(QWidget *window)
{
    return window->findChild<PendingApprovalsView *>();
}

QPushButton *TestRolesGui::repairButton(QWidget *window)
{
    return window->findChild<QPushButton *>(QStringLiteral("verifyRepair"));
}

void TestRolesGui::sqliteRoleIsChosenInTheSettingsAndAdvisory()
{
    XP_OPEN_FRESH_DB(spec, db);
    db.reset();
    RoleSetting::setSqliteRole(Role::Auditor);
    auto window = openWindow(spec);
    QVERIFY(window);
    QTRY_VERIFY2(roleLabel(window.get()).contains(QLatin1String("advisory")), qPrintable(roleLabel(window.get())));
    QVERIFY(roleLabel(window.get()).contains(QLatin1String("Auditor")));
    QAction *rollback = actionWithShortcut(window.get(), QKeySequence::Delete);
    QAction *deleteSource = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QAction *import = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::Key_I));
    QVERIFY(rollback && deleteSource && import);
    QVERIFY(!deleteSource->isEnabled());
    QVERIFY(!import->isEnabled());
    QCOMPARE(rollback->toolTip(),
             QStringLiteral("Your role Auditor (advisory, chosen in the settings) may not roll back transactions"));
    // The buttons inside the views say so too: approve and reject, the threshold, repair.
    PendingApprovalsView *queue = approvals(window.get());
    QPushButton *repair = repairButton(window.get());
    QVERIFY(queue && repair);
    QVERIFY(!queue->approveButton()->isEnabled());
    QVERIFY(!queue->rejectButton()->isEnabled());
    QCOMPARE(queue->rejectButton()->toolTip(),
             QStringLiteral("Your role Auditor (advisory, chosen in the settings) "
                            "may not approve or reject adjustments"));
    QVERIFY(!queue->applyThresholdButton()->isEnabled());
    QVERIFY(!queue->thresholdEnabled()->isEnabled());
    QCOMPARE(queue->applyThresholdButton()->toolTip(),
             QStringLiteral("Your role Auditor (advisory, chosen in the settings) may not change the approval "
                            "threshold"));
    QVERIFY(!repair->isEnabled());
    QCOMPARE(repair->toolTip(),
             QStringLiteral("Your role Auditor (advisory, chosen in the settings) may not "
                            "recalculate or repair totals"));

    // Chosen again in View > Role on SQLite Files: applies at once, and is remembered.
    QAction *owner = actionNamed(window.get(), QStringLiteral("sqliteRole_owner"));
    QVERIFY(owner);
    owner->trigger();
    QTRY_VERIFY2(roleLabel(window.get()).contains(QLatin1String("Owner")), qPrintable(roleLabel(window.get())));
    QVERIFY2(deleteSource->isEnabled(), qPrintable(deleteSource->toolTip()));
    QVERIFY(import->isEnabled());
    QVERIFY(!rollback->toolTip().contains(QLatin1String("may not")));
    QVERIFY(repair->isEnabled());
    QVERIFY(queue->applyThresholdButton()->isEnabled());
    QVERIFY(!queue->rejectButton()->toolTip().contains(QLatin1String("may not")));
    QVERIFY(!RoleSetting::sqliteRole().has_value());
    QAction *support = actionNamed(window.get(), QStringLiteral("sqliteRole_support"));
    QVERIFY(support);
    support->trigger();
    QTRY_VERIFY(!deleteSource->isEnabled());
    QCOMPARE(RoleSetting::sqliteRole(), std::optional<Role>(Role::Support));
    QVERIFY(!repair->isEnabled());
    QVERIFY(!queue->applyThresholdButton()->isEnabled());
}

void TestRolesGui::postgresAuditorSeesWhyActionsAreOff()
{
    if (!m_fixture)
        QSKIP("No PostgreSQL test server (XPADMIN_TEST_BACKEND=postgres, XPADMIN_TEST_PG_URL)");
    auto window = openAs(Role::Auditor);
    QVERIFY(window);
    QVERIFY(!roleLabel(window.get()).contains(QLatin1String("advisory")));
    QAction *rollback = actionWithShortcut(window.get(), QKeySequence::Delete);
    QAction *adjust = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::Key_J));
    QAction *deleteSource = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QAction *restore = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction *import = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::Key_I));
    QVERIFY(rollback && adjust && deleteSource && restore && import);
    QCOMPARE(rollback->toolTip(), QStringLiteral("Your database role xpadmin_auditor may not roll back transactions"));
    QCOMPARE(adjust->toolTip(), QStringLiteral("Your database role xpadmin_auditor may not adjust XP"));
    QCOMPARE(restore->statusTip(),
             QStringLiteral("Your database role xpadmin_auditor may not restore rolled-back transactions"));
    // Selecting a user (which enables Adjust for others) leaves it off.
    window->usersPane()->selectUser(QStringLiteral("alice"));
    QTest::qWait(200);
    for (QAction *action : {rollback, adjust, deleteSource, restore, import})
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
    // The actor shown is the login.
    QVERIFY(window->session()->actor() == m_fixture->loginFor(Role::Auditor));
}

void TestRolesGui::postgresSupportMayAdjustOnly()
{
    if (!m_fixture)
        QSKIP("No PostgreSQL test server (XPADMIN_TEST_BACKEND=postgres, XPADMIN_TEST_PG_URL)");
    auto window = openAs(Role::Support);
    QVERIFY(window);
    QAction *adjust = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::Key_J));
    QAction *deleteSource = actionWithShortcut(window.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QVERIFY(adjust && deleteSource);
    window->usersPane()->selectUser(QStringLiteral("alice"));
    QTRY_VERIFY(adjust->isEnabled());
    QVERIFY(!adjust->toolTip().contains(QLatin1String("may not")));
    QVERIFY(!deleteSource->isEnabled());
    QCOMPARE(deleteSource->toolTip(), QStringLiteral("Your database role xpadmin_support may not delete sources"));
}

void TestRolesGui::postgresAdminDecidesButLeavesTheThreshold()
{
    if (!m_fixture)
        QSKIP("No PostgreSQL test server (XPADMIN_TEST_BACKEND=postgres, XPADMIN_TEST_PG_URL)");
    auto window = openAs(Role::Admin);
    QVERIFY(window);
    PendingApprovalsView *queue = approvals(window.get());
    QPushButton *repair = repairButton(window.get());
    QVERIFY(queue && repair);
    QVERIFY(repair->isEnabled());
    QVERIFY(!queue->rejectButton()->toolTip().contains(QLatin1String("may not")));
    // The threshold lives in the owner's table: the admin sees it, greyed, and why.
    QTRY_VERIFY(!queue->applyThresholdButton()->isEnabled());
    QVERIFY(!queue->thresholdSpin()->isEnabled());
    QCOMPARE(queue->applyThresholdButton()->toolTip(),
             QStringLiteral("Your database role xpadmin_admin may not change the approval threshold"));

    auto auditor = openAs(Role::Auditor);
    QVERIFY(auditor);
    QCOMPARE(approvals(auditor.get())->approveButton()->toolTip(),
             QStringLiteral("Your database role xpadmin_auditor may not approve or reject adjustments"));
    QVERIFY(!repairButton(auditor.get())->isEnabled());
}

QTEST_MAIN(TestRolesGui)
#include "TestRolesGui.moc"
