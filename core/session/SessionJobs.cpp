#include "core/session/SessionJobs.h"

#include "core/db/Database.h"

namespace SessionJobs {

Job<Connection> describeConnection()
{
    return [](Database &db) -> Result<Connection> { return Connection{db.serverVersion(), db.actor()}; };
}

} // namespace SessionJobs
