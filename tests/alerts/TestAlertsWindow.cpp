#include "tests/alerts/AlertFixture.h"

#include "core/alerts/AlertSettings.h"
#include "core/session/LedgerSession.h"
#include "models/AlertListModel.h"
#include "models/AuditText.h"
#include "ui/alerts/AlertBar.h"
#include "ui/alerts/AlertCenter.h"
#include "ui/alerts/AlertRulesDialog.h"
#include "ui/alerts/AlertsPanel.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QLocale>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolBar>

// The window's alerts as a support person meets them: the Alert Rules dialog (checked, saved,
// audited; greyed for a role that may not set them) and the Alerts panel and bar fed with new
// audit events, as the live feed will.
class TestAlertsWindow final : public QObject, private AlertFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();

    void rulesDialogNamesTheWrongField();
    void rulesDialogSavesAndAudits();
    void rulesDialogIsGreyedForOthers();
    void alertAboveTheLimitIsShown();
    void nothingBelowTheLimit();

private:
    AlertRulesDialog *openDialog(const QString &refusal = {});
    // Hands the events to the center and waits until they were checked; the alerts raised.
    int feed(AlertCenter &center, const QList<AuditEvent> &events);

    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<QMainWindow> m_window;
};

void TestAlertsWindow::init()
{
    openDatabase();
    if (!m_db)
        return;
    m_session = std::make_unique<LedgerSession>(*m_spec, QStringLiteral("tester"));
    bool opened = false;
    Status status;
    m_session->open(m_session.get(), [&](const Status &s) {
        status = s;
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
    QVERIFY2(status, status ? "" : qPrintable(status.error().message));
    m_window = std::make_unique<QMainWindow>();
    m_window->resize(1000, 700);
}

void TestAlertsWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    closeDatabase();
}

AlertRulesDialog *TestAlertsWindow::openDialog(const QString &refusal)
{
    auto *dialog = new AlertRulesDialog(m_session.get(), refusal, m_window.get());
    dialog->show();
    if (!QTest::qWaitFor([dialog] { return dialog->isLoaded(); }, 20000))
        qWarning("the rules did not load");
    return dialog;
}

int TestAlertsWindow::feed(AlertCenter &center, const QList<AuditEvent> &events)
{
    QSignalSpy checked(&center, &AlertCenter::checked);
    center.addEvents(events);
    if (!checked.wait(20000))
        return -1;
    return checked.constFirst().constFirst().toInt();
}

void TestAlertsWindow::rulesDialogNamesTheWrongField()
{
    AlertRulesDialog *dialog = openDialog();
    QVERIFY(dialog->isLoaded());
    QVERIFY(!dialog->maxChangeEnabled()->isChecked()); // off until set
    QVERIFY(dialog->directTotalBox()->isChecked());
    QTest::mouseClick(dialog->maxChangeEnabled(), Qt::LeftButton);
    QVERIFY(dialog->maxChangeEdit()->isEnabled());
    QTest::keyClicks(dialog->maxChangeEdit(), QStringLiteral("a lot"));
    QTest::mouseClick(dialog->maxPerHourEnabled(), Qt::LeftButton);
    QTest::keyClicks(dialog->maxPerHourEdit(), QStringLiteral("0"));
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->maxChangeNote()->error(),
             QStringLiteral("The largest single change \"a lot\" is not valid: give a whole number from 0 (off) to "
                            "2147483647"));
    QCOMPARE(dialog->maxPerHourNote()->error(),
             QStringLiteral("Give the number of changes an hour as a whole number above 0, or turn the rule off"));
    QCOMPARE(QApplication::focusWidget(), dialog->maxChangeEdit());
    QTest::qWait(50);
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
    QCOMPARE(auditCount(QStringLiteral("alert-rules")), 0);
    // Typing again clears the field's error.
    QTest::keyClick(dialog->maxChangeEdit(), Qt::Key_Backspace);
    QVERIFY(!dialog->maxChangeNote()->hasError());
}

void TestAlertsWindow::rulesDialogSavesAndAudits()
{
    AlertRulesDialog *dialog = openDialog();
    QSignalSpy saved(dialog, &AlertRulesDialog::saved);
    QTest::mouseClick(dialog->maxChangeEnabled(), Qt::LeftButton);
    QTest::keyClicks(dialog->maxChangeEdit(), QStringLiteral("1000"));
    QTest::mouseClick(dialog->maxPerHourEnabled(), Qt::LeftButton);
    QTest::keyClicks(dialog->maxPerHourEdit(), QStringLiteral("30"));
    QTest::mouseClick(dialog->directTotalBox(), Qt::LeftButton);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(20000));
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(*AlertSettings(*m_db).rules(), (AlertRules{1000, 30, false}));
    QCOMPARE(auditCount(QStringLiteral("alert-rules")), 1);
    // The audit log says what changed, in words.
    const AuditEvent event = eventsAfter(lastSeq() - 1).constFirst();
    QCOMPARE(AuditText::actionLabel(event.action), QStringLiteral("Alert rules"));
    QCOMPARE(AuditText::effect(event),
             QStringLiteral("Alert on a single change above: off → 1,000 XP\n"
                            "Alert on more changes by one actor in an hour than: off → 30\n"
                            "Alert on a direct change of a total: on → off"));
    // Opened again: the rules as stored.
    AlertRulesDialog *again = openDialog();
    QVERIFY(again->maxChangeEnabled()->isChecked());
    QCOMPARE(again->maxChangeEdit()->text(), QStringLiteral("1000"));
    QCOMPARE(again->maxPerHourEdit()->text(), QStringLiteral("30"));
    QVERIFY(!again->directTotalBox()->isChecked());
}

void TestAlertsWindow::rulesDialogIsGreyedForOthers()
{
    const QString why = QStringLiteral("Your database role xpadmin_admin may not change the alert rules");
    AlertRulesDialog *dialog = openDialog(why);
    for (QWidget *control : std::initializer_list<QWidget *>{dialog->maxChangeEnabled(), dialog->maxPerHourEnabled(),
                                                             dialog->directTotalBox(), dialog->saveButton()}) {
        QVERIFY(!control->isEnabled());
        QCOMPARE(control->toolTip(), why);
    }
    QCOMPARE(dialog->message()->text(), why);
    dialog->save(); // refused even when called
    QTest::qWait(50);
    QCOMPARE(auditCount(QStringLiteral("alert-rules")), 0);
}

void TestAlertsWindow::alertAboveTheLimitIsShown()
{
    QVERIFY(AlertSettings(*m_db).setRules(AlertRules{100, 0, true}));
    AlertCenter center(m_window.get());
    new QAbstractItemModelTester(center.model(), QAbstractItemModelTester::FailureReportingMode::QtTest, &center);
    center.setSession(m_session.get());
    m_window->show();
    QCOMPARE(feed(center, adjust(101)), 1);
    QCOMPARE(center.model()->rowCount(), 1);
    QVERIFY(center.barArea()->isVisible());
    QVERIFY2(center.bar()->text().startsWith(QLatin1String("1 new alert")), qPrintable(center.bar()->text()));
    // (The English plural form, "1 new alert", comes with the lead's lupdate of xpadmin_en.ts.)
    QVERIFY(center.bar()->text().contains(QLatin1String(". Latest: tester (login")));
    QVERIFY(center.bar()->text().contains(QLatin1String("Bob Smith by +101")));
    QCOMPARE(center.viewAction()->text(), QStringLiteral("Aler&ts (1)"));
    // A second one: newest first, the bar counts both.
    QCOMPARE(feed(center, adjust(-250)), 1);
    QCOMPARE(center.model()->index(0, AlertListModel::Message).data().toString(),
             QStringLiteral("tester (login %1) adjusted the XP of Bob Smith by -250, above the alert limit of 100 XP "
                            "for a single change.")
                 .arg(m_db->actor()));
    QVERIFY(center.bar()->text().startsWith(QLatin1String("2 new alert")));
    // Show Alerts: the list in the dock, the bar gone, the count seen.
    QTest::mouseClick(center.bar()->showButton(), Qt::LeftButton);
    QVERIFY(center.dock()->isVisible());
    QVERIFY(!center.barArea()->isVisible());
    QCOMPARE(center.viewAction()->text(), QStringLiteral("Aler&ts"));
    QTableView *table = center.panel()->table();
    QCOMPARE(table->currentIndex().row(), 0);
    // Jumps: to the user, and with Enter to the audit event.
    QSignalSpy user(&center, &AlertCenter::userRequested);
    QSignalSpy event(&center, &AlertCenter::eventRequested);
    QTest::mouseClick(center.panel()->showUserButton(), Qt::LeftButton);
    QCOMPARE(user.size(), 1);
    QCOMPARE(user.constFirst().constFirst().toString(), QStringLiteral("bob"));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(event.size(), 1);
    QCOMPARE(event.constFirst().constFirst().toLongLong(), lastSeq());
    // While the list is shown, new alerts go straight into it.
    QCOMPARE(feed(center, adjust(500)), 1);
    QVERIFY(!center.barArea()->isVisible());
    QCOMPARE(center.model()->rowCount(), 3);
}

void TestAlertsWindow::nothingBelowTheLimit()
{
    QVERIFY(AlertSettings(*m_db).setRules(AlertRules{100, 0, true}));
    AlertCenter center(m_window.get());
    center.setSession(m_session.get());
    m_window->show();
    QList<AuditEvent> events = adjust(100);
    events << adjust(-100) << adjust(5);
    QCOMPARE(feed(center, events), 0);
    QCOMPARE(center.model()->rowCount(), 0);
    QVERIFY(!center.barArea()->isVisible());
    QCOMPARE(center.viewAction()->text(), QStringLiteral("Aler&ts"));
}

QTEST_MAIN(TestAlertsWindow)
#include "TestAlertsWindow.moc"
