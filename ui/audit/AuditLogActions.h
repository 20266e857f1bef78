#pragma once

#include "core/audit/AuditAnchor.h"
#include "core/audit/AuditReport.h"
#include "core/session/AuditJobs.h"
#include "ui/common/BackgroundTask.h"

#include <QObject>
#include <QPointer>

#include <optional>

class AuditFilterBar;
class AuditModel;
class LedgerSession;
class QAction;
class QWidget;
class VerifyResultPanel;

// The audit log view's checks and exports, each on the session's background worker: Verify
// (optionally against an anchor file), Repair of drifted totals, Save Anchor, Export CSV of the
// filter and the Audit Report of one user. Long ones run through a BackgroundTask (progress,
// Cancel, the error in words); one of each at a time. The actions belong to the view.
class AuditLogActions final : public QObject
{
    Q_OBJECT

public:
    // Everything but session is the view's; session must outlive the view.
    AuditLogActions(LedgerSession *session, AuditModel *model, AuditFilterBar *filterBar, VerifyResultPanel *result,
                    QWidget *view);

    void verify();
    void verifyAgainstAnchor();
    void verifyWithAnchor(const AuditAnchor &anchor);
    void repairTotals();
    void exportCsv();
    void saveAnchor();
    void auditReport();
    void writeReport(const AuditReportRequest &request, const QString &fileName);

    QAction *verifyAction() const { return m_verifyAction; }
    QAction *exportCsvAction() const { return m_exportAction; }
    QAction *verifyAnchorAction() const { return m_verifyAnchorAction; }
    QAction *saveAnchorAction() const { return m_saveAnchorAction; }
    QAction *reportAction() const { return m_reportAction; }

    bool isVerifying() const { return m_verifying != nullptr; }
    bool isExporting() const { return m_exporting != nullptr; }
    bool isReporting() const { return m_reporting != nullptr; }

signals:
    // A verification finished; the view marks the first broken event.
    void verified(const VerifyReport &report);
    // A report was written (events > 0 or not), or failed or was cancelled (events < 0).
    void reportFinished(qint64 events);
    void statusMessage(const QString &message);

private:
    void runVerify(const std::optional<AuditAnchor> &anchor);
    void onVerified(const Result<AuditJobs::Verification> &outcome);

    LedgerSession *m_session;
    AuditModel *m_model;
    AuditFilterBar *m_filterBar;
    VerifyResultPanel *m_result;
    QWidget *m_view;
    QAction *m_verifyAction;
    QAction *m_exportAction;
    QAction *m_verifyAnchorAction;
    QAction *m_saveAnchorAction;
    QAction *m_reportAction;
    QPointer<BackgroundTask> m_verifying;
    QPointer<BackgroundTask> m_exporting;
    QPointer<BackgroundTask> m_reporting;
    bool m_repairing = false;
};
