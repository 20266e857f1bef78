#pragma once

#include <QSqlError>

class QSqlDatabase;
struct pg_conn;

// PostgreSQL's connection opened with libpq from the settings given to Qt's QPSQL driver (host,
// port, database, user, password, connect options: the connection string QPSQL would build),
// without the settings QPSQL sends on opening: its bytea_output is one a pooler in transaction
// mode does not track, which would stay on the server connection for other clients.
class PostgresConnection final
{
public:
    // The open connection, or null with *error set.
    static pg_conn *open(const QSqlDatabase &settings, QSqlError *error);
    static void close(pg_conn *connection);
};
