#include "tests/limits/LimitsFixture.h"

#include "core/audit/AuditLog.h"
#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"
#include "core/session/LedgerSession.h"
#include "models/AuditText.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/actions/LedgerActions.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/MessageBox.h"
#include "ui/limits/LimitsDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

// The Adjust XP dialog before the click: the room left today, and that an amount above a limit
// will wait for approval; then the click, against a real database, as the owner ("tester").
class TestLimitsDialog final : public QObject, private LimitsFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();

    void dialogSaysBeforeTheClick();
    void clickAboveTheDayLimitIsHeld();
    void limitsWindowLetsAnAdminSetThem();
    void limitsWindowIsReadOnlyForOthers();
    void auditLogSaysWhatChanged();

private:
    AdjustDialog *openDialog(LedgerActions &actions);
    void type(AdjustDialog *dialog, const QString &amount);

    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<QWidget> m_window;
};

void TestLimitsDialog::init()
{
    openLimitsDatabase();
    if (!m_db)
        return;
    const QString me = LimitCheck::connectedPerson(*m_db);
    QVERIFY(setLimits(LimitRules::Scope::Person, me, 2000, 5000));
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u1"), 1500, QStringLiteral("Ticket 1: first")));
    m_session = std::make_unique<LedgerSession>(*m_spec, QStringLiteral("tester"));
    bool opened = false;
    Status status;
    m_session->open(m_session.get(), [&](const Status &s) {
        status = s;
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
    QVERIFY2(status, status ? "" : qPrintable(status.error().message));
    m_window = std::make_unique<QWidget>();
    m_window->resize(900, 600);
}

void TestLimitsDialog::cleanup()
{
    m_window.reset();
    m_session.reset();
    closeLimitsDatabase();
}

AdjustDialog *TestLimitsDialog::openDialog(LedgerActions &actions)
{
    m_window->show();
    actions.adjust(QStringLiteral("u1"));
    return qobject_cast<AdjustDialog *>(actions.lastDialog());
}

void TestLimitsDialog::type(AdjustDialog *dialog, const QString &amount)
{
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit"));
    edit->selectAll();
    QTest::keyClicks(edit, amount);
}

void TestLimitsDialog::dialogSaysBeforeTheClick()
{
    QUndoStack undo;
    LedgerActions actions(m_session.get(), &undo, m_window.get());
    AdjustDialog *dialog = openDialog(actions);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->user().has_value());
    auto *room = dialog->findChild<QLabel *>(QStringLiteral("roomLabel"));
    QVERIFY(room);
    QTRY_COMPARE(room->text(), QStringLiteral("You can still move 3,500 XP today"));
    QVERIFY(room->isVisible());
    auto *note = dialog->findChild<InlineMessage *>(QStringLiteral("approvalNote"));
    type(dialog, QStringLiteral("1000"));
    QVERIFY(note->text().isEmpty());
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Adjust"));
    type(dialog, QStringLiteral("-2500"));
    QVERIFY2(note->text().contains(QLatin1String("This will wait for approval, not be applied: it is above your limit "
                                                 "of 2,000 XP per change")),
             qPrintable(note->text()));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Request approval"));
    QCOMPARE(dialog->holdReason(), std::optional<HoldReason>(HoldReason::LimitPerChange));
    // 1,500 moved and 2,000 more fit in 5,000; 4,000 more would not (and is above 2,000 too).
    QVERIFY(setLimits(LimitRules::Scope::Person, LimitCheck::connectedPerson(*m_db), 10000, std::nullopt));
    QVERIFY(setLimits(LimitRules::Scope::Person, LimitCheck::connectedPerson(*m_db), std::nullopt, 3000));
    dialog->close();
    dialog = openDialog(actions);
    QTRY_VERIFY(dialog->user().has_value());
    room = dialog->findChild<QLabel *>(QStringLiteral("roomLabel"));
    note = dialog->findChild<InlineMessage *>(QStringLiteral("approvalNote"));
    QTRY_COMPARE(room->text(), QStringLiteral("You can still move 1,500 XP today"));
    type(dialog, QStringLiteral("1500"));
    QVERIFY(note->text().isEmpty());
    type(dialog, QStringLiteral("1501"));
    QVERIFY2(note->text().contains(QLatin1String("with it you would have moved 3,001 XP today, above your limit of "
                                                 "3,000 XP a day")),
             qPrintable(note->text()));
}

void TestLimitsDialog::clickAboveTheDayLimitIsHeld()
{
    QVERIFY(setLimits(LimitRules::Scope::Person, LimitCheck::connectedPerson(*m_db), std::nullopt, 3000));
    QUndoStack undo;
    LedgerActions actions(m_session.get(), &undo, m_window.get());
    AdjustDialog *dialog = openDialog(actions);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->user().has_value());
    QTRY_COMPARE(dialog->findChild<QLabel *>(QStringLiteral("roomLabel"))->text(),
                 QStringLiteral("You can still move 1,500 XP today"));
    type(dialog, QStringLiteral("1800"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")), QStringLiteral("Ticket 2"));
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Request approval"));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY2(MessageBox::lastText().contains(QLatin1String("was not applied, because with it you would have moved "
                                                               "3,300 XP today, above your limit of 3,000 XP a day")),
                 qPrintable(MessageBox::lastText()));
    QTRY_VERIFY(!actions.lastDialog());
    QCOMPARE(totalOf(QStringLiteral("u1")), 1500);
    QCOMPARE(undo.count(), 0);
    QCOMPARE(auditCount(QStringLiteral("adjust-request")), 1);
}

void TestLimitsDialog::limitsWindowLetsAnAdminSetThem()
{
    LimitsDialog dialog(m_session.get(), QString());
    dialog.show();
    QTRY_VERIFY(dialog.isLoaded());
    QTRY_VERIFY2(dialog.yourLimits()->text().contains(QLatin1String("you can still move 3,500 XP today")),
                 qPrintable(dialog.yourLimits()->text()));
    // The three roles, and the owner with a limit of their own.
    QCOMPARE(dialog.table()->rowCount(), 4);
    QCOMPARE(dialog.table()->item(1, LimitsDialog::Subject)->text(), QStringLiteral("Role: Support"));
    QCOMPARE(dialog.table()->item(3, LimitsDialog::PerDay)->text(), QStringLiteral("5,000 XP"));
    dialog.subjectCombo()->setCurrentIndex(1);
    QTest::keyClicks(dialog.perChangeEdit(), QStringLiteral("lots"));
    const qint64 events = limitEvents();
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY2(dialog.perChangeNote()->error().contains(QLatin1String("Per change \"lots\" is not valid")),
             qPrintable(dialog.perChangeNote()->error()));
    QCOMPARE(limitEvents(), events);
    dialog.perChangeEdit()->clear();
    QTest::keyClicks(dialog.perChangeEdit(), QStringLiteral("2500"));
    QTest::keyClicks(dialog.perDayEdit(), QStringLiteral("9000"));
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_COMPARE(limitEvents(), events + 1);
    QTRY_COMPARE(dialog.table()->item(1, LimitsDialog::PerChange)->text(), QStringLiteral("2,500 XP"));
    QCOMPARE(dialog.table()->item(1, LimitsDialog::PerDay)->text(), QStringLiteral("9,000 XP"));
    auto support = LimitRules(*m_db).find(LimitRules::Scope::Role, QStringLiteral("support"));
    QVERIFY(support);
    QCOMPARE(support->perChange, std::optional<qint64>(2500));
}

void TestLimitsDialog::limitsWindowIsReadOnlyForOthers()
{
    const QString refusal = QStringLiteral("Your role Support (advisory, chosen in the settings) may not set the "
                                           "adjustment limits");
    LimitsDialog dialog(m_session.get(), refusal);
    dialog.show();
    QTRY_VERIFY(dialog.isLoaded());
    QTRY_VERIFY2(dialog.yourLimits()->text().contains(QLatin1String("today 1,500 of 5,000 XP moved")),
                 qPrintable(dialog.yourLimits()->text()));
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY(!dialog.perChangeEdit()->isEnabled());
    QCOMPARE(dialog.saveButton()->toolTip(), refusal);
    const qint64 events = limitEvents();
    dialog.save();
    QCOMPARE(limitEvents(), events);
}

void TestLimitsDialog::auditLogSaysWhatChanged()
{
    QVERIFY(setLimits(LimitRules::Scope::Role, QStringLiteral("support"), 2000, std::nullopt));
    auto events = AuditLog(*m_db).page(0, 1000);
    QVERIFY(events);
    QStringList effects;
    for (const AuditEvent &event : std::as_const(*events)) {
        if (event.action == QLatin1String("limits-set"))
            effects << AuditText::effect(event);
    }
    QCOMPARE(effects,
             QStringList({QStringLiteral("Limits of person %1: per change no limit → 2,000 XP, per day no limit → "
                                         "5,000 XP")
                              .arg(LimitCheck::connectedPerson(*m_db)),
                          QStringLiteral("Limits of role support: per change no limit → 2,000 XP, per day no limit → "
                                         "no limit")}));
    QCOMPARE(AuditText::actionLabel(QStringLiteral("limits-set")), QStringLiteral("Limits"));
}

QTEST_MAIN(TestLimitsDialog)
#include "TestLimitsDialog.moc"
