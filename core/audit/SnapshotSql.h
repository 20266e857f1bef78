#pragma once

#include <QString>

class Dialect;

// Reading an audit event's snapshot in SQL, so that rows kept in the log can be joined, summed
// and compared where they are stored, without sending every snapshot to the program.
// The event is aliased "e"; on PostgreSQL its snapshot is parsed once, as "j.s".
namespace SnapshotSql {

// What to add after the event's table in a FROM clause: PostgreSQL's parse of the snapshot into
// jsonb (a lateral join); nothing on SQLite, whose JSON functions read the text.
QString parse(const Dialect &dialect);

// The snapshot's row as a JSON object: the snapshot itself, or what it keeps under "row" (a
// snapshot that also keeps totals). A snapshot that is not JSON (an edited event, which the chain
// check names) gives an empty object on SQLite.
QString row(const Dialect &dialect);

// Field `name` of a row object (an expression from row()) as text, NULL when absent.
QString field(const Dialect &dialect, const QString &rowObject, const QString &name);

// The "createdAt" or "updatedAt" of a row object as the table stores it (TIMESTAMP(3) on
// PostgreSQL, "YYYY-MM-DD HH:MM:SS.mmm" text on SQLite), from the ISO text snapshots keep.
QString timestamp(const Dialect &dialect, const QString &rowObject, const QString &name);

} // namespace SnapshotSql
