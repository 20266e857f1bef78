#include "core/roles/RoleJobs.h"

#include "core/roles/RoleDetector.h"

namespace RoleJobs {

Job<ConnectedRole> detect()
{
    return [](Database &db) { return RoleDetector::detect(db); };
}

} // namespace RoleJobs
