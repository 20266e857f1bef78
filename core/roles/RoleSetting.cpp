#include "core/roles/RoleSetting.h"

#include <QSettings>

namespace {

const QString Key = QStringLiteral("sqliteRole");

} // namespace

namespace RoleSetting {

std::optional<Role> sqliteRole()
{
    const QString value = QSettings().value(Key).toString();
    if (value.isEmpty())
        return std::nullopt;
    const auto role = Roles::fromKey(value);
    if (!role || *role == Role::None)
        return std::nullopt;
    return role;
}

void setSqliteRole(Role role)
{
    QSettings settings;
    if (role == Role::Unrestricted || role == Role::None)
        settings.remove(Key);
    else
        settings.setValue(Key, Roles::key(role));
}

} // namespace RoleSetting
