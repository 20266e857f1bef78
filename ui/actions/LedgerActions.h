#pragma once

#include "core/domain/XpTransaction.h"
#include "core/roles/Permissions.h"
#include "ui/actions/LedgerCommand.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class ActionDialog;
class LedgerSession;
class QDialog;
class QUndoStack;
class QWidget;

// The ledger actions of the main window: Adjust XP, Roll back, Delete source and Restore, each
// through its dialog, and their undo and redo. Every change that commits is pushed to the undo
// stack as a command whose undo and redo are real, audited ledger operations.
//
// Undo and redo run asynchronously: QUndoStack::undo() moves the stack's index at once and the
// command starts its operation on the session's worker; while it runs, isBusy() is true and the
// window must not start another (it disables its undo and redo actions on busyChanged). When the
// operation fails, the error is shown and the stack is put back in step with the ledger: see
// settleFailedStep().
class LedgerActions final : public QObject
{
    Q_OBJECT

public:
    LedgerActions(LedgerSession *session, QUndoStack *undoStack, QWidget *dialogParent, QObject *parent = nullptr);
    ~LedgerActions() override;

    // Opens Adjust XP for the user (Ctrl+J); the adjustment is pushed to the undo stack.
    void adjust(const QString &userId);
    // Opens Roll back for the given transactions (Delete).
    void rollback(const QList<XpTransaction> &rows);
    // Opens Delete source, with the source of `prefill` entered and previewed if given.
    void deleteSource(const std::optional<XpTransaction> &prefill = std::nullopt);
    // Opens Restore, listing the removed transactions of userId (empty: everyone's).
    void restore(const QString &userId = {});
    // Undoes / redoes the last step, unless one is still running.
    void undo();
    void redo();

    // Why the connected role may not do an action, or empty (RoleIndicator::refusal). Each dialog
    // opens knowing it, so a refused change says so before the click instead of failing after it.
    void setRefusalSource(std::function<QString(Action)> refusal);
    // Tells the open dialog again, after the role was read or changed.
    void updateRefusals();

    // An undo, a redo or a dialog's change is running: start no other.
    bool isBusy() const { return m_running > 0; }
    // The dialog opened last (while it is open), for tests and for the window to raise it.
    QDialog *lastDialog() const;
    QUndoStack *undoStack() const { return m_undoStack; }

signals:
    void busyChanged(bool busy);
    // What a committed change did, for the status bar ("Adjusted alice by +50: total 1,284").
    void statusMessage(const QString &message);
    // An action could not be done; the text says why and what was (not) changed.
    void failed(const QString &message);

private:
    friend class LedgerCommand;

    // Opens a dialog window-modally, counts its saving as busy, and makes it lastDialog().
    void openDialog(ActionDialog *dialog, Action action);
    void beginBusy();
    void endBusy();
    // LedgerCommand's side: run one step of a command, and keep track of which commands exist.
    void runStep(LedgerCommand *command, LedgerCommand::Step step);
    void track(LedgerCommand *command) { m_commands.insert(command); }
    void forget(LedgerCommand *command) { m_commands.remove(command); }
    void settleFailedStep(LedgerCommand *command, LedgerCommand::Step step, const QString &text, const Error &error);

    LedgerSession *m_session;
    QPointer<QUndoStack> m_undoStack;
    QPointer<QWidget> m_dialogParent;
    QPointer<QDialog> m_lastDialog;
    QPointer<ActionDialog> m_openDialog;
    Action m_openAction = Action::Read;
    std::function<QString(Action)> m_refusal;
    QSet<LedgerCommand *> m_commands; // alive: a step's result may arrive after its command was deleted
    int m_running = 0;
};
