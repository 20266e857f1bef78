#pragma once

#include "core/audit/AuditAnchor.h"
#include "core/ledger/Verifier.h"

#include <QFrame>

class QLabel;
class RowFindingsList;
class QPushButton;
class QToolButton;
class QTreeWidget;

// The outcome of a verification, shown above the audit table until dismissed: the chain is
// intact, or the first event that is not (with a button to show it), and every user whose
// cached total drifted from the sum of their transactions (with a button to repair them), and
// the transactions held against the audit log (RowFindingsList). When verified against an
// anchor, whether the anchored event is still there with its hash.
class VerifyResultPanel final : public QFrame
{
    Q_OBJECT

public:
    // Drifted users listed at most; the summary still counts all of them.
    static constexpr int MaxListedDrift = 1000;

    explicit VerifyResultPanel(QWidget *parent = nullptr);

    void showReport(const VerifyReport &report, const std::optional<AnchorCheck> &anchor = std::nullopt);
    // While a repair runs, its button is disabled.
    void setRepairing(bool repairing);
    // Why the connected role may not repair (empty: it may); the button is then disabled and says so.
    void setRepairRefusal(const QString &refusal);

    QString summaryText() const;
    const VerifyReport &report() const { return m_report; }
    const std::optional<AnchorCheck> &anchorCheck() const { return m_anchorCheck; }
    QString anchorText() const;
    const RowFindingsList *rowFindings() const { return m_rows; }

    // The one-line outcome of a report, as shown in the panel and the status bar.
    static QString summarize(const VerifyReport &report, const std::optional<AnchorCheck> &anchor = std::nullopt);

signals:
    void showEventRequested(qint64 seq);
    void repairRequested();

private:
    void setTone(bool good);
    void updateRepairButton();

    VerifyReport m_report;
    std::optional<AnchorCheck> m_anchorCheck;
    QLabel *m_icon;
    QLabel *m_summary;
    QLabel *m_chain;
    QLabel *m_anchor;
    QPushButton *m_showEvent;
    QLabel *m_driftTitle;
    QTreeWidget *m_drift;
    RowFindingsList *m_rows;
    QPushButton *m_repair;
    QToolButton *m_close;
    bool m_repairing = false;
    QString m_repairRefusal;
};
