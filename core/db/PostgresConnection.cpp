#include "core/db/PostgresConnection.h"

#include <QSqlDatabase>
#include <QStringList>

#include <libpq-fe.h>

namespace {

// A value in a libpq connection string: quoted, with backslash and quote escaped.
QString quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

pg_conn *PostgresConnection::open(const QSqlDatabase &settings, QSqlError *error)
{
    // UTF-8 as QPSQL asked for it; a parameter PgBouncer carries for each client.
    // "xpadmin" in pg_stat_activity, unless the URL names the application itself.
    QStringList parts{QStringLiteral("client_encoding=UTF8"), QStringLiteral("fallback_application_name=xpadmin")};
    if (!settings.hostName().isEmpty())
        parts << QStringLiteral("host=") + quoted(settings.hostName());
    if (!settings.databaseName().isEmpty())
        parts << QStringLiteral("dbname=") + quoted(settings.databaseName());
    if (!settings.userName().isEmpty())
        parts << QStringLiteral("user=") + quoted(settings.userName());
    if (!settings.password().isEmpty())
        parts << QStringLiteral("password=") + quoted(settings.password());
    if (settings.port() != -1)
        parts << QStringLiteral("port=") + quoted(QString::number(settings.port()));
    if (!settings.connectOptions().isEmpty())
        parts << QString(settings.connectOptions()).replace(QLatin1Char(';'), QLatin1Char(' '));
    PGconn *connection = PQconnectdb(parts.join(QLatin1Char(' ')).toLocal8Bit().constData());
    if (PQstatus(connection) == CONNECTION_OK)
        return connection;
    *error = QSqlError(QString(), QString::fromUtf8(PQerrorMessage(connection)).trimmed(), QSqlError::ConnectionError);
    PQfinish(connection);
    return nullptr;
}

void PostgresConnection::close(pg_conn *connection)
{
    if (connection)
        PQfinish(connection);
}
