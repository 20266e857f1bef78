#include "core/history/HistoryJobs.h"

namespace HistoryJobs {

Job<qint64> exportCsv(HistoryFilter filter, HistoryQuery::Order order, QString fileName,
                      HistoryCsvExport::Progress progress)
{
    return [filter = std::move(filter), order, fileName = std::move(fileName),
            progress = std::move(progress)](Database &db) -> Result<qint64> {
        return HistoryCsvExport(db).write(filter, order, fileName, progress);
    };
}

Job<TransactionLookup::Found> lookup(QString transactionId)
{
    return
        [transactionId = std::move(transactionId)](Database &db) { return TransactionLookup(db).find(transactionId); };
}

} // namespace HistoryJobs
