#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Where the ledger lives: an SQLite file, or a PostgreSQL server given the way libpq or the web
// application (Prisma's DATABASE_URL) gives it: postgresql://user:password@host:port/db?..., several
// hosts (h1:5432,h2:5433), a socket directory, or the keyword form "host=... dbname=...".
// A field left empty is libpq's to fill: PGHOST, PGPORT, PGUSER, PGDATABASE, a service file,
// ~/.pgpass. See docs/connection-urls.md.
struct ConnectionSpec
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionSpec)

public:
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString path; // SQLite file
    // A host name, an address or a socket directory, or a comma list of them (libpq's "host").
    QString host;
    int port = 0; // 0: libpq's default (PGPORT, the service, else 5432)
    // Several hosts with ports of their own: libpq's comma list ("5432,5433"); port is then 0.
    QString ports;
    QString database;
    QString user;
    QString password; // from the URL only; libpq also honours PGPASSWORD and ~/.pgpass
    // Other libpq options, "key=value;key=value"; values never contain ";".
    QString options;
    // Prisma's ?schema=: the schema of the web application's tables; empty means "public".
    QString appSchema;
    // Prisma's ?pgbouncer=true: a pooler in transaction mode stands in front of the server.
    bool pooler = false;
    // Prisma's pool settings XP Admin has no use for (one connection, no pool), kept as given
    // ("key=value;key=value") so that the URL reads back the same.
    QString prismaOptions;

    // An empty text means the embedded default database.
    static Result<ConnectionSpec> parse(const QString &text);
    static QString defaultSqlitePath();
    // Where XP Admin keeps its databases: ~/.local/share/xpadmin on Linux.
    static QString dataDirectory();
    // For titles, logs and the audit log: never contains a password.
    QString displayName() const;
    // The URL form again (with the password and sslpassword when withPassword is set).
    QString toUrl(bool withPassword = false) const;

    // One libpq option ("sslmode"), empty when not given.
    QString option(const QString &key) const;
    // Sets (or with an empty value removes) one libpq option.
    void setOption(const QString &key, const QString &value);
    // What QPSQL passes to libpq beside host, database, user and password: the port(s) and the
    // options, each value quoted as libpq requires.
    QString connectOptions() const;
    // Settings of the URL that libpq cannot use, in words (Prisma's sslidentity, a PKCS#12 file).
    QStringList unusable() const;
};
