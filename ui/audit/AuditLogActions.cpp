#include "ui/audit/AuditLogActions.h"

#include "core/audit/AuditReportCsv.h"
#include "core/audit/AuditReportPdf.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "models/AuditText.h"
#include "models/XpFormat.h"
#include "ui/audit/AuditFilterBar.h"
#include "ui/audit/AuditReportDialog.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/CsvSaveDialog.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"

#include <QAction>
#include <QDate>
#include <QLocale>
#include <QRegularExpression>

AuditLogActions::AuditLogActions(LedgerSession *session, AuditModel *model, AuditFilterBar *filterBar,
                                 VerifyResultPanel *result, QWidget *view)
    : QObject(view),
      m_session(session),
      m_model(model),
      m_filterBar(filterBar),
      m_result(result),
      m_view(view),
      m_verifyAction(new QAction(tr("&Verify"), view)),
      m_exportAction(new QAction(tr("&Export CSV…"), view)),
      m_verifyAnchorAction(new QAction(tr("Verify Against &Anchor…"), view)),
      m_saveAnchorAction(new QAction(tr("&Save Anchor…"), view)),
      m_reportAction(new QAction(tr("Audit &Report…"), view))
{
    m_verifyAction->setObjectName(QStringLiteral("auditVerifyAction"));
    // The window's Ledger > Verify carries Ctrl+Shift+V; a second action with the key would
    // make it ambiguous.
    m_verifyAction->setToolTip(tr("Check the audit log's hash chain and every user's cached total (Ctrl+Shift+V)"));
    connect(m_verifyAction, &QAction::triggered, this, &AuditLogActions::verify);

    m_exportAction->setObjectName(QStringLiteral("auditExportAction"));
    // The window's File > Export Audit Log carries the key (Ctrl+Shift+E).
    m_exportAction->setToolTip(
        tr("Write every event the filter matches to a CSV file, snapshots and hashes included (Ctrl+Shift+E)"));
    connect(m_exportAction, &QAction::triggered, this, &AuditLogActions::exportCsv);

    m_verifyAnchorAction->setObjectName(QStringLiteral("auditVerifyAnchorAction"));
    m_verifyAnchorAction->setToolTip(tr("Verify, and also check that the event recorded in an anchor file is still "
                                        "there with its hash: finds the newest events removed"));
    connect(m_verifyAnchorAction, &QAction::triggered, this, &AuditLogActions::verifyAgainstAnchor);
    m_saveAnchorAction->setObjectName(QStringLiteral("auditSaveAnchorAction"));
    m_saveAnchorAction->setToolTip(tr("Save the newest event's seq and hash to a file; keep it away from the "
                                      "database to verify against later"));
    connect(m_saveAnchorAction, &QAction::triggered, this, &AuditLogActions::saveAnchor);
    m_reportAction->setObjectName(QStringLiteral("auditReportAction"));
    m_reportAction->setToolTip(
        tr("Write every event of one user in a period, with its hash, as PDF or CSV for an auditor to file"));
    connect(m_reportAction, &QAction::triggered, this, &AuditLogActions::auditReport);
}

void AuditLogActions::verify()
{
    runVerify(std::nullopt);
}

void AuditLogActions::verifyAgainstAnchor()
{
    if (m_verifying)
        return;
    const QString fileName
        = FileDialog::getOpenFileName(m_view, tr("Verify against anchor"), tr("Audit anchors (*.json);;All files (*)"),
                                      QStringLiteral("audit-anchor"));
    if (fileName.isEmpty())
        return;
    const auto anchor = AuditAnchor::load(fileName);
    if (!anchor) {
        MessageBox::warning(m_view, tr("Verify against anchor"), anchor.error().message);
        return;
    }
    verifyWithAnchor(*anchor);
}

void AuditLogActions::verifyWithAnchor(const AuditAnchor &anchor)
{
    runVerify(anchor);
}

void AuditLogActions::runVerify(const std::optional<AuditAnchor> &anchor)
{
    if (m_verifying)
        return; // one verification at a time
    m_verifyAction->setEnabled(false);
    m_verifyAnchorAction->setEnabled(false);
    emit statusMessage(tr("Verifying the audit log…"));
    const QLocale locale;
    auto *task = new BackgroundTask(m_view, tr("Verify"), [locale](qint64 done, qint64 total) {
        return total >= 0
            ? tr("Checking the hash chain: %1 of %2 events…").arg(locale.toString(done), locale.toString(total))
            : tr("Checking the hash chain…");
    });
    task->setFailureReport(BackgroundTask::Severity::Critical, tr("Verify"), [](const QString &message) {
        return tr("The audit log could not be verified; nothing was changed.\n\n%1").arg(message);
    });
    connect(task, &BackgroundTask::cancelled, this, &AuditLogActions::statusMessage);
    connect(task, &BackgroundTask::failed, this, [this] { emit statusMessage(tr("Verification failed")); });
    m_verifying = task;
    auto finished = [this](const Result<AuditJobs::Verification> &outcome) {
        m_verifying = nullptr;
        m_verifyAction->setEnabled(true);
        m_verifyAnchorAction->setEnabled(true);
        onVerified(outcome);
    };
    // A standby behind the anchor would seem to lack the newest events: an anchor is checked on
    // the primary.
    if (anchor)
        task->post<AuditJobs::Verification>(m_session->background(), AuditJobs::verify(anchor, task->progress()),
                                            std::move(finished));
    else
        task->postRead<AuditJobs::Verification>(m_session->background(), AuditJobs::verify(anchor, task->progress()),
                                                std::move(finished));
}

void AuditLogActions::onVerified(const Result<AuditJobs::Verification> &outcome)
{
    if (!outcome)
        return; // told by the task
    m_result->showReport(outcome->report, outcome->anchor);
    emit verified(outcome->report);
    emit statusMessage(VerifyResultPanel::summarize(outcome->report, outcome->anchor));
}

void AuditLogActions::repairTotals()
{
    const QList<Drift> drift = m_result->report().drift;
    if (drift.isEmpty() || m_repairing)
        return;
    const QLocale locale;
    QStringList listed;
    for (const Drift &d : drift) {
        if (listed.size() == 5) {
            listed << tr("… and %1 more").arg(locale.toString(qint64(drift.size() - 5)));
            break;
        }
        listed << tr("%1: %2 → %3").arg(d.userId, locale.toString(d.cached), locale.toString(d.sum));
    }
    const auto answer = MessageBox::question(
        m_view, tr("Repair totals"),
        tr("Set the cached total(s) of %Ln user(s) to the sum(s) of their transactions?", nullptr,
           static_cast<int>(drift.size()))
            + QStringLiteral("\n\n") + listed.join(QLatin1Char('\n')) + QStringLiteral("\n\n")
            + tr("Each change is recorded in the audit log as \"repair\"; no transaction is changed."));
    if (answer != QMessageBox::Yes)
        return;
    m_repairing = true;
    m_result->setRepairing(true);
    emit statusMessage(tr("Repairing totals…"));
    m_session->background()->post<RecalcSummary>(
        this, AuditJobs::repair(), [this](const Result<RecalcSummary> &summary) {
            m_repairing = false;
            m_result->setRepairing(false);
            if (!summary) {
                MessageBox::critical(
                    m_view, tr("Repair totals"),
                    tr("The totals were not repaired; nothing was changed.\n\n%1").arg(summary.error().message));
                return;
            }
            QStringList userIds;
            for (const Drift &fixed : summary->fixed)
                userIds << fixed.userId;
            emit statusMessage(summary->fixed.size() == 1
                                   ? tr("Repaired the total of 1 user")
                                   : tr("Repaired the totals of %1 users").arg(summary->fixed.size()));
            m_session->announceChange(userIds);
            verify();
        });
}

void AuditLogActions::exportCsv()
{
    if (m_exporting)
        return;
    const auto choice
        = CsvSaveDialog::ask(m_view, tr("Export audit log"),
                             QStringLiteral("audit-log-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)),
                             QStringLiteral("audit-export"));
    if (!choice)
        return;
    const QString fileName = choice->fileName;
    m_exportAction->setEnabled(false);
    const QLocale locale;
    auto *task = new BackgroundTask(m_view, tr("Export CSV"), [locale](qint64 done, qint64 total) {
        return total >= 0 ? tr("Writing %1 of %2 events…").arg(locale.toString(done), locale.toString(total))
                          : tr("Counting the events…");
    });
    task->setFailureReport(BackgroundTask::Severity::Critical, tr("Export CSV"));
    connect(task, &BackgroundTask::cancelled, this, &AuditLogActions::statusMessage);
    m_exporting = task;
    emit statusMessage(tr("Exporting the audit log…"));
    task->postRead<qint64>(
        m_session->background(), AuditJobs::exportCsv(m_model->filter(), fileName, task->progress(), choice->format),
        [this, fileName](const Result<qint64> &written) {
            m_exporting = nullptr;
            m_exportAction->setEnabled(true);
            if (written)
                emit statusMessage(tr("Exported %1 events to %2").arg(QLocale().toString(*written), fileName));
        });
}

void AuditLogActions::saveAnchor()
{
    const QString fileName = FileDialog::getSaveFileName(
        m_view, tr("Save audit anchor"),
        QStringLiteral("audit-anchor-%1.json").arg(QDate::currentDate().toString(Qt::ISODate)),
        tr("Audit anchors (*.json);;All files (*)"), QStringLiteral("audit-anchor"));
    if (fileName.isEmpty())
        return;
    m_saveAnchorAction->setEnabled(false);
    m_session->background()->post<AuditAnchor>(
        this, AuditJobs::anchor(fileName), [this, fileName](const Result<AuditAnchor> &anchor) {
            m_saveAnchorAction->setEnabled(true);
            if (!anchor) {
                MessageBox::critical(m_view, tr("Save anchor"), anchor.error().message);
                return;
            }
            emit statusMessage(anchor->seq == 0 ? tr("Anchored the empty audit log in %1").arg(fileName)
                                                : tr("Anchored event %1 in %2; keep the file away from the database")
                                                      .arg(QString::number(anchor->seq), fileName));
        });
}

void AuditLogActions::auditReport()
{
    if (m_reporting)
        return;
    AuditReportDialog dialog(m_view);
    dialog.setUserId(m_filterBar->filter().userId);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AuditReportRequest request = dialog.request();
    const QString suffix = dialog.suffix();
    const QString fileName = FileDialog::getSaveFileName(
        m_view, tr("Save audit report"),
        QStringLiteral("audit-report-%1-%2.%3")
            .arg(QString(request.userId)
                     .replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_")),
                 QDate::currentDate().toString(Qt::ISODate), suffix),
        suffix == QLatin1String("csv") ? tr("CSV files (*.csv)") : tr("PDF files (*.pdf)"),
        QStringLiteral("audit-report"));
    if (fileName.isEmpty())
        return;
    writeReport(request, fileName);
}

void AuditLogActions::writeReport(const AuditReportRequest &request, const QString &fileName)
{
    if (m_reporting)
        return;
    const bool csv = fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    m_reportAction->setEnabled(false);
    const QLocale locale;
    auto *task = new BackgroundTask(m_view, tr("Audit report"), [locale](qint64 done, qint64 total) {
        return total >= 0 ? tr("Writing %1 of %2 events…").arg(locale.toString(done), locale.toString(total))
                          : tr("Counting the events…");
    });
    task->setFailureReport(BackgroundTask::Severity::Critical, tr("Audit report"));
    connect(task, &BackgroundTask::cancelled, this, &AuditLogActions::statusMessage);
    m_reporting = task;
    emit statusMessage(tr("Writing the audit report…"));
    // The writer is made on the worker thread, where it writes.
    auto makeWriter = [fileName, csv]() -> std::unique_ptr<AuditReportWriter> {
        if (csv)
            return std::make_unique<AuditReportCsv>(fileName);
        auto pdf = std::make_unique<AuditReportPdf>(fileName);
        // Printed as the audit table shows them.
        pdf->setFormat({&XpFormat::localTime, &AuditText::actionLabel, &XpFormat::signedAmount});
        return pdf;
    };
    task->postRead<qint64>(m_session->background(), AuditJobs::report(request, makeWriter, task->progress()),
                           [this, fileName](const Result<qint64> &written) {
                               m_reporting = nullptr;
                               m_reportAction->setEnabled(true);
                               if (!written) {
                                   emit reportFinished(-1);
                                   return;
                               }
                               emit statusMessage(
                                   tr("Wrote %1 events to %2").arg(QLocale().toString(*written), fileName));
                               emit reportFinished(*written);
                           });
}
