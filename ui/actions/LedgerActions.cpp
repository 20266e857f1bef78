#include "ui/actions/LedgerActions.h"

#include "core/periods/PeriodJobs.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"
#include "ui/actions/ActionText.h"
#include "ui/actions/AdjustCommand.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/actions/DeleteSourceCommand.h"
#include "ui/actions/DeleteSourceDialog.h"
#include "ui/actions/RestoreCommand.h"
#include "ui/actions/RestoreDialog.h"
#include "ui/actions/RollbackCommand.h"
#include "ui/actions/RollbackDialog.h"
#include "ui/common/MessageBox.h"

#include <QUndoStack>

#include <memory>

LedgerActions::LedgerActions(LedgerSession *session, QUndoStack *undoStack, QWidget *dialogParent, QObject *parent)
    : QObject(parent), m_session(session), m_undoStack(undoStack), m_dialogParent(dialogParent)
{ }

LedgerActions::~LedgerActions()
{
    // A dialog still open would outlive the session it writes through.
    if (m_lastDialog)
        delete m_lastDialog.data();
}

QDialog *LedgerActions::lastDialog() const
{
    return m_lastDialog.data();
}

void LedgerActions::beginBusy()
{
    if (++m_running == 1)
        emit busyChanged(true);
}

void LedgerActions::endBusy()
{
    if (--m_running == 0)
        emit busyChanged(false);
}

void LedgerActions::setRefusalSource(std::function<QString(Action)> refusal)
{
    m_refusal = std::move(refusal);
    updateRefusals();
}

void LedgerActions::updateRefusals()
{
    if (m_openDialog && !m_openDialog->isSubmitting())
        m_openDialog->setRefusal(m_refusal ? m_refusal(m_openAction) : QString());
}

void LedgerActions::openDialog(ActionDialog *dialog, Action action)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog's change counts as busy until its result is in, or the dialog is gone.
    auto submitting = std::make_shared<bool>(false);
    connect(dialog, &ActionDialog::submittingChanged, this, [this, submitting](bool now) {
        if (now == *submitting)
            return;
        *submitting = now;
        now ? beginBusy() : endBusy();
    });
    connect(dialog, &QObject::destroyed, this, [this, submitting] {
        if (std::exchange(*submitting, false))
            endBusy();
    });
    m_lastDialog = dialog;
    m_openDialog = dialog;
    m_openAction = action;
    updateRefusals();
    dialog->open();
}

void LedgerActions::adjust(const QString &userId)
{
    if (userId.isEmpty()) {
        emit failed(tr("Select a user to adjust first."));
        return;
    }
    auto *dialog = new AdjustDialog(m_session, userId, m_dialogParent);
    connect(dialog, &ActionDialog::applied, this, [this, dialog](const LedgerChange &change) {
        if (!change.pendingId.isEmpty()) {
            // Above the approval threshold: held for a second person, nothing to undo yet.
            const QString amount = XpFormat::signedAmount(dialog->amount().value_or(0));
            const QString message = change.heldFor && *change.heldFor != HoldReason::Threshold
                ? tr("The adjustment of %1 XP for %2 was not applied, because %3: it waits under Pending Approvals "
                     "(request %4) until another admin approves or rejects it.")
                      .arg(amount, dialog->userLabel(), dialog->heldBecause(*change.heldFor), change.pendingId)
                : tr("The adjustment of %1 XP for %2 is above the approval threshold, so it was not applied: it "
                     "waits under Pending Approvals (request %3) until another admin approves or rejects it.")
                      .arg(amount, dialog->userLabel(), change.pendingId);
            emit statusMessage(message);
            MessageBox::information(m_dialogParent, tr("Sent for Approval"), message);
            return;
        }
        if (change.rows.isEmpty())
            return;
        const XpTransaction &row = change.rows.first();
        const QString label = dialog->userLabel();
        if (m_undoStack)
            m_undoStack->push(new AdjustCommand(this, row, label, dialog->reason()));
        emit statusMessage(
            tr("Adjusted %1 by %2: total %3")
                .arg(label, XpFormat::signedAmount(row.amount), XpFormat::total(change.totals.value(row.userId))));
    });
    openDialog(dialog, Action::Adjust);
}

void LedgerActions::rollback(const QList<XpTransaction> &rows)
{
    if (rows.isEmpty()) {
        emit failed(tr("Select the transactions to roll back first."));
        return;
    }
    auto *dialog = new RollbackDialog(m_session, rows, m_dialogParent);
    connect(dialog, &ActionDialog::applied, this, [this, dialog](const LedgerChange &change) {
        if (m_undoStack)
            m_undoStack->push(new RollbackCommand(this, change.rows, dialog->reason()));
        emit statusMessage(tr("Rolled back %1. New totals: %2")
                               .arg(ActionText::transactions(change.rows.size()), ActionText::totals(change)));
    });
    openDialog(dialog, Action::Rollback);
    // Rows of the closed period: said before the click, as a role's refusal is.
    m_session->interactive()->post<QString>(
        dialog, PeriodJobs::rowsInClosedPeriod(rows), [dialog](const Result<QString> &inside) {
            if (inside && !inside->isEmpty() && dialog->refusal().isEmpty() && !dialog->isSubmitting()) {
                dialog->setRefusal(ActionText::sentence(*inside));
            }
        });
}

void LedgerActions::deleteSource(const std::optional<XpTransaction> &prefill)
{
    auto *dialog = new DeleteSourceDialog(m_session, prefill, m_dialogParent);
    connect(dialog, &ActionDialog::applied, this, [this, dialog](const LedgerChange &change) {
        if (m_undoStack)
            m_undoStack->push(
                new DeleteSourceCommand(this, dialog->sourceType(), dialog->sourceId(), change.rows, dialog->reason()));
        emit statusMessage(tr("Deleted source %1: %2. New totals: %3")
                               .arg(XpFormat::source(dialog->sourceType(), dialog->sourceId()),
                                    ActionText::transactions(change.rows.size()), ActionText::totals(change)));
    });
    openDialog(dialog, Action::DeleteSource);
}

void LedgerActions::restore(const QString &userId)
{
    auto *dialog = new RestoreDialog(m_session, userId, m_dialogParent);
    connect(dialog, &ActionDialog::applied, this, [this, dialog](const LedgerChange &change) {
        if (m_undoStack)
            m_undoStack->push(new RestoreCommand(this, change.rows, dialog->reason()));
        emit statusMessage(tr("Restored %1. New totals: %2")
                               .arg(ActionText::transactions(change.rows.size()), ActionText::totals(change)));
    });
    openDialog(dialog, Action::Restore);
}

void LedgerActions::undo()
{
    if (!isBusy() && m_undoStack)
        m_undoStack->undo();
}

void LedgerActions::redo()
{
    if (!isBusy() && m_undoStack)
        m_undoStack->redo();
}

void LedgerActions::runStep(LedgerCommand *command, LedgerCommand::Step step)
{
    beginBusy();
    const QString text = command->text();
    m_session->mutate(this, command->operation(step), [this, command, step, text](const Result<LedgerChange> &result) {
        // The stack may have deleted the command meanwhile (cleared, or a push over it).
        LedgerCommand *alive = m_commands.contains(command) ? command : nullptr;
        if (result) {
            if (alive)
                alive->stepDone(step, *result);
            emit statusMessage(step == LedgerCommand::Step::Undo
                                   ? tr("Undone: %1. New totals: %2").arg(text, ActionText::totals(*result))
                                   : tr("Redone: %1. New totals: %2").arg(text, ActionText::totals(*result)));
        } else {
            settleFailedStep(alive, step, text, result.error());
        }
        endBusy();
    });
}

void LedgerActions::settleFailedStep(LedgerCommand *command, LedgerCommand::Step step, const QString &text,
                                     const Error &error)
{
    const bool undoing = step == LedgerCommand::Step::Undo;
    // QUndoStack::undo()/redo() moved the index before the operation ran. Where is the command now,
    // and is the index still just past it (redo) or at it (undo)?
    int position = -1;
    if (m_undoStack && command) {
        for (int i = 0; i < m_undoStack->count(); ++i) {
            if (m_undoStack->command(i) == command)
                position = i;
        }
    }
    const bool inStep = position >= 0 && m_undoStack->index() == (undoing ? position : position + 1);
    QString outcome;
    if (inStep && (error.kind == Error::Kind::Database || error.kind == Error::Kind::Uncertain)) {
        // The database failed (connection, locks): the step may well work later; after an
        // uncertain commit, trying again either runs it or is refused cleanly as already done. Keep the index
        // unchanged from the person's point of view: move it back without running anything, so the
        // command is where it was and the same undo (or redo) can be tried again.
        command->skipNextCall();
        undoing ? m_undoStack->redo() : m_undoStack->undo();
        outcome = undoing ? tr("It is still in the undo history: you can try again.")
                          : tr("It is still in the redo history: you can try again.");
    } else if (inStep) {
        // The ledger has moved on (another desk already rolled the row back or restored it): this
        // step can never run. Mark the command obsolete, which makes QUndoStack drop it without
        // running it, so the steps before and after it stay usable.
        command->setObsolete(true);
        undoing ? m_undoStack->redo() : m_undoStack->undo();
        outcome = tr("It has been removed from the undo history.");
    }
    const QString what = undoing ? tr("Could not undo \"%1\"").arg(text) : tr("Could not redo \"%1\"").arg(text);
    QString message = ActionText::failure(what, error);
    if (!outcome.isEmpty())
        message += QLatin1Char('\n') + outcome;
    MessageBox::warning(m_dialogParent, undoing ? tr("Undo failed") : tr("Redo failed"), message);
    emit failed(message);
}
