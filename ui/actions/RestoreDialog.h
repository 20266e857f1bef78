#pragma once

#include "ui/actions/ActionDialog.h"

class CompactTable;
class InlineMessage;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class ReasonField;
class RemovedModel;
class UserEffectModel;

// Restore: rolled-back transactions that are not in the ledger now, newest removal first (from
// the audit log), of one user or of everyone. The ones selected come back with their original
// id, time and amount.
class RestoreDialog final : public ActionDialog
{
    Q_OBJECT

public:
    RestoreDialog(LedgerSession *session, const QString &userId = {}, QWidget *parent = nullptr);

    // The removed transactions listed, and the selected ones' effect on each user.
    RemovedModel *removedModel() const { return m_model; }
    UserEffectModel *effectModel() const { return m_effectModel; }
    // The list (multi-select) and the ids selected in it.
    QTableView *table() const;
    QStringList selectedIds() const;
    // The reason typed, as it will be stored.
    QString reason() const;
    // Lists the removals of this user only (empty: everyone's).
    void setUserFilter(const QString &userId);
    // Why the ledger would refuse the selection, as shown under the list; empty when it would not.
    QString refusalText() const;

protected:
    void confirm() override;

private:
    void selectionChanged();
    void fitColumns();
    void refresh();

    RemovedModel *m_model;
    UserEffectModel *m_effectModel;
    QLineEdit *m_userFilter = nullptr;
    QTimer *m_filterTimer = nullptr;
    CompactTable *m_table = nullptr;
    QLabel *m_selectionSummary = nullptr;
    CompactTable *m_effectTable = nullptr;
    InlineMessage *m_status = nullptr;
    ReasonField *m_reason = nullptr;
    quint64 m_effectGeneration = 0;
    bool m_effectKnown = false;
    QString m_loadError;
    // What the ledger would refuse in the selection: rows whose audit record cannot be read, users
    // no longer in the ledger, and rows someone restored since the list was read (the list is
    // read again then, and the note stays until the next selection).
    qint64 m_unreadable = 0;
    QStringList m_goneUsers;
    qint64 m_restoredMeanwhile = 0;
    // Selected rows created in the closed period, in words (PeriodGuard::rowsInPeriod).
    QString m_closedPeriod;
};
