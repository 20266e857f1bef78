#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

// Opens an SQLite file for a Database the way its mode asks: a new file only when creating, a
// file that is not there is an error, and reading leaves the file and its folder as they were.
// A file this process may not write to (or whose folder it may not write to) is opened
// read-only, immutable where SQLite could not read it otherwise (a WAL file whose shared-memory
// file cannot be made).
class SqliteFile final
{
    Q_DECLARE_TR_FUNCTIONS(SqliteFile)

public:
    enum class Access { Read, Write, Create };

    struct Opened
    {
        QString readOnlyReason; // why nothing can be written here; empty when it can
        bool queryOnly = false; // opened read-write for reading only: PRAGMA query_only must follow
    };

    // Opens connection (a QSQLITE connection not yet open) on path; shown names it in errors.
    static Result<Opened> open(QSqlDatabase &connection, const QString &path, Access access, const QString &shown);

private:
    // Exclusive: the connection keeps its lock and its write-ahead-log index in its own memory,
    // so it needs no shared-memory file.
    enum class Locking { Normal, Exclusive };
    static Status openAs(QSqlDatabase &connection, const QString &uri, bool readOnlyFlag, const QString &shown,
                         Locking locking = Locking::Normal);
    // Why this process may not write to path (a file, or the folder SQLite keeps its journal
    // in); empty when it may.
    static QString notWritable(const QString &path, bool folder);
    // Whether the file is in write-ahead-log mode (its header's file format bytes say 2).
    static bool isWriteAheadLog(const QString &path);
    // An SQLite URI filename, so that mode=ro, mode=rw (never creating) and immutable can be asked.
    static QString uri(const QString &path, const QString &parameters);
};
