#pragma once

#include "core/domain/Result.h"

#include <QString>

// Where the ledger lives: an SQLite file, or a PostgreSQL server given as a URL
// (postgresql://user[:password]@host[:port]/database[?sslmode=...&connect_timeout=...]).
struct ConnectionSpec
{
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password; // from the URL only; libpq also honours PGPASSWORD and ~/.pgpass
    QString options; // libpq connect options, "key=value;key=value"
    bool pooler = false; // pgbouncer=true: behind a pooler in transaction mode (PgBouncer)
    // PostgreSQL schema of the web app's tables (Prisma's ?schema=); empty means "public".
    QString appSchema;

    // An empty text means the embedded default database.
    static Result<ConnectionSpec> parse(const QString &text);
    static QString defaultSqlitePath();
    // Where XP Admin keeps its databases: ~/.local/share/xpadmin on Linux.
    static QString dataDirectory();
    // For titles, logs and the audit log: never contains the password.
    QString displayName() const;
    // The URL form again (with the password when withPassword is set).
    QString toUrl(bool withPassword = false) const;
};
