#include "core/import/ImportJobs.h"

#include "core/history/HistoryQuery.h"

namespace ImportJobs {

Job<qint64> demoData(DemoOptions options, DemoGenerator::Progress progress)
{
    return [options, progress = std::move(progress)](Database &db) -> Result<qint64> {
        auto existing = HistoryQuery(db).count({});
        if (!existing)
            return existing.error();
        if (*existing > 0)
            return qint64(0);
        auto summary = DemoGenerator(db).generate(options, progress);
        if (!summary)
            return summary.error();
        return summary->transactions;
    };
}

} // namespace ImportJobs
