#pragma once

#include "core/domain/XpTransaction.h"
#include "ui/actions/ActionDialog.h"

class CompactTable;
class InlineMessage;
class ReasonField;
class TransactionListModel;
class UserEffectModel;

// Roll back (Delete): the selected transactions, their effect on each user's total, and a
// required reason, before they are deleted from the ledger (the audit log keeps them).
class RollbackDialog final : public ActionDialog
{
    Q_OBJECT

public:
    RollbackDialog(LedgerSession *session, const QList<XpTransaction> &rows, QWidget *parent = nullptr);

    // The transactions to roll back (each once).
    const QList<XpTransaction> &transactions() const { return m_rows; }
    // The reason typed, as it will be stored.
    QString reason() const;
    // The rows listed, and each user's effect once read.
    TransactionListModel *transactionModel() const { return m_rowModel; }
    UserEffectModel *effectModel() const { return m_effectModel; }
    // The effect per user has been read (the change can be confirmed once there is a reason).
    bool isEffectKnown() const { return m_effectKnown; }

protected:
    void confirm() override;

private:
    void loadEffect();
    void refresh();

    QList<XpTransaction> m_rows;
    TransactionListModel *m_rowModel;
    UserEffectModel *m_effectModel;
    CompactTable *m_rowTable = nullptr;
    CompactTable *m_effectTable = nullptr;
    InlineMessage *m_status = nullptr;
    ReasonField *m_reason = nullptr;
    quint64 m_generation = 0;
    bool m_effectKnown = false;
    qint64 m_missing = 0;
    QString m_loadError;
};
