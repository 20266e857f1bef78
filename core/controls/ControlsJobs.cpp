#include "core/controls/ControlsJobs.h"

namespace ControlsJobs {

Job<ControlsReportData> read(QDateTime since, QDateTime until)
{
    return [since = std::move(since), until = std::move(until)](Database &db) {
        return ControlsReport(db).read(since, until);
    };
}

} // namespace ControlsJobs
