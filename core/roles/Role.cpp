#include "core/roles/Role.h"

#include <QCoreApplication>

namespace Roles {

QString key(Role role)
{
    switch (role) {
    case Role::Unrestricted:
        return QStringLiteral("owner");
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Support:
        return QStringLiteral("support");
    case Role::Auditor:
        return QStringLiteral("auditor");
    case Role::None:
        return QStringLiteral("none");
    }
    return {};
}

std::optional<Role> fromKey(const QString &key)
{
    const QString k = key.trimmed().toLower();
    for (const Role role : {Role::Unrestricted, Role::Admin, Role::Support, Role::Auditor, Role::None}) {
        if (k == Roles::key(role) || (!groupRole(role).isEmpty() && k == groupRole(role)))
            return role;
    }
    if (k == QLatin1String("unrestricted"))
        return Role::Unrestricted;
    return std::nullopt;
}

QStringList grantableKeys()
{
    return {key(Role::Auditor), key(Role::Support), key(Role::Admin)};
}

QString groupRole(Role role)
{
    switch (role) {
    case Role::Admin:
    case Role::Support:
    case Role::Auditor:
        return QStringLiteral("xpadmin_") + key(role);
    case Role::Unrestricted:
    case Role::None:
        break;
    }
    return {};
}

QString label(Role role)
{
    switch (role) {
    case Role::Unrestricted:
        return QCoreApplication::translate("Roles", "Owner (unrestricted)");
    case Role::Admin:
        return QCoreApplication::translate("Roles", "Admin");
    case Role::Support:
        return QCoreApplication::translate("Roles", "Support");
    case Role::Auditor:
        return QCoreApplication::translate("Roles", "Auditor");
    case Role::None:
        return QCoreApplication::translate("Roles", "No XP Admin role");
    }
    return {};
}

} // namespace Roles
