#pragma once

#include "core/db/Job.h"
#include "core/roles/ConnectedRole.h"

// Who is connected, as a job the role indicator posts to the session's worker.
namespace RoleJobs {

// RoleDetector::detect on the worker's connection.
Job<ConnectedRole> detect();

} // namespace RoleJobs
