#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// Who is connected, as far as XP Admin's actions go. On PostgreSQL the database decides it
// (membership in the group roles that `xpadmin-cli roles install` creates) and enforces it; on
// SQLite, a local file, it is chosen in the settings and only advisory.
enum class Role {
    Unrestricted, // the database's owner or a superuser, or SQLite without a chosen role
    Admin, // xpadmin_admin: support's actions, plus rollback, delete source, restore, import, repair
    Support, // xpadmin_support: read everything, award and adjust
    Auditor, // xpadmin_auditor: read everything, change nothing
    None // PostgreSQL login that is none of the above once the roles are installed
};

namespace Roles {

// "auditor", "support", "admin", "owner", "none": for settings, --role and JSON.
QString key(Role role);
std::optional<Role> fromKey(const QString &key);
// The three roles a login can be given: "auditor", "support", "admin".
QStringList grantableKeys();
// The PostgreSQL group role: "xpadmin_auditor", "xpadmin_support", "xpadmin_admin" (empty for others).
QString groupRole(Role role);
// Readable and translated: "Auditor", "Support", "Admin", "Owner (unrestricted)", "No XP Admin role".
QString label(Role role);

} // namespace Roles
