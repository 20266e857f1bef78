#include "core/users/UserJobs.h"

#include "core/users/Users.h"

namespace UserJobs {

Job<std::optional<UserRow>> find(const QString &id)
{
    return [id](Database &db) { return Users(db).find(id); };
}

} // namespace UserJobs
