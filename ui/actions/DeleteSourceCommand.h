#pragma once

#include "ui/actions/LedgerCommand.h"

#include <QCoreApplication>

// A delete-source made in the Delete source dialog. Undo restores the rows it deleted (same
// ids); redo deletes the source again, and remembers the rows that this deleted.
class DeleteSourceCommand final : public LedgerCommand
{
    Q_DECLARE_TR_FUNCTIONS(DeleteSourceCommand)

public:
    DeleteSourceCommand(LedgerActions *actions, SourceType type, const QString &sourceId,
                        const QList<XpTransaction> &rows, const QString &reason);

    std::function<Result<LedgerChange>(Ledger &)> operation(Step step) const override;
    void stepDone(Step step, const LedgerChange &change) override;
    QStringList ids() const { return m_ids; }

private:
    SourceType m_type;
    QString m_sourceId;
    QStringList m_ids;
    QString m_reason;
};
