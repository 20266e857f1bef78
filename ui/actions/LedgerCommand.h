#pragma once

#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"

#include <QCoreApplication>
#include <QPointer>
#include <QUndoCommand>

#include <functional>

class LedgerActions;

// An undoable ledger change. Undo and redo are real, audited ledger operations (a rollback, a
// restore, ...) run on the session's worker through LedgerActions, which keeps the undo stack in
// step with the ledger when one of them fails. Pushed after its change has committed: the first
// redo(), which QUndoStack::push() makes, does nothing.
class LedgerCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(LedgerCommand)

public:
    enum class Step { Undo, Redo };

    ~LedgerCommand() override;

    void undo() final;
    void redo() final;

    // The ledger operation that performs a step (undo: the inverse of the change; redo: the
    // change again).
    virtual std::function<Result<LedgerChange>(Ledger &)> operation(Step step) const = 0;
    // Records what a committed step did (the rows it removed, for the next undo).
    virtual void stepDone(Step step, const LedgerChange &change);
    // The next undo() or redo() call only moves the stack to where the ledger already is.
    void skipNextCall() { m_skipNext = true; }

protected:
    LedgerCommand(LedgerActions *actions, const QString &text);
    // "Undo: <reason>" or "Redo: <reason>", for the audit log.
    static QString stepReason(Step step, const QString &reason);
    static QStringList idsOf(const QList<XpTransaction> &rows);

private:
    QPointer<LedgerActions> m_actions;
    bool m_skipNext = true; // the change was made by its dialog before the command was pushed
};
