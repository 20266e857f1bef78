#include "core/charts/ChartJobs.h"

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

} // namespace ChartJobs
