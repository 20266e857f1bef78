#pragma once

#include "core/domain/Result.h"

#include <QWidget>

#include <optional>

class InlineMessage;
class LedgerSession;
class PendingModel;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
struct PendingAdjustment;

// Pending Approvals: the adjustments held above the approval threshold, oldest first, with
// Approve and Reject for the selected one (rejecting needs a reason) and the threshold itself.
// Decisions run on the session's interactive worker; the list reloads after each one, and
// whenever the ledger changes. Your own requests can be rejected (withdrawn) but not approved.
class PendingApprovalsView final : public QWidget
{
    Q_OBJECT

public:
    // session must outlive the view; the view loads the queue at once.
    explicit PendingApprovalsView(LedgerSession *session, QWidget *parent = nullptr);

    void refresh();
    // Asks for confirmation, then approves the selected request.
    void approveSelected();
    // Rejects the selected request with the reason typed (required).
    void rejectSelected();
    // Stores the threshold set in the view (or off).
    void applyThreshold();
    // Why the connected role may not approve or reject (decide), or change the threshold
    // (configure); empty: it may. Refused controls are disabled and their tooltips say why.
    void setRefusals(const QString &decide, const QString &configure);

    // The parts, for tests.
    PendingModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QCheckBox *thresholdEnabled() const { return m_thresholdOn; }
    QSpinBox *thresholdSpin() const { return m_threshold; }
    QPushButton *applyThresholdButton() const { return m_applyThreshold; }
    InlineMessage *message() const { return m_message; }
    bool isBusy() const { return m_busy > 0; }

signals:
    // A short message for the status bar (a decision made, or why it failed).
    void statusMessage(const QString &message);
    // The number of requests waiting, after each reload.
    void countChanged(int count);

private:
    std::optional<PendingAdjustment> selectedRequest() const;
    bool isOwn(const PendingAdjustment &request) const;
    void loadThreshold();
    void updateButtons();
    void updateSummary();
    void beginBusy();
    void endBusy();
    void showFailure(const QString &what, const Error &error);

    LedgerSession *m_session;
    PendingModel *m_model;
    QLabel *m_summary;
    QCheckBox *m_thresholdOn;
    QSpinBox *m_threshold;
    QPushButton *m_applyThreshold;
    QTableView *m_table;
    QLineEdit *m_reason;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_refresh;
    InlineMessage *m_message;
    int m_busy = 0;
    QString m_decideRefusal;
    QString m_configureRefusal;
};
