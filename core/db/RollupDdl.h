#pragma once

#include "core/domain/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

class Database;
class Dialect;

// The rollups of "UserXP" that the charts read instead of the rows (docs/rollups.md), in XP
// Admin's own schema: XP and transactions per UTC hour, category and source type (the charts of
// everyone), and per UTC day, user, category and source type (the leaderboard). Keys are UTC
// text ("2026-12-06 09", "2026-12-06"), so a desk in any time zone finds its local days in whole
// hours, and its partial hours and days at the edges of a range in the rows.
//
// Triggers on "UserXP" keep them exact in the transaction of every change, XP Admin's and
// anyone else's: on SQLite always; on PostgreSQL with capture (CaptureInstaller installs and
// removes them with its own), since a trigger on the web app's table is the owner's choice.
// Where the triggers are missing the rollups are not used (isKept), and installing them
// rebuilds the rollups from the rows first.
namespace RollupDdl {

QString hourTable(const Dialect &d);
QString dayTable(const Dialect &d);
// The statements of schema step 8: the two tables (their grants: OwnTableGrants).
QStringList tables(const Dialect &d);
// Schema step 8: the tables, and the triggers on SQLite, or on PostgreSQL where capture is
// installed already.
Status migrate(Database &db);
// Whether this role may create the triggers: always on SQLite; on PostgreSQL the owner of
// "UserXP" (or a superuser) who may create objects in the schema xpadmin.
Result<bool> mayInstall(Database &db);
// Rebuilds both rollups from the rows and creates the triggers (replacing any), inside the
// caller's transaction. Minutes on tens of millions of rows: once, at the migration or install.
Status install(Database &db);
// The rollups' contents recomputed from the rows in two set-based statements (caller's transaction).
Status rebuild(Database &db);
// Drops the triggers (capture's removal): the rollups stay, unused until the next install.
Status uninstall(Database &db);
// Whether the triggers are in place and this role may read the rollups: only then are they exact.
Result<bool> isKept(Database &db);

// The keys of an instant's hour and day, as the triggers write them from "createdAt".
QString hourKey(const QDateTime &utc);
QString dayKey(const QDateTime &utc);

} // namespace RollupDdl
