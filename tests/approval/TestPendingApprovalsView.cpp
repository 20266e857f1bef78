#include "tests/approval/SecondPerson.h"
#include "tests/support/TestBackend.h"

#include "core/approval/ApprovalPolicy.h"
#include "core/approval/ApprovalQueue.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/reasons/ReasonCodes.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/PendingModel.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/actions/LedgerActions.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/MessageBox.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

// Pending Approvals as an admin uses it: the queue of held adjustments, Approve and Reject by
// their buttons, the threshold; and the Adjust XP dialog saying that its change went to approval.
// The view runs as the second person ("checker"); requests come from the database owner ("tester").
class TestPendingApprovalsView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsTheWaitingRequests();
    void showsWhyAndTheReasonCode();
    void approveButtonAppliesTheAdjustment();
    void declinedConfirmationChangesNothing();
    void rejectNeedsAReasonAndChangesNoXp();
    void ownRequestCannotBeApproved();
    void decidedElsewhereIsExplained();
    void thresholdIsSetFromTheView();
    void adjustDialogSaysTheChangeWentToApproval();

private:
    // Opens the view on the checker's session and waits for the queue to load.
    PendingApprovalsView *openView();
    QString request(qint64 amount, const QString &reason = QStringLiteral("Ticket 12: contest prize"));
    qint64 rowsOf(const QString &userId);
    qint64 totalOf(const QString &userId);
    QString stateOf(const QString &id);
    qint64 auditCount(const QString &action);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SecondPerson> m_checker;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<QWidget> m_window;
};

void TestPendingApprovalsView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestPendingApprovalsView::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("alice"), QStringLiteral("alice@example.com"), QStringLiteral("Alice")));
    m_checker = std::make_unique<SecondPerson>();
    QString why;
    QVERIFY2(m_checker->setUp(spec, *m_db, &why), qPrintable(why));
    m_session = std::make_unique<LedgerSession>(m_checker->spec(), SecondPerson::operatorName());
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

void TestPendingApprovalsView::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_checker.reset();
    m_spec.reset();
}

PendingApprovalsView *TestPendingApprovalsView::openView()
{
    auto *view = new PendingApprovalsView(m_session.get(), m_window.get());
    new QAbstractItemModelTester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, view);
    m_window->show();
    view->resize(m_window->size());
    view->show();
    if (!QTest::qWaitFor([view] { return !view->model()->isLoading(); }, 20000))
        qWarning("the queue did not load");
    return view;
}

QString TestPendingApprovalsView::request(qint64 amount, const QString &reason)
{
    auto change = Ledger(*m_db).adjust(QStringLiteral("alice"), amount, reason);
    if (!change) {
        qWarning("%s", qPrintable(change.error().message));
        return {};
    }
    return change->pendingId;
}

qint64 TestPendingApprovalsView::rowsOf(const QString &userId)
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :u"),
                               {{QStringLiteral(":u"), userId}})
        .toLongLong();
}

qint64 TestPendingApprovalsView::totalOf(const QString &userId)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT COALESCE(MAX(\"totalXP\"), 0) FROM \"UserProfile\" WHERE "
                                              "\"userId\" = :u"),
                               {{QStringLiteral(":u"), userId}})
        .toLongLong();
}

QString TestPendingApprovalsView::stateOf(const QString &id)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT state FROM %1 WHERE id = :id")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("pending_adjustment"))),
                               {{QStringLiteral(":id"), id}})
        .toString();
}

qint64 TestPendingApprovalsView::auditCount(const QString &action)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT count(*) FROM %1 WHERE action = :a")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                               {{QStringLiteral(":a"), action}})
        .toLongLong();
}

void TestPendingApprovalsView::listsTheWaitingRequests()
{
    const QString first = request(5000);
    const QString second = request(-2500, QStringLiteral("chargeback"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    PendingApprovalsView *view = openView();
    PendingModel *model = view->model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0, PendingModel::User).data().toString(), QStringLiteral("Alice"));
    QCOMPARE(model->index(0, PendingModel::Amount).data(PendingModel::RawValueRole).toLongLong(), 5000);
    QCOMPARE(model->index(1, PendingModel::Amount).data().toString(), QStringLiteral("-2,500"));
    QCOMPARE(model->index(1, PendingModel::Reason).data().toString(), QStringLiteral("chargeback"));
    QCOMPARE(model->index(0, PendingModel::RequestedBy).data(PendingModel::RawValueRole).toString(),
             QStringLiteral("tester"));
    QCOMPARE(model->index(1, 0).data(PendingModel::RequestIdRole).toString(), second);
    QVERIFY(model->index(0, PendingModel::RequestedAt).data(PendingModel::RawValueRole).toDateTime().isValid());
    // Nothing selected: nothing to decide.
    QVERIFY(!view->approveButton()->isEnabled());
    QVERIFY(!view->rejectButton()->isEnabled());

    // A new request made through the session (as the Adjust dialog does) shows up by itself.
    bool done = false;
    m_session->mutate(
        view, [](Ledger &ledger) { return ledger.adjust(QStringLiteral("alice"), 7000, QStringLiteral("third")); },
        [&done](const Result<LedgerChange> &) { done = true; });
    QTRY_VERIFY(done);
    QTRY_COMPARE(model->rowCount(), 3);
}

// Each request says why it waits and names its reason code by its label, with its ticket; the
// tooltip links the ticket through the desk's pattern.
void TestPendingApprovalsView::showsWhyAndTheReasonCode()
{
    // Made before the desk kept codes: once it keeps any, every manual change takes one.
    QVERIFY(!request(3000).isEmpty());
    ReasonCodes codes(*m_db);
    QVERIFY(codes.add(QStringLiteral("CONTEST"), QStringLiteral("Contest prize"), false));
    QVERIFY(codes.setTicketPattern(QStringLiteral("https://desk.example.com/ticket/{id}")));
    auto tagged = Ledger(*m_db).adjust(QStringLiteral("alice"), 5000, QStringLiteral("final round"), Category::Manual,
                                       {QStringLiteral("CONTEST"), QStringLiteral("4412")});
    QVERIFY2(tagged, tagged ? "" : qPrintable(tagged.error().message));
    QVERIFY(!tagged->pendingId.isEmpty());
    PendingApprovalsView *view = openView();
    PendingModel *model = view->model();
    QCOMPARE(model->rowCount(), 2);
    const int row = model->rowOf(tagged->pendingId);
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, PendingModel::HeldFor).data().toString(), QStringLiteral("approval threshold"));
    QCOMPARE(model->index(row, PendingModel::HeldFor).data(Qt::ToolTipRole).toString(),
             QStringLiteral("above the approval threshold"));
    QCOMPARE(model->index(row, PendingModel::HeldFor).data(PendingModel::RawValueRole).toString(),
             QStringLiteral("threshold"));
    QCOMPARE(model->index(row, PendingModel::ReasonCode).data().toString(),
             QStringLiteral("Contest prize, ticket 4412"));
    QCOMPARE(model->index(row, PendingModel::ReasonCode).data(PendingModel::RawValueRole).toString(),
             QStringLiteral("CONTEST"));
    QVERIFY(model->index(row, PendingModel::ReasonCode)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("https://desk.example.com/ticket/4412")));
    // A request without a code leaves the column empty.
    QCOMPARE(model->index(1 - row, PendingModel::ReasonCode).data().toString(), QString());
}

void TestPendingApprovalsView::approveButtonAppliesTheAdjustment()
{
    const QString id = request(5000);
    request(1200);
    PendingApprovalsView *view = openView();
    QCOMPARE(view->model()->rowCount(), 2);
    view->table()->selectRow(view->model()->rowOf(id));
    QVERIFY(view->approveButton()->isEnabled());
    QTest::keyClicks(view->reasonEdit(), QStringLiteral("prize confirmed"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(view->approveButton(), Qt::LeftButton);
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("+5,000")), qPrintable(MessageBox::lastText()));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->rowOf(id), -1);
    QCOMPARE(stateOf(id), QStringLiteral("approved"));
    QCOMPARE(rowsOf(QStringLiteral("alice")), 1);
    QCOMPARE(totalOf(QStringLiteral("alice")), 5000);
    QCOMPARE(auditCount(QStringLiteral("adjust-approve")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust")), 1);
    auto stored = ApprovalQueue(*m_db).find(id);
    QCOMPARE((*stored)->decisionReason, QStringLiteral("prize confirmed"));
    QCOMPARE((*stored)->decidedOperator, SecondPerson::operatorName());
    QVERIFY2(view->message()->text().contains(QLatin1String("5,000")), qPrintable(view->message()->text()));
    QVERIFY(view->reasonEdit()->text().isEmpty());
}

void TestPendingApprovalsView::declinedConfirmationChangesNothing()
{
    const QString id = request(5000);
    PendingApprovalsView *view = openView();
    view->table()->selectRow(0);
    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(view->approveButton(), Qt::LeftButton);
    QTest::qWait(200);
    QTRY_VERIFY(!view->isBusy());
    QCOMPARE(stateOf(id), QStringLiteral("pending"));
    QCOMPARE(rowsOf(QStringLiteral("alice")), 0);
    QCOMPARE(view->model()->rowCount(), 1);
}

void TestPendingApprovalsView::rejectNeedsAReasonAndChangesNoXp()
{
    const QString id = request(-4000, QStringLiteral("chargeback"));
    PendingApprovalsView *view = openView();
    view->table()->selectRow(0);
    QVERIFY(view->rejectButton()->isEnabled());
    QTest::mouseClick(view->rejectButton(), Qt::LeftButton);
    QCOMPARE(view->message()->kind(), InlineMessage::Kind::Error);
    QVERIFY2(view->message()->text().contains(QLatin1String("reason")), qPrintable(view->message()->text()));
    QTest::qWait(200);
    QCOMPARE(stateOf(id), QStringLiteral("pending"));

    QTest::keyClicks(view->reasonEdit(), QStringLiteral("it was a refund, not a chargeback"));
    QTest::mouseClick(view->rejectButton(), Qt::LeftButton);
    QTRY_COMPARE(view->model()->rowCount(), 0);
    QCOMPARE(stateOf(id), QStringLiteral("rejected"));
    QCOMPARE(rowsOf(QStringLiteral("alice")), 0);
    QCOMPARE(totalOf(QStringLiteral("alice")), 0);
    QCOMPARE(auditCount(QStringLiteral("adjust-reject")), 1);
    auto stored = ApprovalQueue(*m_db).find(id);
    QCOMPARE((*stored)->decisionReason, QStringLiteral("it was a refund, not a chargeback"));
}

void TestPendingApprovalsView::ownRequestCannotBeApproved()
{
    // A request the checker made: they may withdraw it, not approve it.
    auto own = Database::open(m_checker->spec(), SecondPerson::operatorName());
    QVERIFY(own);
    auto change = Ledger(**own).adjust(QStringLiteral("alice"), 9000, QStringLiteral("my own"));
    QVERIFY(change && !change->pendingId.isEmpty());
    PendingApprovalsView *view = openView();
    QCOMPARE(view->model()->rowCount(), 1);
    view->table()->selectRow(0);
    QVERIFY(!view->approveButton()->isEnabled());
    QVERIFY2(view->approveButton()->toolTip().contains(QLatin1String("yourself")),
             qPrintable(view->approveButton()->toolTip()));
    QVERIFY(view->rejectButton()->isEnabled());
    // Even when asked directly, nothing is applied, and the view says why.
    view->approveSelected();
    QCOMPARE(view->message()->kind(), InlineMessage::Kind::Error);
    QVERIFY2(view->message()->text().contains(QLatin1String("yourself")), qPrintable(view->message()->text()));
    QTest::qWait(300);
    QVERIFY(!view->isBusy());
    QCOMPARE(stateOf(change->pendingId), QStringLiteral("pending"));
    QCOMPARE(rowsOf(QStringLiteral("alice")), 0);
}

void TestPendingApprovalsView::decidedElsewhereIsExplained()
{
    const QString id = request(5000);
    PendingApprovalsView *view = openView();
    view->table()->selectRow(0);
    // Another admin decides it first.
    auto other = Database::open(m_checker->spec(), QStringLiteral("checker-2"));
    QVERIFY(other);
    QVERIFY(ApprovalQueue(**other).approve(id));
    MessageBox::setNextAnswer(QMessageBox::Yes); // confirm
    QTest::mouseClick(view->approveButton(), Qt::LeftButton);
    MessageBox::setNextAnswer(QMessageBox::Ok); // the warning that follows
    QTRY_VERIFY2(MessageBox::lastText().contains(QLatin1String("already approved")),
                 qPrintable(MessageBox::lastText()));
    QTRY_COMPARE(view->model()->rowCount(), 0);
    QCOMPARE(rowsOf(QStringLiteral("alice")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust-approve")), 1);
}

void TestPendingApprovalsView::thresholdIsSetFromTheView()
{
    PendingApprovalsView *view = openView();
    QTRY_VERIFY(view->thresholdEnabled()->isChecked());
    QCOMPARE(view->thresholdSpin()->value(), int(ApprovalGate::DefaultThreshold));
    view->thresholdSpin()->setValue(25000);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("applyThresholdButton")), Qt::LeftButton);
    QTRY_COMPARE(*ApprovalGate(*m_db).threshold(), std::optional<qint64>(25000));
    QTRY_VERIFY(!view->isBusy());
    view->thresholdEnabled()->setChecked(false);
    QVERIFY(!view->thresholdSpin()->isEnabled());
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("applyThresholdButton")), Qt::LeftButton);
    QTRY_COMPARE(*ApprovalGate(*m_db).threshold(), std::optional<qint64>());
    QCOMPARE(auditCount(QStringLiteral("approval-threshold")), 2);
}

void TestPendingApprovalsView::adjustDialogSaysTheChangeWentToApproval()
{
    QUndoStack undo;
    LedgerActions actions(m_session.get(), &undo, m_window.get());
    m_window->show();
    actions.adjust(QStringLiteral("alice"));
    auto *dialog = qobject_cast<AdjustDialog *>(actions.lastDialog());
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->user().has_value());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("5000"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")), QStringLiteral("big prize"));
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY2(MessageBox::lastText().contains(QLatin1String("above the approval threshold")),
                 qPrintable(MessageBox::lastText()));
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("not applied")), qPrintable(MessageBox::lastText()));
    QTRY_VERIFY(!actions.lastDialog());
    QCOMPARE(rowsOf(QStringLiteral("alice")), 0);
    QCOMPARE(undo.count(), 0); // nothing was applied, so nothing to undo
    auto pending = ApprovalQueue(*m_db).list();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->constFirst().amount, 5000);
    QCOMPARE(pending->constFirst().requestedOperator, SecondPerson::operatorName());
}

QTEST_MAIN(TestPendingApprovalsView)
#include "TestPendingApprovalsView.moc"
