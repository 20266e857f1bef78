#include "core/users/UserJobs.h"

#include "core/users/UserQuery.h"
#include "core/users/Users.h"

namespace UserJobs {

Job<std::optional<UserRow>> find(const QString &id)
{
    return [id](Database &db) { return Users(db).find(id); };
}

Job<QList<UserRow>> search(const QString &text, int limit)
{
    return [text, limit](Database &db) { return UserQuery(db).find(text, limit); };
}

} // namespace UserJobs
