#pragma once

#include "core/domain/Result.h"

#include <QSqlError>
#include <QString>

#include <optional>

struct sqlite3;

// A full disk, said as such and where: SQLite reports it as "database or disk is full"
// (SQLITE_FULL) or, when the disk fills while it maps or extends a file, as a bare "disk I/O
// error"; PostgreSQL as disk_full ("could not extend file ...: No space left on device").
namespace DiskFull {

// The error for a failure that a full disk caused, else nothing. sqliteHandle is the SQLite
// connection the failure happened on (null on PostgreSQL): its file names the folder, and its
// last system error tells a full disk from other I/O errors.
std::optional<Error> explain(const QSqlError &error, sqlite3 *sqliteHandle, const QString &what);
// The same for a result code of SQLite's own API (bulk writes).
std::optional<Error> explainSqlite(int resultCode, sqlite3 *handle, const QString &what);
// "/srv/ledgers has 12 KB free of 1 MB (the disk mounted at /srv)".
QString freeSpace(const QString &folder);

} // namespace DiskFull
