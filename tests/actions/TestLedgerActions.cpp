#include "core/ledger/Ledger.h"
#include "models/RemovedModel.h"
#include "models/TransactionListModel.h"
#include "models/UserEffectModel.h"
#include "tests/actions/ActionFixture.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/actions/DeleteSourceDialog.h"
#include "ui/actions/LedgerActions.h"
#include "ui/actions/RestoreDialog.h"
#include "ui/actions/RollbackDialog.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/MessageBox.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

// The ledger actions as the main window uses them: dialogs opened through LedgerActions, changes
// pushed to a real QUndoStack, undo and redo as audited ledger operations; every outcome checked
// in the database with independent SQL.
class TestLedgerActions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void rollbackRemovesRowsAndUndoRedoRoundTrips();
    void undoOfAnAdjustmentRollsItBack();
    void rollbackWarnsWhenATotalGoesNegative();
    void aSecondStepWaitsWhileOneRuns();
    void undoOfARowChangedElsewhereDropsTheStep();
    void undoThatTheDatabaseRefusesKeepsTheStep();
    void deleteSourcePreviewsEveryUserThenDeletes();
    void deleteSourceIsPrefilledFromTheSelectedRow();
    void restoreListsRolledBackRowsAndRestores();

private:
    template<typename Dialog>
    Dialog *shownDialog();
    void typeReason(QDialog *dialog, const QString &reason);
    void waitIdle();
    QString statusText() const { return m_status.isEmpty() ? QString() : m_status.last().first().toString(); }

    std::unique_ptr<ActionFixture> m_fx;
    std::unique_ptr<QUndoStack> m_stack;
    std::unique_ptr<LedgerActions> m_actions;
    QList<QList<QVariant>> m_status;
    QList<XpTransaction> m_alice; // 100, 200, 300
    QList<XpTransaction> m_shared; // source attempt-7: alice 10, bob 20, carol 30
    XpTransaction m_bob;
};

void TestLedgerActions::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestLedgerActions::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_fx = std::make_unique<ActionFixture>(spec, std::move(db));
    QVERIFY(m_fx->addUser(QStringLiteral("alice"), QStringLiteral("Alice Martin")));
    QVERIFY(m_fx->addUser(QStringLiteral("bob"), QStringLiteral("Bob Stone")));
    QVERIFY(m_fx->addUser(QStringLiteral("carol"), QString()));
    m_alice.clear();
    m_shared.clear();
    for (int amount : {100, 200, 300})
        m_alice << m_fx->award(QStringLiteral("alice"), amount, QStringLiteral("attempt-a%1").arg(amount));
    m_bob = m_fx->award(QStringLiteral("bob"), 40, QStringLiteral("attempt-b1"));
    m_shared << m_fx->award(QStringLiteral("alice"), 10, QStringLiteral("attempt-7"))
             << m_fx->award(QStringLiteral("bob"), 20, QStringLiteral("attempt-7"))
             << m_fx->award(QStringLiteral("carol"), 30, QStringLiteral("attempt-7"));
    m_stack = std::make_unique<QUndoStack>();
    m_actions = std::make_unique<LedgerActions>(m_fx->session(), m_stack.get(), m_fx->window());
    m_status.clear();
    connect(m_actions.get(), &LedgerActions::statusMessage, this,
            [this](const QString &message) { m_status << QList<QVariant>{message}; });
}

void TestLedgerActions::cleanup()
{
    if (m_fx)
        QCOMPARE(TestBackend::usersWithWrongTotal(m_fx->db()), 0);
    m_actions.reset();
    m_stack.reset();
    m_fx.reset();
}

template<typename Dialog>
Dialog *TestLedgerActions::shownDialog()
{
    auto *dialog = qobject_cast<Dialog *>(m_actions->lastDialog());
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        qWarning("the dialog was not exposed");
    return dialog;
}

void TestLedgerActions::typeReason(QDialog *dialog, const QString &reason)
{
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")), reason);
}

void TestLedgerActions::waitIdle()
{
    QTRY_VERIFY(!m_actions->isBusy() && m_fx->session()->interactive()->pendingJobs() == 0);
}

void TestLedgerActions::rollbackRemovesRowsAndUndoRedoRoundTrips()
{
    const QList<XpTransaction> rows{m_alice.at(0), m_alice.at(2), m_bob};
    const QStringList ids{m_alice.at(0).id, m_alice.at(2).id, m_bob.id};
    m_actions->rollback(rows);
    auto *dialog = shownDialog<RollbackDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->transactionModel()->rowCount(), 3);

    // Each user's effect, from the database.
    QTRY_VERIFY(dialog->isEffectKnown());
    const UserEffectModel *effect = dialog->effectModel();
    QCOMPARE(effect->rowCount(), 2);
    const auto cell
        = [effect](int row, int column) { return effect->index(row, column).data(UserEffectModel::RawValueRole); };
    QCOMPARE(cell(0, UserEffectModel::User).toString(), QStringLiteral("alice"));
    QCOMPARE(cell(0, UserEffectModel::CurrentTotal).toLongLong(), 610);
    QCOMPARE(cell(0, UserEffectModel::Change).toLongLong(), -400);
    QCOMPARE(cell(0, UserEffectModel::ResultingTotal).toLongLong(), 210);
    QCOMPARE(cell(1, UserEffectModel::User).toString(), QStringLiteral("bob"));
    QCOMPARE(cell(1, UserEffectModel::ResultingTotal).toLongLong(), 20);
    QCOMPARE(effect->index(0, UserEffectModel::User).data().toString(), QStringLiteral("Alice Martin"));
    QCOMPARE(dialog->transactionModel()->index(2, TransactionListModel::User).data().toString(),
             QStringLiteral("Bob Stone"));
    QVERIFY(!dialog->confirmButton()->isEnabled()); // no reason yet

    typeReason(dialog, QStringLiteral("Duplicate awards, ticket 7"));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Roll back 3 transactions"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_actions->lastDialog()); // closed and deleted on success
    waitIdle();

    QCOMPARE(m_fx->present(ids), 0);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 210);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("bob")), 20);
    for (const QString &id : ids)
        QCOMPARE(m_fx->auditCount(QStringLiteral("rollback"), id, QStringLiteral("Duplicate awards, ticket 7")), 1);
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Roll back 3 transactions"));
    QVERIFY2(statusText().startsWith(QStringLiteral("Rolled back 3 transactions")), qPrintable(statusText()));

    // Undo puts the very same rows back, audited as a restore.
    m_actions->undo();
    QVERIFY(m_actions->isBusy());
    waitIdle();
    QCOMPARE(m_fx->present(ids), 3);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 610);
    for (const QString &id : ids)
        QCOMPARE(m_fx->auditCount(QStringLiteral("restore"), id, QStringLiteral("Undo: Duplicate awards, ticket 7")),
                 1);
    QCOMPARE(m_stack->index(), 0);
    QCOMPARE(m_stack->redoText(), QStringLiteral("Roll back 3 transactions"));
    QVERIFY2(statusText().startsWith(QStringLiteral("Undone: Roll back 3 transactions")), qPrintable(statusText()));

    // Redo rolls them back again.
    m_actions->redo();
    waitIdle();
    QCOMPARE(m_fx->present(ids), 0);
    QCOMPARE(m_fx->auditCount(QStringLiteral("rollback")), 6);
    QCOMPARE(m_fx->auditCount(QStringLiteral("rollback"), m_bob.id, QStringLiteral("Redo: Duplicate awards, ticket 7")),
             1);
    QCOMPARE(m_stack->index(), 1);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("bob")), 20);
}

void TestLedgerActions::undoOfAnAdjustmentRollsItBack()
{
    m_actions->adjust(QStringLiteral("alice"));
    auto *dialog = shownDialog<AdjustDialog>();
    QVERIFY(dialog);
    QTRY_COMPARE(dialog->findChild<QLabel *>(QStringLiteral("currentTotal"))->text(), QStringLiteral("610"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("50"));
    typeReason(dialog, QStringLiteral("Goodwill, ticket 12"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();

    const QString id = TestBackend::scalar(m_fx->db(),
                                           QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE "
                                                          "\"sourceType\" = 'MANUAL_ADJUSTMENT'"))
                           .toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 660);
    QCOMPARE(statusText(), QStringLiteral("Adjusted Alice Martin by +50: total 660"));
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Adjust XP of Alice Martin by +50"));

    m_actions->undo();
    waitIdle();
    QCOMPARE(m_fx->present({id}), 0);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 610);
    QCOMPARE(m_fx->auditCount(QStringLiteral("rollback"), id, QStringLiteral("Undo: Goodwill, ticket 12")), 1);
    QCOMPARE(m_stack->redoText(), QStringLiteral("Adjust XP of Alice Martin by +50"));

    m_actions->redo();
    waitIdle();
    QCOMPARE(m_fx->present({id}), 1); // the same row, same id
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 660);
    QCOMPARE(m_fx->auditCount(QStringLiteral("restore"), id, QStringLiteral("Redo: Goodwill, ticket 12")), 1);
    QCOMPARE(m_stack->index(), 1);
}

void TestLedgerActions::rollbackWarnsWhenATotalGoesNegative()
{
    QVERIFY(Ledger(m_fx->db()).adjust(QStringLiteral("alice"), -600, QStringLiteral("deduction")).ok()); // 10 left
    m_actions->rollback({m_alice.at(2)});
    auto *dialog = shownDialog<RollbackDialog>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isEffectKnown());
    QCOMPARE(dialog->effectModel()->index(0, UserEffectModel::ResultingTotal).data().toString(),
             QStringLiteral("-290"));
    const auto *warning = dialog->findChild<InlineMessage *>(QStringLiteral("effectMessage"));
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->kind(), InlineMessage::Kind::Warning);
    QVERIFY2(warning->text().contains(QStringLiteral("negative total")), qPrintable(warning->text()));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Roll back anyway"));
    typeReason(dialog, QStringLiteral("Ticket 9"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton); // allowed, after the warning
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), -290);
}

void TestLedgerActions::aSecondStepWaitsWhileOneRuns()
{
    m_actions->rollback({m_bob});
    auto *dialog = shownDialog<RollbackDialog>();
    QVERIFY(dialog);
    typeReason(dialog, QStringLiteral("Ticket 3"));
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QSignalSpy busy(m_actions.get(), &LedgerActions::busyChanged);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(m_actions->isBusy()); // the dialog's own change counts
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();
    QCOMPARE(busy.count(), 2);

    m_actions->undo();
    QVERIFY(m_actions->isBusy());
    QCOMPARE(m_stack->index(), 0);
    m_actions->undo(); // ignored: nothing to undo below, and busy anyway
    m_actions->redo(); // ignored while the undo runs
    QCOMPARE(m_stack->index(), 0);
    waitIdle();
    QCOMPARE(m_fx->present({m_bob.id}), 1);
    QCOMPARE(m_fx->auditCount(QStringLiteral("restore"), m_bob.id), 1);
    QCOMPARE(m_fx->auditCount(QStringLiteral("rollback"), m_bob.id), 1); // the redo never ran
}

void TestLedgerActions::undoOfARowChangedElsewhereDropsTheStep()
{
    // Step 1: a rollback; step 2: an adjustment.
    m_actions->rollback({m_bob});
    auto *rollback = shownDialog<RollbackDialog>();
    QVERIFY(rollback);
    typeReason(rollback, QStringLiteral("Ticket 5"));
    QTRY_VERIFY(rollback->confirmButton()->isEnabled());
    QTest::mouseClick(rollback->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();
    m_actions->adjust(QStringLiteral("alice"));
    auto *adjust = shownDialog<AdjustDialog>();
    QVERIFY(adjust);
    QTRY_VERIFY(adjust->user().has_value());
    QTest::keyClicks(adjust->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("-5"));
    typeReason(adjust, QStringLiteral("Ticket 6"));
    QTest::mouseClick(adjust->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();
    QCOMPARE(m_stack->count(), 2);
    const QString id = TestBackend::scalar(m_fx->db(),
                                           QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE "
                                                          "\"sourceType\" = 'MANUAL_ADJUSTMENT'"))
                           .toString();

    // Another desk rolls the adjustment back first: undoing it can never work now.
    QVERIFY(Ledger(m_fx->db()).rollback({id}, QStringLiteral("other desk")).ok());
    QSignalSpy failed(m_actions.get(), &LedgerActions::failed);
    MessageBox::setNextAnswer(QMessageBox::Ok);
    m_actions->undo();
    waitIdle();
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("Could not undo \"Adjust XP of Alice Martin by -5\"")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("does not exist")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("removed from the undo history")), qPrintable(message));
    QCOMPARE(MessageBox::lastText(), message); // shown to the person
    QCOMPARE(m_fx->auditCount(QStringLiteral("rollback"), id), 1); // only the other desk's

    // The step is gone; the one before it is still there and works.
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->index(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Roll back 1 transaction"));
    m_actions->undo();
    waitIdle();
    QCOMPARE(m_fx->present({m_bob.id}), 1);
}

void TestLedgerActions::undoThatTheDatabaseRefusesKeepsTheStep()
{
    m_actions->rollback({m_alice.at(1)});
    auto *dialog = shownDialog<RollbackDialog>();
    QVERIFY(dialog);
    typeReason(dialog, QStringLiteral("Ticket 8"));
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();

    QVERIFY(m_fx->installFailingTrigger(QStringLiteral("INSERT"), QStringLiteral("server is read-only (test)")));
    QSignalSpy failed(m_actions.get(), &LedgerActions::failed);
    MessageBox::setNextAnswer(QMessageBox::Ok);
    m_actions->undo();
    waitIdle();
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("server is read-only (test)")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Nothing was changed")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("still in the undo history")), qPrintable(message));
    // The index is where it was: the same undo can be tried again.
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->index(), 1);
    QCOMPARE(m_fx->present({m_alice.at(1).id}), 0);
    QCOMPARE(m_fx->auditCount(QStringLiteral("restore")), 0);

    QVERIFY(m_fx->dropFailingTrigger(QStringLiteral("INSERT")));
    m_actions->undo();
    waitIdle();
    QCOMPARE(m_fx->present({m_alice.at(1).id}), 1);
    QCOMPARE(m_stack->index(), 0);
}

void TestLedgerActions::deleteSourcePreviewsEveryUserThenDeletes()
{
    m_actions->deleteSource();
    auto *dialog = shownDialog<DeleteSourceDialog>();
    QVERIFY(dialog);
    auto *type = dialog->findChild<QComboBox *>(QStringLiteral("sourceTypeCombo"));
    QCOMPARE(type->currentText(), QStringLiteral("Problem attempt"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("sourceIdEdit")), QStringLiteral("attempt-7"));
    typeReason(dialog, QStringLiteral("Problem 7 was withdrawn"));
    QVERIFY(!dialog->confirmButton()->isEnabled()); // not before the preview
    QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);

    QTRY_VERIFY(dialog->preview().has_value());
    QCOMPARE(dialog->preview()->transactions, 3);
    QCOMPARE(dialog->transactionModel()->rowCount(), 3);
    QStringList users;
    for (int row = 0; row < 3; ++row)
        users << dialog->transactionModel()
                     ->index(row, TransactionListModel::User)
                     .data(TransactionListModel::RawValueRole)
                     .toString();
    QCOMPARE(users, (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}));
    QCOMPARE(dialog->effectModel()->rowCount(), 3);
    QCOMPARE(dialog->effectModel()->index(2, UserEffectModel::Change).data(UserEffectModel::RawValueRole).toLongLong(),
             -30);
    const QString summary = dialog->findChild<QLabel *>(QStringLiteral("previewSummary"))->text();
    QVERIFY2(summary.startsWith(QStringLiteral("3 transactions of 3 users")), qPrintable(summary));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Delete 3 transactions"));

    // Changing the source asks for a new preview.
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("sourceIdEdit")), QStringLiteral("0"));
    QVERIFY(!dialog->preview().has_value());
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QTest::keyClick(dialog->findChild<QLineEdit *>(QStringLiteral("sourceIdEdit")), Qt::Key_Backspace);
    QTest::keyClick(dialog->findChild<QLineEdit *>(QStringLiteral("sourceIdEdit")), Qt::Key_Return); // previews
    QTRY_VERIFY(dialog->preview().has_value());
    QVERIFY(dialog->isVisible()); // Enter previewed; it did not delete

    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();
    const QStringList ids{m_shared.at(0).id, m_shared.at(1).id, m_shared.at(2).id};
    QCOMPARE(m_fx->present(ids), 0);
    QCOMPARE(m_fx->auditCount(QStringLiteral("delete-source")), 3);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("carol")), 0);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Delete source Problem attempt attempt-7 (3 transactions)"));

    m_actions->undo();
    waitIdle();
    QCOMPARE(m_fx->present(ids), 3);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("carol")), 30);
    m_actions->redo();
    waitIdle();
    QCOMPARE(m_fx->present(ids), 0);
    QCOMPARE(m_fx->auditCount(QStringLiteral("delete-source")), 6);
}

void TestLedgerActions::deleteSourceIsPrefilledFromTheSelectedRow()
{
    m_actions->deleteSource(m_shared.at(1));
    auto *dialog = shownDialog<DeleteSourceDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->sourceType(), SourceType::UserProblemAttempt);
    QCOMPARE(dialog->sourceId(), QStringLiteral("attempt-7"));
    QTRY_VERIFY(dialog->preview().has_value()); // previewed at once
    QCOMPARE(dialog->effectModel()->rowCount(), 3);
    dialog->reject();
    QTRY_VERIFY(!m_actions->lastDialog());
    QCOMPARE(m_fx->present({m_shared.at(1).id}), 1);
    QCOMPARE(m_stack->count(), 0);
}

void TestLedgerActions::restoreListsRolledBackRowsAndRestores()
{
    // Rolled back elsewhere: one stays out, one was put back since (not listed).
    Ledger other(m_fx->db());
    QVERIFY(other.rollback({m_alice.at(0).id}, QStringLiteral("mistake")).ok());
    QVERIFY(other.rollback({m_alice.at(1).id}, QStringLiteral("mistake")).ok());
    QVERIFY(other.restore({m_alice.at(1).id}, QStringLiteral("not a mistake")).ok());
    QVERIFY(other.rollback({m_bob.id}, QStringLiteral("bob's")).ok());

    m_actions->restore(QStringLiteral("alice"));
    auto *dialog = shownDialog<RestoreDialog>();
    QVERIFY(dialog);
    RemovedModel *model = dialog->removedModel();
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, RemovedModel::User).data(RemovedModel::RawValueRole).toString(), QStringLiteral("alice"));
    QCOMPARE(model->index(0, RemovedModel::User).data().toString(), QStringLiteral("Alice Martin"));
    QCOMPARE(model->index(0, 0).data(RemovedModel::IdRole).toString(), m_alice.at(0).id);
    QCOMPARE(model->index(0, RemovedModel::RemovalReason).data().toString(), QStringLiteral("mistake"));

    // Everyone's: bob's too.
    auto *filter = dialog->findChild<QLineEdit *>(QStringLiteral("userFilterEdit"));
    filter->selectAll();
    QTest::keyClick(filter, Qt::Key_Delete);
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0, 0).data(RemovedModel::IdRole).toString(), m_bob.id); // newest removal first
    QTest::keyClicks(filter, QStringLiteral("alice"));
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_VERIFY(!model->isLoading());

    QTableView *table = dialog->table();
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(model->index(0, 1)).center());
    QCOMPARE(dialog->selectedIds(), QStringList{m_alice.at(0).id});
    typeReason(dialog, QStringLiteral("Customer was right"));
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QCOMPARE(dialog->effectModel()
                 ->index(0, UserEffectModel::ResultingTotal)
                 .data(UserEffectModel::RawValueRole)
                 .toLongLong(),
             610);
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Restore 1 transaction"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_actions->lastDialog());
    waitIdle();

    QCOMPARE(m_fx->present({m_alice.at(0).id}), 1);
    QCOMPARE(TestBackend::scalar(m_fx->db(), QStringLiteral("SELECT \"amount\" FROM \"UserXP\" WHERE \"id\" = :id"),
                                 {{QStringLiteral(":id"), m_alice.at(0).id}})
                 .toLongLong(),
             100);
    QCOMPARE(m_fx->auditCount(QStringLiteral("restore"), m_alice.at(0).id, QStringLiteral("Customer was right")), 1);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 610);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Restore 1 transaction"));

    m_actions->undo();
    waitIdle();
    QCOMPARE(m_fx->present({m_alice.at(0).id}), 0);
    QCOMPARE(m_fx->auditCount(QStringLiteral("rollback"), m_alice.at(0).id, QStringLiteral("Undo: Customer was right")),
             1);
}

QTEST_MAIN(TestLedgerActions)
#include "TestLedgerActions.moc"
