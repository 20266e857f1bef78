#pragma once

#include "core/domain/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

class Database;
class Dialect;

// The charts' rollups on PostgreSQL (docs/rollups.md), kept without touching the web app's write:
// "UserXP" gets no trigger of its own. With capture installed every change of the ledger is
// either one of XP Admin's row events in the audit log or a record of capture's, so
//
//     rows = rollup (as of audit event seq W) + the row events after W + the records waiting
//
// holds in every snapshot: a record and its row change commit together, and sealing deletes the
// records and appends their events in one transaction. Reads add the last two to the rollup in
// the same snapshot; catchUp() folds the events after W into the rollup and moves W, so that what
// a read adds stays small. The tables come with `capture install` (build() fills them) and go
// with `capture remove`. The same tables as on SQLite (RollupDdl::hourTable, dayTable, gainTable), plus
// RollupDdl::stateTable, the one row that holds W.
namespace LoggedRollups {

// What `capture status` says of the rollups.
struct State
{
    bool present = false; // the tables are there (capture install made them)
    bool usersIndex = false; // the daily rollup's index for the top users (built since 2026-12-07)
    bool gains = false; // the gains, built with their index (since 2026-12-07)
    QDateTime builtAt; // UTC; invalid: not built (or this role may not read them)
    qint64 eventsBehind = 0; // row and other events after W, not folded in yet

    // Built, and at least `events` behind the log.
    bool behindBy(qint64 events) const { return builtAt.isValid() && eventsBehind >= events; }
};

// Events after W from which sealing, or a chart load on a connection that may write, folds them
// into the rollups.
constexpr qint64 FoldAfter = 1000;

// The tables, their grants to XP Admin's roles (when the roles exist), for capture install.
QStringList createStatements();
// The gains alone, for rollups made before them (capture install adds them, then builds).
QStringList createGainStatements();
QStringList dropStatements();

// Fills both rollups from the rows, less the records waiting (they come back as events after W),
// and sets W to the last event: one statement, one snapshot. Then indexes the daily rollup by day
// with the user and the sums in the index (the top users of a range read the range's entries and
// not the table). Inside the caller's write transaction; needs capture installed.
Status build(Database &db);
// build()'s statements, for a database administrator to read (`capture install --print-sql`).
QStringList buildStatements(const Dialect &dialect);

// Whether the charts may read the rollups: capture's trigger on "UserXP" is there and enabled,
// the rollups were built, and this role may read them, the log and the waiting records.
Result<bool> isKept(Database &db);

// Whether the rollups are exact on this database, whichever the backend: SQLite's triggers
// (RollupDdl::isKept) or, on PostgreSQL, isKept().
Result<bool> readable(Database &db);

// When the rollups were built and how far the log has gone past them.
Result<State> state(Database &db);

// Folds the events after W into the rollups, inside the caller's write transaction, when there
// are at least foldAfter of them and this role may write the rollups; else nothing (also where
// there are no rollups). Sealing (CaptureSealer) does it after it seals.
Status fold(Database &db, qint64 foldAfter = FoldAfter);
// Whether fold() would fold now if this role's connection to the primary asked: the rollups are
// at least foldAfter events behind and this role may write them. A read; a standby answers too.
Result<bool> wantsFold(Database &db, qint64 foldAfter = FoldAfter);
// fold() in a write transaction of its own, on a connection that may write and is in no
// transaction (a chart load); else nothing.
Status catchUp(Database &db, qint64 foldAfter = FoldAfter);

// What a read adds to the rollups, as a derived table with the columns category, source_type,
// user_id, at (TIMESTAMP(3), UTC), xp and n (+1 a row added, -1 a row taken away): the row events
// after W and the records waiting. Read it in the same snapshot as the rollups.
QString pending(const Dialect &dialect);

} // namespace LoggedRollups
