#pragma once

#include "ui/actions/LedgerCommand.h"

#include <QCoreApplication>

// A rollback made in the Roll back dialog. Undo restores the rows (same ids) from the audit
// log; redo rolls them back again.
class RollbackCommand final : public LedgerCommand
{
    Q_DECLARE_TR_FUNCTIONS(RollbackCommand)

public:
    RollbackCommand(LedgerActions *actions, const QList<XpTransaction> &rows, const QString &reason);

    std::function<Result<LedgerChange>(Ledger &)> operation(Step step) const override;
    QStringList ids() const { return m_ids; }

private:
    QStringList m_ids;
    QString m_reason;
};
