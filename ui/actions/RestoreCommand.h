#pragma once

#include "ui/actions/LedgerCommand.h"

#include <QCoreApplication>

// A restore made in the Restore dialog. Undo rolls the restored rows back again; redo restores
// them again.
class RestoreCommand final : public LedgerCommand
{
    Q_DECLARE_TR_FUNCTIONS(RestoreCommand)

public:
    RestoreCommand(LedgerActions *actions, const QList<XpTransaction> &rows, const QString &reason);

    std::function<Result<LedgerChange>(Ledger &)> operation(Step step) const override;
    QStringList ids() const { return m_ids; }

private:
    QStringList m_ids;
    QString m_reason;
};
