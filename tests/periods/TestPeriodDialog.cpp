#include "tests/periods/PeriodLedger.h"
#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/periods/PeriodJobs.h"
#include "core/periods/Periods.h"
#include "core/session/LedgerSession.h"
#include "models/AuditText.h"
#include "models/RemovedModel.h"
#include "ui/actions/ActionDialog.h"
#include "ui/actions/DeleteSourceDialog.h"
#include "ui/actions/LedgerActions.h"
#include "ui/actions/RestoreDialog.h"
#include "ui/common/InlineMessage.h"
#include "ui/periods/PeriodActions.h"
#include "ui/periods/PeriodDialog.h"

#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

// Ledger > Close Period… and Reopen Period…: what the dialog says before the click, and that its
// click closes and reopens the ledger.
class TestPeriodDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void closeShowsWhatItWillHoldAndCloses();
    void reopenStartsFromTheClosedDay();
    void refusedRoleMayOnlyLook();
    void rollbackOfAClosedRowSaysSoBeforeTheClick();
    void statusBarIndicatorFollowsTheClose();
    void auditLogNamesTheClose();
    void restoreOfAClosedRowSaysSoBeforeTheClick();
    void deleteSourceOfAClosedRowSaysSoBeforeTheClick();

private:
    std::unique_ptr<PeriodDialog> openDialog(PeriodDialog::Mode mode, const QString &refusal = {});

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
};

void TestPeriodDialog::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    PeriodLedger ledger;
    const QString failed = ledger.setUp(*m_db);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("Dana"));
    bool opened = false;
    Status status;
    m_session->open(m_session.get(), [&](const Status &s) {
        status = s;
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
    QVERIFY2(status, status ? "" : qPrintable(status.error().message));
}

void TestPeriodDialog::cleanup()
{
    m_session.reset();
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

std::unique_ptr<PeriodDialog> TestPeriodDialog::openDialog(PeriodDialog::Mode mode, const QString &refusal)
{
    auto dialog = std::make_unique<PeriodDialog>(m_session.get(), mode, refusal, nullptr);
    QSignalSpy loaded(dialog.get(), &PeriodDialog::loaded);
    dialog->show();
    if (!loaded.wait(30000))
        qWarning("the dialog did not load");
    return dialog;
}

void TestPeriodDialog::closeShowsWhatItWillHoldAndCloses()
{
    auto dialog = openDialog(PeriodDialog::Mode::Close);
    QCOMPARE(dialog->currentLabel()->text(), QStringLiteral("nothing: the whole ledger is open"));
    QCOMPARE(dialog->dayEdit()->maximumDate(), QDate::currentDate().addDays(-1));

    QSignalSpy loaded(dialog.get(), &PeriodDialog::loaded);
    dialog->dayEdit()->setDate(PeriodLedger::closeDay());
    QVERIFY(loaded.wait(30000));
    const QString preview = dialog->previewLabel()->text();
    QVERIFY2(preview.contains(QStringLiteral("2 user")) && preview.contains(QStringLiteral("180 XP")),
             qPrintable(preview));
    QVERIFY(!dialog->confirmButton()->isEnabled()); // no reason yet
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("Books of the month"));
    QVERIFY(dialog->confirmButton()->isEnabled());

    QSignalSpy changed(dialog.get(), &PeriodDialog::changed);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QVERIFY2(changed.first().first().toString().contains(
                 QStringLiteral("Closed up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
             qPrintable(changed.first().first().toString()));
    auto current = Periods(*m_db).current();
    QVERIFY(current && *current);
    QCOMPARE((*current)->day, PeriodLedger::closeDay());
    QCOMPARE((*current)->reason, QStringLiteral("Books of the month"));
    QCOMPARE((*current)->operatorName, QStringLiteral("Dana"));

    // An earlier day is refused before the click, with the reason.
    auto again = openDialog(PeriodDialog::Mode::Close);
    QSignalSpy reloaded(again.get(), &PeriodDialog::loaded);
    again->dayEdit()->setDate(PeriodLedger::closeDay().addDays(-2));
    QVERIFY(reloaded.wait(30000));
    QVERIFY2(again->previewLabel()->text().contains(
                 QStringLiteral("closed up to %1 already").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
             qPrintable(again->previewLabel()->text()));
    QTest::keyClicks(again->reasonEdit(), QStringLiteral("x"));
    QVERIFY(!again->confirmButton()->isEnabled());
    QVERIFY(again->currentLabel()->text().contains(PeriodLedger::closeDay().toString(Qt::ISODate)));
}

void TestPeriodDialog::reopenStartsFromTheClosedDay()
{
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    auto dialog = openDialog(PeriodDialog::Mode::Reopen);
    QCOMPARE(dialog->dayEdit()->date(), PeriodLedger::closeDay().addDays(-1));
    QVERIFY(dialog->currentLabel()->text().startsWith(
        QStringLiteral("up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate))));
    dialog->dayEdit()->setDate(PeriodLedger::closeDay().addDays(-8));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("contest corrected"));
    QSignalSpy changed(dialog.get(), &PeriodDialog::changed);
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    auto current = Periods(*m_db).current();
    QVERIFY(current && *current);
    QCOMPARE((*current)->kind, ClosedPeriod::Kind::Reopen);
    QCOMPARE((*current)->day, PeriodLedger::closeDay().addDays(-8));
}

void TestPeriodDialog::refusedRoleMayOnlyLook()
{
    const QString refusal = QStringLiteral("Your role Support may not close or reopen periods");
    auto dialog = openDialog(PeriodDialog::Mode::Close, refusal);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("x"));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(!dialog->message()->isHidden());
    QVERIFY(dialog->confirmButton()->toolTip().contains(refusal));
    QVERIFY(Periods(*m_db).list()->isEmpty());
}

void TestPeriodDialog::rollbackOfAClosedRowSaysSoBeforeTheClick()
{
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    PeriodLedger ledger;
    XpTransaction closed;
    closed.id = ledger.aliceOld;
    closed.userId = QStringLiteral("alice");
    closed.amount = 100;
    closed.createdAt = PeriodLedger::daysAgo(10);
    closed.updatedAt = closed.createdAt;
    QWidget window;
    window.show();
    QUndoStack undo;
    LedgerActions actions(m_session.get(), &undo, &window);
    actions.rollback({closed});
    auto *dialog = qobject_cast<ActionDialog *>(actions.lastDialog());
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->refusal().isEmpty(), 20000);
    QVERIFY2(dialog->refusalMessage()->text().contains(
                 QStringLiteral("closed up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
             qPrintable(dialog->refusalMessage()->text()));
    QVERIFY(dialog->refusalMessage()->text().contains(ledger.aliceOld));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    dialog->close();

    // A row of the open period is not held up.
    XpTransaction open = closed;
    open.id = ledger.bobOpen;
    open.createdAt = PeriodLedger::daysAgo(2);
    actions.rollback({open});
    auto *allowed = qobject_cast<ActionDialog *>(actions.lastDialog());
    QVERIFY(allowed && allowed != dialog);
    // The worker answers in order: once a later job is back, the rows' check is too.
    bool answered = false;
    m_session->interactive()->post<PeriodState>(this, PeriodJobs::state(QDate::currentDate(), false),
                                                [&answered](const Result<PeriodState> &) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
    QVERIFY(allowed->refusal().isEmpty());
    allowed->close();
}

void TestPeriodDialog::statusBarIndicatorFollowsTheClose()
{
    QWidget window;
    PeriodActions periods(&window);
    periods.setSession(m_session.get());
    // Nothing closed: the indicator stays hidden (the answer is in once a later job's is).
    bool answered = false;
    m_session->interactive()->post<PeriodState>(this, PeriodJobs::state(QDate::currentDate(), false),
                                                [&answered](const Result<PeriodState> &) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
    QVERIFY(periods.indicator()->isHidden());

    // A close made elsewhere arrives as an audit event.
    auto closed = Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("Books of the month"));
    QVERIFY(closed);
    AuditEvent event;
    event.action = QStringLiteral("period-close");
    periods.addEvents({event});
    QTRY_VERIFY_WITH_TIMEOUT(!periods.indicator()->isHidden(), 20000);
    QCOMPARE(periods.indicator()->text(),
             QStringLiteral("Closed up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate)));
    QVERIFY(periods.indicator()->toolTip().contains(QStringLiteral("Books of the month")));
}

void TestPeriodDialog::auditLogNamesTheClose()
{
    auto closed = Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("Books of the month"));
    QVERIFY(closed);
    auto page = AuditLog(*m_db).page(closed->auditSeq - 1, 1);
    QVERIFY(page && page->size() == 1);
    const AuditEvent &event = page->constFirst();
    QCOMPARE(AuditText::actionLabel(event.action), QStringLiteral("Period closed"));
    QVERIFY(!AuditText::actionDescription(event.action).isEmpty());
    QCOMPARE(AuditText::effect(event),
             QStringLiteral("Closed up to %1: 2 users' totals kept, 180 XP in all")
                 .arg(PeriodLedger::closeDay().toString(Qt::ISODate)));
}

void TestPeriodDialog::restoreOfAClosedRowSaysSoBeforeTheClick()
{
    // carol's row of 6 days ago was rolled back before the close.
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    RestoreDialog dialog(m_session.get(), QStringLiteral("carol"));
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.removedModel()->isLoading() && dialog.removedModel()->rowCount() == 1, 20000);
    dialog.table()->selectRow(0);
    QCOMPARE(dialog.selectedIds(), QStringList{PeriodLedger().carolOld});
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.refusalText().isEmpty(), 20000);
    QVERIFY2(dialog.refusalText().contains(
                 QStringLiteral("closed up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
             qPrintable(dialog.refusalText()));
    QVERIFY(!dialog.confirmButton()->isEnabled());
}

void TestPeriodDialog::deleteSourceOfAClosedRowSaysSoBeforeTheClick()
{
    // alice's contest prize of 5 days ago is the only row of its source, and in the closed period.
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    XpTransaction prize;
    prize.id = PeriodLedger().aliceMid;
    prize.userId = QStringLiteral("alice");
    prize.sourceType = SourceType::SpecialAchievement;
    prize.sourceId = QStringLiteral("contest-5");
    DeleteSourceDialog dialog(m_session.get(), prize);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.preview().has_value(), 20000);
    QCOMPARE(dialog.preview()->transactions, 1);
    auto *message = dialog.findChild<InlineMessage *>(QStringLiteral("previewMessage"));
    QVERIFY(message);
    QVERIFY2(
        message->text().contains(QStringLiteral("closed up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
        qPrintable(message->text()));
    QVERIFY(message->text().contains(PeriodLedger().aliceMid));
    QVERIFY(message->text().contains(QStringLiteral("cannot be deleted")));
    // A reason given: still nothing to click.
    QTest::keyClicks(dialog.findChild<QPlainTextEdit *>(), QStringLiteral("contest scored twice"));
    QVERIFY(!dialog.confirmButton()->isEnabled());
    // Reopened: the same source may go.
    QVERIFY(Periods(*m_db).reopen(PeriodLedger::closeDay().addDays(-10), QStringLiteral("late correction")));
    dialog.runPreview();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.preview().has_value() && dialog.preview()->closed.isEmpty(), 20000);
    QVERIFY(dialog.confirmButton()->isEnabled());
}

QTEST_MAIN(TestPeriodDialog)
#include "TestPeriodDialog.moc"
