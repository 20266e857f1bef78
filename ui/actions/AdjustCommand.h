#pragma once

#include "ui/actions/LedgerCommand.h"

#include <QCoreApplication>

// An adjustment made in the Adjust XP dialog. Undo rolls the adjustment's row back; redo
// restores the same row (same id) from the audit log.
class AdjustCommand final : public LedgerCommand
{
    Q_DECLARE_TR_FUNCTIONS(AdjustCommand)

public:
    AdjustCommand(LedgerActions *actions, const XpTransaction &row, const QString &userLabel, const QString &reason);

    std::function<Result<LedgerChange>(Ledger &)> operation(Step step) const override;
    const XpTransaction &row() const { return m_row; }

private:
    XpTransaction m_row;
    QString m_reason;
};
