#include "core/charts/ChartJobs.h"

#include "core/capture/LoggedRollups.h"
#include "core/charts/ChartQuery.h"

namespace ChartJobs {

Job<ChartFiguresOf> load(const ChartRequest &request, const CancelToken &cancel)
{
    return [request, cancel](Database &db) { return ChartLoader::load(db, request, &cancel); };
}

Job<QList<TopUser>> leaderboard(const ChartData &data)
{
    return [data](Database &db) { return ChartQuery(db).leaderboard(data); };
}

Job<bool> rollupsToFold()
{
    return [](Database &db) { return LoggedRollups::wantsFold(db); };
}

Job<bool> foldRollups()
{
    return [](Database &db) -> Result<bool> {
        if (const Status folded = LoggedRollups::catchUp(db); !folded)
            return folded.error();
        return true;
    };
}

} // namespace ChartJobs
