#pragma once

#include "core/statement/LedgerDiff.h"

#include <QDialog>

class LedgerDiffRowsModel;
class LedgerDiffUsersModel;
class LedgerSession;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;
class QTableView;
class UserFilterEdit;

// What changed in the ledger between two moments: the rows added, restored and removed, each
// user's total before and after with its reconciliation, and whether the audit events in
// between hold in the hash chain. Read on the session's background worker (LedgerDiffQuery).
class WhatChangedDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Preset { LastHour, Last24Hours, Last7Days, Last30Days, Custom };

    WhatChangedDialog(LedgerSession *session, QWidget *parent);

    void setPreset(Preset preset);
    // Chooses Custom with these moments (UTC or local).
    void setPeriod(const QDateTime &from, const QDateTime &to);
    void setUserId(const QString &userId);
    // Reads the difference of the period and user chosen.
    void compare();
    bool isRunning() const { return m_running; }
    // The difference shown; empty until the first comparison has finished.
    const LedgerDiff &diff() const { return m_diff; }

    LedgerDiffRowsModel *rowsModel() const { return m_rowsModel; }
    LedgerDiffUsersModel *usersModel() const { return m_usersModel; }
    QLabel *summaryLabel() const { return m_summary; }
    QComboBox *presetCombo() const { return m_preset; }
    QPushButton *compareButton() const { return m_compare; }

signals:
    // A comparison finished and is shown (or failed: the summary says why).
    void compared();

private:
    // The period the preset (or the custom fields) stands for now.
    std::pair<QDateTime, QDateTime> period() const;
    void onPresetChanged();
    void display(const LedgerDiff &diff);
    QString summary(const LedgerDiff &diff) const;

    LedgerSession *m_session;
    QComboBox *m_preset;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    UserFilterEdit *m_user;
    QPushButton *m_compare;
    QLabel *m_summary;
    LedgerDiffRowsModel *m_rowsModel;
    LedgerDiffUsersModel *m_usersModel;
    QTableView *m_rows;
    QTableView *m_users;
    LedgerDiff m_diff;
    bool m_running = false;
};
