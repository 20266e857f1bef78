#include "core/db/PoolerCheck.h"

#include "core/db/Database.h"

QString PoolerCheck::limits(const Database &db)
{
    if (!db.spec().pooler)
        return {};
    return tr("PgBouncer in transaction mode (pgbouncer=true): each transaction may run on another server "
              "connection, and XP Admin keeps nothing there between transactions. Cancelling a wait for a lock "
              "takes effect when the wait ends.");
}

QString PoolerCheck::hint(Database &db)
{
    // A port left to libpq (0: PGPORT, a service, 5432) is not known here: no comparison.
    if (!db.dialect().isPostgres() || db.spec().pooler || db.spec().host.startsWith(QLatin1Char('/'))
        || db.spec().port == 0)
        return {};
    auto rows = db.run(QStringLiteral("SELECT inet_server_port()"));
    if (!rows || !rows->next() || rows->isNull(0))
        return {};
    const qint64 port = rows->integer(0);
    if (port == db.spec().port)
        return {};
    return tr("The server took the connection on port %1, not on port %2: if that port is PgBouncer in "
              "transaction mode, add pgbouncer=true to the URL.")
        .arg(port)
        .arg(db.spec().port);
}
