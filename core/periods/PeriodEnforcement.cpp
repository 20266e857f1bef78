#include "core/periods/PeriodEnforcement.h"

#include "core/db/Database.h"

QStringList PeriodEnforcement::statements(const TableNames &tables)
{
    QStringList sql;
    // SECURITY INVOKER: it runs only for XP Admin's roles, which may read xpadmin.period. Its own
    // search_path, so that a session's cannot lend its comparisons another operator and let a row by.
    sql << QStringLiteral(
        "CREATE OR REPLACE FUNCTION xpadmin.period_closed_guard() RETURNS trigger LANGUAGE plpgsql SET search_path "
        "= pg_catalog AS $$\n"
        "DECLARE\n"
        "  closed record;\n"
        "  row_id text;\n"
        "  dated timestamp(3);\n"
        "BEGIN\n"
        // Only a close or reopen its audit event records counts: a row written into xpadmin.period by
        // hand (an admin may insert there) reopens nothing.
        "  SELECT p.until_day, p.boundary, p.actor, p.at INTO closed FROM xpadmin.period p JOIN xpadmin.audit_event e "
        "ON e.seq = p.audit_seq WHERE e.action IN ('period-close', 'period-reopen') AND e.snapshot::jsonb ->> "
        "'periodId' = p.id::text AND e.snapshot::jsonb ->> 'until' = p.until_day ORDER BY p.id DESC LIMIT 1;\n"
        "  IF FOUND THEN\n"
        "    IF TG_OP <> 'INSERT' AND OLD.\"createdAt\" <= closed.boundary THEN\n"
        "      row_id := OLD.id;\n"
        "      dated := OLD.\"createdAt\";\n"
        "    ELSIF TG_OP <> 'DELETE' AND NEW.\"createdAt\" <= closed.boundary THEN\n"
        "      row_id := NEW.id;\n"
        "      dated := NEW.\"createdAt\";\n"
        "    END IF;\n"
        "    IF row_id IS NOT NULL THEN\n"
        "      RAISE EXCEPTION 'XP Admin refuses this % of the UserXP row % (created % UTC): it is in the period "
        "closed up to % by % on % UTC; an admin may reopen it', TG_OP, row_id, dated, closed.until_day, "
        "closed.actor, to_char(closed.at, 'YYYY-MM-DD HH24:MI')\n"
        "        USING ERRCODE = 'insufficient_privilege',\n"
        "              HINT = 'xpadmin-cli period list shows the closes; xpadmin-cli period reopen moves the "
        "boundary back.';\n"
        "    END IF;\n"
        "  END IF;\n"
        "  IF TG_OP = 'DELETE' THEN\n"
        "    RETURN OLD;\n"
        "  END IF;\n"
        "  RETURN NEW;\n"
        "END\n$$")
        << QStringLiteral("DROP TRIGGER IF EXISTS %1 ON \"UserXP\"").arg(triggerName())
        // Superusers are members of every role: the web app running as one is left alone.
        << QStringLiteral("CREATE TRIGGER %1 BEFORE INSERT OR UPDATE OR DELETE ON \"UserXP\" FOR EACH ROW WHEN "
                          "(pg_catalog.pg_has_role(current_user, 'xpadmin_auditor', 'MEMBER') AND "
                          "pg_catalog.current_setting('is_superuser') = 'off') EXECUTE FUNCTION "
                          "xpadmin.period_closed_guard()")
               .arg(triggerName());
    for (QString &statement : sql)
        statement = tables.qualify(statement);
    return sql;
}

Result<bool> PeriodEnforcement::isInstalled()
{
    auto rows = m_db.run(
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = "
                       "t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.tgname = "
                       ":name AND c.relname = 'UserXP' AND n.nspname = :schema)"),
        {{QStringLiteral(":name"), triggerName()}, {QStringLiteral(":schema"), m_db.dialect().tables().schema()}});
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

Status PeriodEnforcement::ensure()
{
    if (!m_db.dialect().isPostgres())
        return {};
    auto installed = isInstalled();
    if (!installed)
        return installed.error();
    if (*installed)
        return {};
    auto rows = m_db.run(
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xpadmin_auditor'), "
                       "(SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c JOIN pg_namespace n ON "
                       "n.oid = c.relnamespace WHERE c.relname = 'UserXP' AND n.nspname = :schema)"),
        {{QStringLiteral(":schema"), m_db.dialect().tables().schema()}});
    if (!rows)
        return rows.error();
    if (!rows->next() || !rows->value(0).toBool())
        return {}; // no XP Admin roles on this server: only owners write, and XP Admin checks itself
    if (!rows->value(1).toBool())
        return Error::permission(tr("Refused: this database does not yet enforce closed periods for XP Admin's roles, "
                                    "and %1 may not create the trigger that does (only the owner of \"UserXP\" may). "
                                    "The owner runs `xpadmin-cli roles install` once; then an admin may close "
                                    "periods. Nothing was changed.")
                                     .arg(m_db.actor()));
    for (const QString &sql : statements(m_db.dialect().tables())) {
        if (const Status s = m_db.execute(sql); !s)
            return s;
    }
    return {};
}
