#pragma once

#include "core/charts/ChartData.h"
#include "core/charts/ChartLoader.h"
#include "core/db/Job.h"
#include "core/domain/CancelToken.h"

#include <QList>

// The charts view's work, as jobs posted to its worker: the figures first, the leaderboard second.
namespace ChartJobs {

// ChartLoader::load; cancel stops it when a newer request replaces this one.
Job<ChartFiguresOf> load(const ChartRequest &request, const CancelToken &cancel);
// The leaderboard of the range of figures already loaded (ChartQuery::leaderboard).
Job<QList<TopUser>> leaderboard(const ChartData &data);
// PostgreSQL with capture: whether the audit log is far enough ahead of the rollups to fold it
// in, and this role may (LoggedRollups::wantsFold); a read.
Job<bool> rollupsToFold();
// Folds it in (LoggedRollups::catchUp), on a connection that may write; else nothing. The
// charts are exact either way; each read adds what was not folded, so folding keeps them quick.
Job<bool> foldRollups();

} // namespace ChartJobs
