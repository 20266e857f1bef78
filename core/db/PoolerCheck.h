#pragma once

#include <QCoreApplication>
#include <QString>

class Database;

// What a connection behind PgBouncer in transaction mode means for the person using it, and a
// cheap sign that one was connected to without saying so (pgbouncer=true).
class PoolerCheck final
{
    Q_DECLARE_TR_FUNCTIONS(PoolerCheck)

public:
    // For doctor: what differs behind the pooler, in words (empty without pgbouncer=true).
    static QString limits(const Database &db);
    // PostgreSQL without pgbouncer=true: a hint when the server accepted the connection on
    // another port than the one connected to, as it does behind a pooler; else empty.
    static QString hint(Database &db);
};
