#pragma once

#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"

#include <optional>

class Database;

// How many transactions a filter finds beyond the newest one a list shows: the "3 new
// transactions" of a history that another desk or the web application wrote to while it was
// read. One count over the ("createdAt", "id") keyset, stopped at a cap, so that a burst of a
// million rows costs what a thousand do.
class NewRowsQuery final
{
public:
    explicit NewRowsQuery(Database &db) : m_db(db) { }

    // The rows the filter finds that are newer than newest (every row without one), counted up
    // to cap + 1: a result above cap means "more than cap". A past moment (filter.asOf) has none.
    Result<qint64> count(const HistoryFilter &filter, const std::optional<HistoryCursor> &newest, int cap);

private:
    Database &m_db;
};
