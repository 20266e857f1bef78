#include "core/roles/ConnectedRole.h"

QString ConnectedRole::name() const
{
    const QString group = Roles::groupRole(role);
    return group.isEmpty() || advisory ? Roles::label(role) : group;
}

QString ConnectedRole::label() const
{
    if (advisory)
        return tr("%1 (advisory)").arg(Roles::label(role));
    if (role == Role::Unrestricted && superuser)
        return tr("%1: superuser, unrestricted").arg(login);
    if (role == Role::Unrestricted && owner)
        return tr("%1: owner, unrestricted").arg(login);
    if (role == Role::Unrestricted)
        return tr("%1: XP Admin's roles are not installed").arg(login);
    if (role == Role::None)
        return tr("%1: no XP Admin role").arg(login);
    return tr("%1 (%2)").arg(Roles::groupRole(role), login);
}

QString ConnectedRole::refusal(Action action) const
{
    const QString what = Permissions::phrase(action);
    if (permissions().may(action)) {
        const QString missing = grants.lacking(action).join(QStringLiteral(", "));
        if (advisory)
            return tr("Your operating-system user %1 may not %2: it lacks %3").arg(login, what, missing);
        return tr("Your database login %1 may not %2: it lacks %3").arg(login, what, missing);
    }
    if (advisory)
        return tr("Your role %1 (advisory, chosen in the settings) may not %2").arg(Roles::label(role), what);
    if (role == Role::None)
        return tr("Your database login %1 has no XP Admin role and may not %2; the database owner can grant one "
                  "with xpadmin-cli roles grant")
            .arg(login, what);
    if (role == Role::Unrestricted)
        return tr("Your database login %1 may not %2").arg(login, what);
    return tr("Your database role %1 may not %2").arg(Roles::groupRole(role), what);
}

QStringList ConnectedRole::lacking() const
{
    QStringList missing;
    for (const Action action : Permissions::allActions()) {
        if (!permissions().may(action))
            continue;
        for (const QString &privilege : grants.lacking(action)) {
            if (!missing.contains(privilege))
                missing << privilege;
        }
    }
    return missing;
}
