#include "ui/actions/RestoreCommand.h"

#include "ui/actions/ActionText.h"

RestoreCommand::RestoreCommand(LedgerActions *actions, const QList<XpTransaction> &rows, const QString &reason)
    : LedgerCommand(actions, tr("Restore %1").arg(ActionText::transactions(rows.size()))),
      m_ids(idsOf(rows)),
      m_reason(reason)
{ }

std::function<Result<LedgerChange>(Ledger &)> RestoreCommand::operation(Step step) const
{
    const QStringList ids = m_ids;
    const QString reason = stepReason(step, m_reason);
    if (step == Step::Undo)
        return [ids, reason](Ledger &ledger) { return ledger.rollback(ids, reason); };
    return [ids, reason](Ledger &ledger) { return ledger.restore(ids, reason); };
}
