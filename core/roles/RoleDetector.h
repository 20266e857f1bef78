#pragma once

#include "core/domain/Result.h"
#include "core/roles/ConnectedRole.h"

class Database;

// Reads who is connected. PostgreSQL: a superuser or the owner of the ledger's tables (or of the
// database, before they exist) is unrestricted; any other login acts in the highest XP Admin
// group role it inherits (admin, support, auditor), or in none. SQLite: the role chosen in the
// settings, advisory. Either way, what the login may do is also bounded by its own privileges
// on the ledger's tables, or by the file's permissions (Grants).
namespace RoleDetector {

Result<ConnectedRole> detect(Database &db);
// SQLite without a connection: the role chosen in the settings, and what the file's
// permissions leave of it for this operating-system user.
ConnectedRole sqliteFile(const QString &path, const QString &login);

} // namespace RoleDetector
