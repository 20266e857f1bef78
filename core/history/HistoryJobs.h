#pragma once

#include "core/db/Job.h"
#include "core/history/HistoryCsvExport.h"
#include "core/history/HistoryQuery.h"
#include "core/history/NewRowsQuery.h"
#include "core/history/TransactionLookup.h"

#include <QString>

// The history view's work, as jobs for a worker.
namespace HistoryJobs {

// Writes every transaction of the filter to a CSV file in the order given; returns the number
// written. progress(written, total) as HistoryCsvExport reports it; returning false cancels.
// format: the separator and byte order mark (default: plain RFC 4180).
Job<qint64> exportCsv(HistoryFilter filter, HistoryQuery::Order order, QString fileName,
                      HistoryCsvExport::Progress progress, CsvFormat format = {});
// The transaction with this id and the audit event to show for it (TransactionLookup).
Job<TransactionLookup::Found> lookup(QString transactionId);
// The rows the filter finds beyond the newest one shown, up to cap + 1 (NewRowsQuery).
Job<qint64> countNewer(HistoryFilter filter, std::optional<HistoryCursor> newest, int cap);

} // namespace HistoryJobs
