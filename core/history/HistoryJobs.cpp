#include "core/history/HistoryJobs.h"

namespace HistoryJobs {

Job<qint64> exportCsv(HistoryFilter filter, HistoryQuery::Order order, QString fileName,
                      HistoryCsvExport::Progress progress, CsvFormat format)
{
    return [filter = std::move(filter), order, fileName = std::move(fileName), progress = std::move(progress),
            format](Database &db) -> Result<qint64> {
        HistoryCsvExport csv(db);
        csv.setFormat(format);
        return csv.write(filter, order, fileName, progress);
    };
}

Job<TransactionLookup::Found> lookup(QString transactionId)
{
    return
        [transactionId = std::move(transactionId)](Database &db) { return TransactionLookup(db).find(transactionId); };
}

Job<qint64> countNewer(HistoryFilter filter, std::optional<HistoryCursor> newest, int cap)
{
    return [filter = std::move(filter), newest = std::move(newest), cap](Database &db) {
        return NewRowsQuery(db).count(filter, newest, cap);
    };
}

} // namespace HistoryJobs
