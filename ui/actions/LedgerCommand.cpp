#include "ui/actions/LedgerCommand.h"

#include "ui/actions/ActionText.h"
#include "ui/actions/LedgerActions.h"

LedgerCommand::LedgerCommand(LedgerActions *actions, const QString &text) : m_actions(actions)
{
    setText(text);
    if (m_actions)
        m_actions->track(this);
}

LedgerCommand::~LedgerCommand()
{
    if (m_actions)
        m_actions->forget(this);
}

void LedgerCommand::undo()
{
    if (std::exchange(m_skipNext, false))
        return;
    if (m_actions)
        m_actions->runStep(this, Step::Undo);
}

void LedgerCommand::redo()
{
    if (std::exchange(m_skipNext, false))
        return;
    if (m_actions)
        m_actions->runStep(this, Step::Redo);
}

void LedgerCommand::stepDone(Step, const LedgerChange &) { }

QString LedgerCommand::stepReason(Step step, const QString &reason)
{
    return ActionText::stepReason(step == Step::Undo ? tr("Undo") : tr("Redo"), reason);
}

QStringList LedgerCommand::idsOf(const QList<XpTransaction> &rows)
{
    QStringList ids;
    for (const XpTransaction &row : rows)
        ids << row.id;
    return ids;
}
