#include "core/roles/RoleDetector.h"

#include "core/db/Database.h"
#include "core/roles/RoleSetting.h"

#include <QCoreApplication>

namespace RoleDetector {

Result<ConnectedRole> detect(Database &db)
{
    if (!db.dialect().isPostgres())
        return sqliteFile(db.spec().path, db.actor());
    ConnectedRole connected;
    connected.login = db.actor();
    // Privileges are those of current_user (after SET ROLE); 'USAGE' counts only inherited roles.
    auto rows = db.run(
        QStringLiteral(
            "SELECT r.rolsuper, "
            "COALESCE(pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = "
            "to_regclass(:xp)), 'USAGE'), pg_has_role(current_user, (SELECT d.datdba FROM pg_database d "
            "WHERE d.datname = current_database()), 'USAGE')), "
            // Installed in this database: the roles are the cluster's, their grants this database's.
            "(SELECT count(*) FROM pg_roles g WHERE g.rolname = 'xpadmin_auditor' AND "
            "has_table_privilege(g.oid, to_regclass(:xp2), 'SELECT')), "
            "COALESCE((SELECT string_agg(g.rolname::text, ',') FROM pg_roles g WHERE g.rolname IN ('xpadmin_auditor', "
            "'xpadmin_support', 'xpadmin_admin') AND pg_has_role(current_user, g.oid, 'USAGE')), '') "
            "FROM pg_roles r WHERE r.rolname = current_user"),
        {{QStringLiteral(":xp"), db.dialect().tables().qualified(QStringLiteral("UserXP"))},
         {QStringLiteral(":xp2"), db.dialect().tables().qualified(QStringLiteral("UserXP"))}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return Error::database(
            QCoreApplication::translate("RoleDetector", "The database does not know the connected role %1")
                .arg(db.actor()));
    connected.superuser = rows->value(0).toBool();
    connected.owner = rows->value(1).toBool();
    connected.rolesInstalled = rows->integer(2) > 0;
    const QStringList member = rows->text(3).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (connected.superuser || connected.owner)
        connected.role = Role::Unrestricted;
    else if (member.contains(Roles::groupRole(Role::Admin)))
        connected.role = Role::Admin;
    else if (member.contains(Roles::groupRole(Role::Support)))
        connected.role = Role::Support;
    else if (member.contains(Roles::groupRole(Role::Auditor)))
        connected.role = Role::Auditor;
    else
        // Without XP Admin's roles the database's own grants are all there is to go by.
        connected.role = connected.rolesInstalled ? Role::None : Role::Unrestricted;
    auto grants = Grants::read(db, connected.superuser || connected.owner);
    if (!grants)
        return grants.error();
    connected.grants = *grants;
    return connected;
}

ConnectedRole sqliteFile(const QString &path, const QString &login)
{
    ConnectedRole connected;
    connected.login = login;
    connected.advisory = true;
    connected.role = RoleSetting::sqliteRole().value_or(Role::Unrestricted);
    connected.grants = Grants::ofFile(path);
    return connected;
}

} // namespace RoleDetector
