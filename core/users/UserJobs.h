#pragma once

#include "core/db/Job.h"
#include "core/users/UserRow.h"

#include <QList>
#include <QString>

#include <optional>

// Reading users, as jobs a view posts to the session's worker.
namespace UserJobs {

// The user with this id, or nothing when there is none (Users::find).
Job<std::optional<UserRow>> find(const QString &id);
// Up to limit users whose id, email or name contains text, exact matches first (UserQuery::find).
Job<QList<UserRow>> search(const QString &text, int limit);

} // namespace UserJobs
