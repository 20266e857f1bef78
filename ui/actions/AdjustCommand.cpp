#include "ui/actions/AdjustCommand.h"

#include "models/XpFormat.h"

AdjustCommand::AdjustCommand(LedgerActions *actions, const XpTransaction &row, const QString &userLabel,
                             const QString &reason)
    : LedgerCommand(actions, tr("Adjust XP of %1 by %2").arg(userLabel, XpFormat::signedAmount(row.amount))),
      m_row(row),
      m_reason(reason)
{ }

std::function<Result<LedgerChange>(Ledger &)> AdjustCommand::operation(Step step) const
{
    const QStringList ids{m_row.id};
    const QString reason = stepReason(step, m_reason);
    if (step == Step::Undo)
        return [ids, reason](Ledger &ledger) { return ledger.rollback(ids, reason); };
    return [ids, reason](Ledger &ledger) { return ledger.restore(ids, reason); };
}
