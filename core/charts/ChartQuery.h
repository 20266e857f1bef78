#pragma once

#include "ChartData.h"
#include "Result.h"

class CancelToken;
class Database;

// Reads the figures of every chart with aggregates in SQL: per local-time bucket of the range,
// one GROUP BY category and source type; and one GROUP BY user for the leaderboard. Nothing is
// summed by looping over rows. Seconds on ten million rows: run it off the GUI thread, with a
// token to cancel a request that a newer one has replaced (checked between buckets).
class ChartQuery final
{
public:
    explicit ChartQuery(Database &db) : m_db(db) { }

    Result<ChartData> load(const ChartRequest &request, const CancelToken *cancel = nullptr);

private:
    Database &m_db;
};
