#include "ui/actions/DeleteSourceCommand.h"

#include "models/XpFormat.h"
#include "ui/actions/ActionText.h"

DeleteSourceCommand::DeleteSourceCommand(LedgerActions *actions, SourceType type, const QString &sourceId,
                                         const QList<XpTransaction> &rows, const QString &reason)
    : LedgerCommand(
        actions,
        tr("Delete source %1 (%2)").arg(XpFormat::source(type, sourceId), ActionText::transactions(rows.size()))),
      m_type(type),
      m_sourceId(sourceId),
      m_ids(idsOf(rows)),
      m_reason(reason)
{ }

std::function<Result<LedgerChange>(Ledger &)> DeleteSourceCommand::operation(Step step) const
{
    const QString reason = stepReason(step, m_reason);
    if (step == Step::Undo) {
        const QStringList ids = m_ids;
        return [ids, reason](Ledger &ledger) { return ledger.restore(ids, reason); };
    }
    const SourceType type = m_type;
    const QString sourceId = m_sourceId;
    return [type, sourceId, reason](Ledger &ledger) { return ledger.deleteSource(type, sourceId, reason); };
}

void DeleteSourceCommand::stepDone(Step step, const LedgerChange &change)
{
    if (step == Step::Redo)
        m_ids = idsOf(change.rows);
}
