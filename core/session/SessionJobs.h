#pragma once

#include "core/db/Job.h"

#include <QString>

// What a worker's connection is, as a job: the connection dialog's test posts it to a worker of
// its own and words the answer itself.
namespace SessionJobs {

struct Connection
{
    QString serverVersion; // Database::serverVersion()
    QString actor; // who the database says is connected
};

// Opening the worker's connection is the test; this reads what it reached.
Job<Connection> describeConnection();

} // namespace SessionJobs
