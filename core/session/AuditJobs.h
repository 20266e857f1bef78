#pragma once

#include "core/audit/AuditAnchor.h"
#include "core/audit/AuditQuery.h"
#include "core/audit/AuditReport.h"
#include "core/csv/CsvFormat.h"
#include "core/db/Job.h"
#include "core/ledger/Verifier.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

// The audit log view's work, as jobs for a worker. They live with the session rather than in
// core/audit because verify and repair are the ledger's (Verifier) and Job is the session's:
// core/audit sits below both in the folder graph.
namespace AuditJobs {

// progress(done, total) from the worker thread; total < 0 while not known. Returning false cancels.
using Progress = std::function<bool(qint64 done, qint64 total)>;
// Makes the report's writer on the worker thread, where it writes (a PDF writer draws there).
using WriterFactory = std::function<std::unique_ptr<AuditReportWriter>()>;

// What a verification found: the chain and totals, and the anchor's check when one was given.
struct Verification
{
    VerifyReport report;
    std::optional<AnchorCheck> anchor;
};

// The actions, and the actors and operators, that occur in the log.
struct FilterChoices
{
    QStringList actions;
    QStringList actors;
};

// Checks the hash chain and every cached total, and then the anchor, if given, against the log.
Job<Verification> verify(std::optional<AuditAnchor> anchor, Progress progress);
// Sets every drifted cached total to the sum of its transactions (audited as "repair").
Job<RecalcSummary> repair();
// Writes every event the filter matches to a CSV file in the format given; returns the number
// written.
Job<qint64> exportCsv(AuditFilter filter, QString fileName, Progress progress, CsvFormat format = {});
// Takes the newest event as an anchor and saves it to fileName.
Job<AuditAnchor> anchor(QString fileName);
// Writes one user's events of a period through the writer makeWriter makes; returns the number written.
Job<qint64> report(AuditReportRequest request, WriterFactory makeWriter, Progress progress);
Job<FilterChoices> filterChoices();

} // namespace AuditJobs
