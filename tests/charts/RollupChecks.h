#pragma once

#include "core/charts/ChartData.h"

#include <QString>

class Database;

// The checks of test_chart_rollups, each a failure of the running test when it finds a difference.
namespace RollupChecks {

// The rollups (on PostgreSQL with what they do not hold yet) against sums made from every row.
void compareRollups(Database &db, const QString &stage);
// The gains alone (compareRollups does it too).
void compareGains(Database &db, const QString &stage);
// Every figure of the request's charts against the plain GROUP BY of each bucket's rows, and the
// leaderboard of a range against GROUP BY "userId".
void compareChart(Database &db, const ChartRequest &request, const QString &stage);

} // namespace RollupChecks
