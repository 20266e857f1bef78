#pragma once

#include "core/roles/Role.h"

#include <optional>

// The role chosen for SQLite databases (setting "sqliteRole" in ~/.config/xpadmin/xpadmin.conf),
// shared by the window and the command-line tool. Advisory only: a local file has no logins.
namespace RoleSetting {

// The chosen role; none when unset or unreadable (then: unrestricted).
std::optional<Role> sqliteRole();
// Role::Unrestricted clears the choice.
void setSqliteRole(Role role);

} // namespace RoleSetting
