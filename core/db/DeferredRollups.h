#pragma once

#include "core/domain/Result.h"

#include <optional>

class Database;

// The rollups' trigger on inserts into SQLite's "UserXP" (RollupDdl), dropped before a bulk insert
// and replaced by the new rows' sums, added once and in key order after it, in the same write
// transaction. Row by row each insert sends an upsert to a random page of the daily rollup, which
// is per user and day and so, on a ledger of years, nearly as large as "UserXP": a bulk load of
// old data paid more for the rollups than for its own rows (measured in docs/rollups.md). Deletes
// and updates keep their triggers.
//
// The new rows are those after the largest rowid before the insert: the transaction writes alone
// (SQLite has one writer), and a new row's rowid is above every rowid there is. On PostgreSQL, or
// where the triggers are not installed, nothing is done. A transaction that fails or is cancelled
// rolls the drop back with everything else.
class DeferredRollups final
{
public:
    // Smaller inserts keep the trigger: a schema change makes the other connections prepare their
    // statements again, which costs more than the trigger on a few thousand rows.
    static constexpr qint64 MinRows = 10000;

    // Drops the trigger when rows (to be inserted) is at least MinRows. Must run inside a write
    // transaction, with no statement open.
    static Result<DeferredRollups> defer(Database &db, qint64 rows);

    // Adds the rows inserted since defer() to both rollups and creates the trigger again.
    Status restore();

private:
    explicit DeferredRollups(Database &db) : m_db(&db) { }

    Database *m_db;
    std::optional<qint64> m_after; // the largest rowid before the insert, while deferred
};
