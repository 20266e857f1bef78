#include "core/roles/RoleInstaller.h"

#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/db/OwnTableGrants.h"
#include "core/db/RollupDdl.h"
#include "core/domain/Validation.h"
#include "core/periods/PeriodEnforcement.h"

namespace {

const QString Roles3 = QStringLiteral("xpadmin_auditor, xpadmin_support, xpadmin_admin");

QString createRole(const QString &name)
{
    // Roles belong to the whole server: another database may create them at the same moment.
    return QStringLiteral("  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN\n"
                          "    BEGIN\n"
                          "      CREATE ROLE %1 NOLOGIN;\n"
                          "    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\n"
                          "    END;\n"
                          "  END IF;\n")
        .arg(name);
}

} // namespace

QStringList RoleInstaller::statements(const TableNames &tables)
{
    QStringList sql;
    sql << QStringLiteral("DO $$\nBEGIN\n") + createRole(QStringLiteral("xpadmin_auditor"))
            + createRole(QStringLiteral("xpadmin_support")) + createRole(QStringLiteral("xpadmin_admin"))
            + QStringLiteral("END\n$$");
    // Support can do what an auditor can, admin what support can.
    sql << QStringLiteral("DO $$\nBEGIN\n"
                          "  IF NOT pg_has_role('xpadmin_support', 'xpadmin_auditor', 'MEMBER') THEN\n"
                          "    GRANT xpadmin_auditor TO xpadmin_support;\n"
                          "  END IF;\n"
                          "  IF NOT pg_has_role('xpadmin_admin', 'xpadmin_support', 'MEMBER') THEN\n"
                          "    GRANT xpadmin_support TO xpadmin_admin;\n"
                          "  END IF;\n"
                          "END\n$$");
    // From a clean slate, so that running it again (or after an upgrade) leaves exactly these grants.
    sql << QStringLiteral("REVOKE ALL ON TABLE \"User\", \"UserProfile\", \"UserXP\" FROM %1").arg(Roles3)
        << QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA xpadmin FROM %1").arg(Roles3)
        << QStringLiteral("REVOKE ALL ON ALL SEQUENCES IN SCHEMA xpadmin FROM %1").arg(Roles3)
        << QStringLiteral("REVOKE UPDATE, DELETE, TRUNCATE ON xpadmin.audit_event FROM PUBLIC");

    // Auditor: reads everything, changes nothing. Temporary tables: an import's dry run checks
    // its file in one (PUBLIC usually has this already).
    sql << QStringLiteral("GRANT USAGE ON SCHEMA %1, xpadmin TO xpadmin_auditor").arg(tables.quotedSchema())
        << QStringLiteral("GRANT SELECT ON TABLE \"User\", \"UserProfile\", \"UserXP\" TO xpadmin_auditor")
        << QStringLiteral("GRANT SELECT ON TABLE xpadmin.meta, xpadmin.audit_event, xpadmin.import_batch TO "
                          "xpadmin_auditor")
        << QStringLiteral("DO $$\nBEGIN\n"
                          "  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO xpadmin_auditor', "
                          "current_database());\n"
                          "END\n$$");

    // Support: award and adjust. A transaction is one new "UserXP" row, the user's cached total
    // is upserted into "UserProfile" (INSERT ... ON CONFLICT DO UPDATE of these two columns
    // only), and the change is appended to the audit log. No UPDATE or DELETE of "UserXP", no
    // new users, and no lock on "UserXP" (LOCK TABLE ... SHARE needs UPDATE, DELETE or TRUNCATE).
    sql << QStringLiteral("GRANT INSERT ON TABLE \"UserXP\", \"UserProfile\" TO xpadmin_support")
        << QStringLiteral("GRANT UPDATE (\"totalXP\", \"updatedAt\") ON TABLE \"UserProfile\" TO xpadmin_support")
        << QStringLiteral("GRANT INSERT ON TABLE xpadmin.audit_event TO xpadmin_support")
        << QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA xpadmin TO xpadmin_support");

    // Admin: rollback and delete source remove "UserXP" rows (DELETE, which also allows the
    // table locks of import and recalculate-all); restore inserts them again; an import may add
    // users and records its batch; repair upserts totals like support.
    sql << QStringLiteral("GRANT DELETE ON TABLE \"UserXP\" TO xpadmin_admin")
        << QStringLiteral("GRANT INSERT ON TABLE \"User\" TO xpadmin_admin")
        << QStringLiteral("GRANT INSERT ON TABLE xpadmin.import_batch TO xpadmin_admin")
        << QStringLiteral("GRANT UPDATE (rows_written, users, total_before, total_after) ON TABLE "
                          "xpadmin.import_batch TO xpadmin_admin");

    // The tables later schema versions added (OwnTableGrants), and the trigger that makes
    // PostgreSQL refuse these roles a change of a row in the closed period.
    sql << OwnTableGrants::statements();
    sql << PeriodEnforcement::statements(tables);

    // Capture (capture install): its records are read by every role and sealed (deleted) by
    // support and admin, whose writes seal them first.
    sql << QStringLiteral("DO $$\nBEGIN\n"
                          "  IF to_regclass('xpadmin.captured_change') IS NOT NULL THEN\n"
                          "    GRANT SELECT ON TABLE xpadmin.captured_change TO xpadmin_auditor;\n"
                          "    GRANT SELECT, DELETE ON TABLE xpadmin.captured_change TO xpadmin_support;\n"
                          "  END IF;\n"
                          "END\n$$");
    sql << RollupDdl::postgresGrants();

    // The audit log is append-only for everyone, its owner included.
    sql << QStringLiteral(
        "CREATE OR REPLACE FUNCTION xpadmin.audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  RAISE EXCEPTION 'the audit log xpadmin.audit_event is append-only: % is refused', TG_OP\n"
        "    USING ERRCODE = 'insufficient_privilege',\n"
        "          HINT = 'Audit events are never changed or removed; correct a mistake with a new operation.';\n"
        "END\n$$")
        << QStringLiteral("DROP TRIGGER IF EXISTS audit_event_append_only ON xpadmin.audit_event")
        << QStringLiteral("CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON xpadmin.audit_event "
                          "FOR EACH ROW EXECUTE FUNCTION xpadmin.audit_event_append_only()")
        << QStringLiteral("DROP TRIGGER IF EXISTS audit_event_no_truncate ON xpadmin.audit_event")
        << QStringLiteral("CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON xpadmin.audit_event "
                          "FOR EACH STATEMENT EXECUTE FUNCTION xpadmin.audit_event_append_only()");
    for (QString &statement : sql)
        statement = tables.qualify(statement);
    return sql;
}

Status RoleInstaller::checkInstaller()
{
    if (!m_db.dialect().isPostgres())
        return Error::input(tr("Roles are enforced by PostgreSQL only; on SQLite the role is chosen in the settings "
                               "and is advisory"));
    auto rows = m_db.run(
        QStringLiteral(
            "SELECT r.rolsuper, r.rolcreaterole, "
            "(SELECT count(*) FROM pg_roles g WHERE g.rolname IN ('xpadmin_auditor', 'xpadmin_support', "
            "'xpadmin_admin')), "
            "COALESCE((SELECT string_agg(n.nspname || '.' || c.relname, ', ' ORDER BY n.nspname, c.relname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ((n.nspname = :schema AND c.relname "
            "IN ('User', 'UserProfile', 'UserXP')) OR (n.nspname = 'xpadmin' AND c.relkind IN ('r', 'p'))) "
            "AND NOT pg_has_role(current_user, c.relowner, 'USAGE')), '') "
            "FROM pg_roles r WHERE r.rolname = current_user"),
        {{QStringLiteral(":schema"), m_db.dialect().tables().schema()}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return Error::database(tr("The database does not know the connected role %1").arg(m_db.actor()));
    const bool superuser = rows->value(0).toBool();
    const bool createRole = rows->value(1).toBool();
    const bool rolesExist = rows->integer(2) == 3;
    const QString notOwned = rows->text(3);
    if (superuser)
        return {};
    if (!notOwned.isEmpty())
        return Error::permission(tr("Permission denied: roles install must be run by a superuser or by the owner of "
                                    "the ledger's tables; %1 does not own %2. Nothing was changed.")
                                     .arg(m_db.actor(), notOwned));
    if (!rolesExist && !createRole)
        return Error::permission(tr("Permission denied: roles install creates the roles %1, which needs a superuser or "
                                    "a role with CREATEROLE; %2 has neither. Nothing was changed.")
                                     .arg(Roles3, m_db.actor()));
    return {};
}

Status RoleInstaller::install()
{
    if (const Status s = checkInstaller(); !s)
        return s;
    return m_db.writeTransaction([this]() -> Status {
        // Two installs on one database at once: the second waits, then finds everything done.
        if (auto lock = m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(AdvisoryLocks::Installs));
            !lock)
            return lock.error();
        for (const QString &sql : statements(m_db.dialect().tables())) {
            if (const Status s = m_db.execute(sql); !s)
                return s;
        }
        return {};
    });
}

Status RoleInstaller::grant(Role role, const QString &rawLogin)
{
    const QString group = Roles::groupRole(role);
    if (group.isEmpty())
        return Error::input(tr("%1 is not a role that can be granted: use %2")
                                .arg(Roles::key(role), Roles::grantableKeys().join(QStringLiteral(", "))));
    if (!m_db.dialect().isPostgres())
        return Error::input(tr("Roles are enforced by PostgreSQL only; on SQLite the role is chosen in the settings "
                               "and is advisory"));
    const QString login = rawLogin.trimmed();
    if (const Status s = Validation::requiredText(QStringLiteral("--login"), login, 63); !s)
        return s;
    return m_db.writeTransaction([&]() -> Status {
        {
            auto rows = m_db.run(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname IN ('xpadmin_auditor', "
                                                "'xpadmin_support', 'xpadmin_admin')"));
            if (!rows)
                return rows.error();
            if (!rows->next() || rows->integer(0) != 3)
                return Error::input(tr("XP Admin's roles are not installed on this server: run xpadmin-cli roles "
                                       "install first, as the database owner"));
        }
        QString quoted;
        {
            auto rows = m_db.run(
                QStringLiteral("SELECT rolcanlogin, quote_ident(rolname) FROM pg_roles WHERE rolname = :login"),
                {{QStringLiteral(":login"), login}});
            if (!rows)
                return rows.error();
            if (!rows->next())
                return Error::input(tr("--login %1: there is no such login on this server; create it first, e.g. "
                                       "CREATE ROLE %1 LOGIN PASSWORD '…'")
                                        .arg(Validation::quoted(login)));
            if (!rows->value(0).toBool() || login.startsWith(QLatin1String("xpadmin_")))
                return Error::input(
                    tr("--login %1 is a role that cannot log in; name a login").arg(Validation::quoted(login)));
            quoted = rows->text(1);
        }
        // Exactly one XP Admin role: the others it holds directly go.
        const QString others = QStringLiteral(
            "SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON "
            "u.oid = m.member WHERE u.rolname = :login AND g.rolname IN ('xpadmin_auditor', 'xpadmin_support', "
            "'xpadmin_admin') AND g.rolname <> :group ORDER BY 1");
        QStringList revoke;
        {
            auto rows = m_db.run(others, {{QStringLiteral(":login"), login}, {QStringLiteral(":group"), group}});
            if (!rows)
                return rows.error();
            while (rows->next())
                revoke << rows->text(0);
        }
        for (const QString &old : std::as_const(revoke)) {
            // Both names come from the catalogue: old is one of the three, quoted by quote_ident.
            if (const Status s = m_db.execute(QStringLiteral("REVOKE %1 FROM %2").arg(old, quoted)); !s)
                return s;
        }
        return m_db.execute(QStringLiteral("GRANT %1 TO %2").arg(group, quoted));
    });
}
