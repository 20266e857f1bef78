#pragma once

#include "core/domain/Result.h"

class Database;

// A ledger an older XP Admin set up, read by a connection that may not write (a read command, an
// auditor's read-only copy): its own tables are not migrated then, so the tables and columns later
// versions added are missing. They hold nothing in such a ledger (no period was ever closed in it,
// no reason code kept, no limit set), so empty stand-ins answer every read exactly: SQLite TEMP
// tables and views, of this connection alone, found before the file's own. Nothing is written to
// the ledger. PostgreSQL names its own tables by schema, which a temporary table cannot stand in
// for; there a read of what is missing says how to bring the tables up to date (Database::sqlError).
namespace SchemaShadow {

// SQLite, before the connection is made query-only: the stand-ins for what the file's version
// (read from its meta table) lacks; nothing when it is current, or not XP Admin's.
Status install(Database &db);

} // namespace SchemaShadow
