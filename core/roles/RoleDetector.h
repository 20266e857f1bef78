#pragma once

#include "core/domain/Result.h"
#include "core/roles/ConnectedRole.h"

class Database;

// Reads who is connected. PostgreSQL: a superuser or the owner of the ledger's tables (or of the
// database, before they exist) is unrestricted; any other login acts in the highest XP Admin
// group role it inherits (admin, support, auditor), or in none. SQLite: the role chosen in the
// settings, advisory.
namespace RoleDetector {

Result<ConnectedRole> detect(Database &db);

} // namespace RoleDetector
