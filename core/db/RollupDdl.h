#pragma once

#include "core/domain/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

class Database;
class Dialect;

// The rollups of "UserXP" that the charts read instead of the rows (docs/rollups.md), in XP
// Admin's own tables, on SQLite: XP and transactions per UTC hour, category and source type (the
// charts of everyone), and per UTC day, user, category and source type (the leaderboard). Keys
// are UTC text ("2026-12-06 09", "2026-12-06"), so a desk in any time zone finds its local days
// in whole hours, and its partial hours and days at the edges of a range in the rows.
//
// Triggers on "UserXP" keep them exact in the transaction of every change (SQLite). Not so on
// PostgreSQL, where "UserXP" is the web app's: triggers that add to a total per hour would make its
// concurrent writes of one hour wait for each other and add to every write's cost (measured in
// docs/rollups.md). There the same two tables follow the audit log and capture's records
// (core/capture/LoggedRollups). Where the triggers are missing the rollups are not used (isKept),
// and installing them rebuilds the rollups from the rows first.
namespace RollupDdl {

QString hourTable(const Dialect &d);
QString dayTable(const Dialect &d);
// The gains: per user and UTC month ("2026-12") and year ("2026"), XP, transactions and the gain,
// the sum of the positive amounts: no user has more XP in any part of a period than their gain in
// it (core/charts/BoundedTopUsers).
QString gainTable(const Dialect &d);
// The three tables' statements (SQLite).
QStringList tables(const Dialect &d);
// The gains' index by period and gain (SQLite).
QString gainIndex();
// The statement that adds the gains of the rows condition selects (SQLite).
QString addGainSums(const Dialect &d, const QString &condition);
// Schema steps 8 (the hourly and daily rollups) and 9 (the gains): the tables and their triggers,
// built from the rows (SQLite; nothing on PostgreSQL).
Status migrate(Database &db, int fromVersion);
// Rebuilds the rollups from the rows and creates the triggers (replacing any), inside the
// caller's transaction. Minutes on tens of millions of rows: once, at the migration.
Status install(Database &db);
// The rollups' contents recomputed from the rows in set-based statements (caller's transaction).
Status rebuild(Database &db);
// The statements that add the sums of the rows condition selects (a WHERE condition on
// "UserXP"; empty: every row) to the three rollups, in key order.
QStringList addSums(const Dialect &d, const QString &condition);
// The trigger that adds each inserted row (DeferredRollups drops it for a bulk insert).
QString insertTriggerName();
QString insertTrigger(const Dialect &d);
// Drops the three triggers (SQLite; nothing on PostgreSQL); the rollups are then not read.
Status removeTriggers(Database &db);
// Whether the triggers are in place, so that the rollups are exact (never on PostgreSQL).
Result<bool> isKept(Database &db);

// PostgreSQL: the one row that holds how far the rollups follow the audit log
// (core/capture/LoggedRollups).
QString stateTable();
// PostgreSQL: the grants of the rollups and their state to XP Admin's roles that exist, where
// capture made the tables (capture install, roles install).
QString postgresGrants();

QString hourKey(const QDateTime &utc);
QString dayKey(const QDateTime &utc);

} // namespace RollupDdl
