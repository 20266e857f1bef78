#include "core/capture/CaptureInstaller.h"

#include "core/audit/AuditLog.h"
#include "core/audit/CapturedChanges.h"
#include "core/capture/LoggedRollups.h"
#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QStringList &capturedTables()
{
    static const QStringList tables{QStringLiteral("UserXP"), QStringLiteral("UserProfile")};
    return tables;
}

// The same lock as roles install: installs, removals and role grants never interleave.
QString installLock()
{
    return QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(AdvisoryLocks::Installs);
}

} // namespace

QString CaptureInstaller::triggerName()
{
    return QStringLiteral("xpadmin_capture");
}

QStringList CaptureInstaller::installStatements(const TableNames &tables)
{
    const QString table = CapturedChanges::table();
    const QString function = CapturedChanges::function();
    QStringList sql;
    // Everything the trigger knows at the moment of the change, as cheaply as it can be kept: a
    // "UserXP" row as its JSON text (turned into a snapshot only when sealed), a "UserProfile" row
    // as its user and two totals. No index: sealing takes the whole table, in id order. Its pages
    // go back when a vacuum finds them empty after a seal (PostgreSQL's default): every seal
    // reads every page, and the pages a burst of records left would cost each seal after it;
    // keeping them for the next records saved the web app little (docs/capture.md).
    sql << QStringLiteral("CREATE TABLE %1 (\n"
                          "  id bigint GENERATED ALWAYS AS IDENTITY,\n"
                          "  at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
                          "  txid bigint NOT NULL DEFAULT txid_current(),\n"
                          "  role text NOT NULL,\n"
                          "  application text NOT NULL DEFAULT current_setting('application_name'),\n"
                          "  client text NOT NULL DEFAULT COALESCE(host(inet_client_addr()), 'local'),\n"
                          "  table_name text NOT NULL,\n"
                          "  operation text NOT NULL,\n"
                          "  user_id text,\n"
                          "  old_row text,\n"
                          "  new_row text,\n"
                          "  total_before integer,\n"
                          "  total_after integer)")
               .arg(table);
    // SECURITY DEFINER: the records are written with the installer's rights, so no other role may
    // write (or forge) one, and a role's privileges never decide whether its change is recorded.
    // The role recorded is the invoker's: its SET ROLE, else its login. Every name is qualified
    // and every operator spelt OPERATOR(pg_catalog.=): the function runs with the caller's
    // search_path, which must not be able to put its own operator in. Capture never fails the web
    // app's write for capture's own sake: without the table the change is made, a WARNING says why
    // it was not recorded, and verify shows the change. Checked up front rather than caught with
    // EXCEPTION, a subtransaction for every row. XP Admin's own transactions are left alone.
    sql << QStringLiteral(
               "CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$\n"
               "DECLARE\n"
               "  acting pg_catalog.text;\n"
               "BEGIN\n"
               "  IF pg_catalog.current_setting('xpadmin.writer', true) OPERATOR(pg_catalog.=) 'on' THEN\n"
               "    RETURN NULL;\n"
               "  END IF;\n"
               "  IF pg_catalog.to_regclass('%2') IS NULL THEN\n"
               "    RAISE WARNING 'XP Admin capture could not record this % of %: %2 is gone', TG_OP, "
               "TG_TABLE_NAME\n"
               "      USING HINT = 'The change itself was made. xpadmin-cli verify shows it; xpadmin-cli capture "
               "status tells whether capture is installed.';\n"
               "    RETURN NULL;\n"
               "  END IF;\n"
               "  acting := pg_catalog.current_setting('role');\n"
               "  IF acting OPERATOR(pg_catalog.=) 'none' THEN\n"
               "    acting := session_user;\n"
               "  END IF;\n"
               "  IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'UserProfile' THEN\n"
               "    INSERT INTO %2 (role, table_name, operation, user_id, total_before, total_after)\n"
               "      VALUES (acting, TG_TABLE_NAME, TG_OP, COALESCE(NEW.\"userId\", OLD.\"userId\"), "
               "OLD.\"totalXP\", NEW.\"totalXP\");\n"
               "  ELSE\n"
               "    INSERT INTO %2 (role, table_name, operation, user_id, old_row, new_row)\n"
               "      VALUES (acting, TG_TABLE_NAME, TG_OP, COALESCE(NEW.\"userId\", OLD.\"userId\"), "
               "pg_catalog.row_to_json(OLD)::pg_catalog.text, pg_catalog.row_to_json(NEW)::pg_catalog.text);\n"
               "  END IF;\n"
               "  RETURN NULL;\n"
               "END\n$$")
               .arg(function, table);
    for (const QString &name : capturedTables())
        sql << tables.qualify(QStringLiteral("CREATE TRIGGER %1 AFTER INSERT OR UPDATE OR DELETE ON \"%2\" FOR EACH "
                                             "ROW EXECUTE FUNCTION %3()")
                                  .arg(triggerName(), name, function));
    // Only the trigger function writes records; XP Admin's roles read them, and support and admin
    // delete what they seal.
    sql << QStringLiteral("REVOKE ALL ON TABLE %1 FROM PUBLIC").arg(table)
        << QStringLiteral("REVOKE ALL ON FUNCTION %1() FROM PUBLIC").arg(function);
    sql << QStringLiteral("DO $$\nBEGIN\n"
                          "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xpadmin_auditor') THEN\n"
                          "    GRANT SELECT ON TABLE %1 TO xpadmin_auditor;\n"
                          "  END IF;\n"
                          "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xpadmin_support') THEN\n"
                          "    GRANT SELECT, DELETE ON TABLE %1 TO xpadmin_support;\n"
                          "  END IF;\n"
                          "END\n$$")
               .arg(table);
    // The charts' rollups, kept from the log and these records (filled after the install commits).
    sql << LoggedRollups::createStatements();
    return sql;
}

Status CaptureInstaller::checkPostgres() const
{
    if (!m_db.dialect().isPostgres())
        return Error::input(tr("Capture records changes made outside XP Admin with PostgreSQL triggers; an SQLite "
                               "ledger is a local file that only XP Admin writes, so there is nothing to capture"));
    return {};
}

Status CaptureInstaller::checkOwner()
{
    auto rows = m_db.run(
        QStringLiteral(
            "SELECT r.rolsuper, COALESCE((SELECT string_agg(n.nspname || '.' || c.relname, ', ' ORDER BY c.relname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relname IN "
            "('UserXP', 'UserProfile') AND NOT pg_has_role(current_user, c.relowner, 'USAGE')), ''), "
            "COALESCE((SELECT NOT pg_has_role(current_user, n.nspowner, 'USAGE') FROM pg_namespace n WHERE n.nspname "
            "= 'xpadmin'), true) FROM pg_roles r WHERE r.rolname = current_user"),
        {{QStringLiteral(":schema"), m_db.dialect().tables().schema()}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return Error::database(tr("The database does not know the connected role %1").arg(m_db.actor()));
    if (rows->value(0).toBool())
        return {};
    if (const QString notOwned = rows->text(1); !notOwned.isEmpty())
        return Error::permission(tr("Permission denied: capture puts triggers on the web app's tables, which only "
                                    "their owner or a superuser may do; %1 does not own %2. Nothing was changed.")
                                     .arg(m_db.actor(), notOwned));
    if (rows->value(2).toBool())
        return Error::permission(tr("Permission denied: capture creates its table in the schema xpadmin, which %1 "
                                    "does not own. Nothing was changed.")
                                     .arg(m_db.actor()));
    return {};
}

Result<bool> CaptureInstaller::isInstalled()
{
    auto rows = m_db.run(QStringLiteral("SELECT to_regclass('%1') IS NOT NULL").arg(CapturedChanges::table()));
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

Result<bool> CaptureInstaller::keepsEmptyPages()
{
    auto rows = m_db.run(QStringLiteral("SELECT COALESCE('vacuum_truncate=false' = ANY (reloptions), false) "
                                        "FROM pg_class WHERE oid = to_regclass('%1')")
                             .arg(CapturedChanges::table()));
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

Status CaptureInstaller::install(bool *rollupsOnly, bool *pagesGivenBack)
{
    if (const Status s = checkPostgres(); !s)
        return s;
    if (const Status s = m_db.requireWritable(); !s)
        return s;
    if (const Status s = checkOwner(); !s)
        return s;
    bool buildRollups = true;
    const Status installed = m_db.writeTransaction([&]() -> Status {
        // From the start on each attempt (a transaction may be tried again).
        buildRollups = true;
        if (rollupsOnly)
            *rollupsOnly = false;
        if (pagesGivenBack)
            *pagesGivenBack = false;
        if (auto lock = m_db.run(installLock()); !lock)
            return lock.error();
        auto installed = isInstalled();
        if (!installed)
            return installed.error();
        if (*installed) {
            // Installed by an XP Admin whose table of records kept its empty pages: gives them
            // back from now on.
            auto keeps = keepsEmptyPages();
            if (!keeps)
                return keeps.error();
            if (*keeps) {
                if (const Status s = m_db.execute(
                        QStringLiteral("ALTER TABLE %1 RESET (vacuum_truncate)").arg(CapturedChanges::table()));
                    !s)
                    return s;
                if (pagesGivenBack)
                    *pagesGivenBack = true;
            }
            // Installed by an XP Admin before the charts' rollups came with capture: adds them;
            // before their index for the top users or the gains: builds them again, with them.
            auto rollups = LoggedRollups::state(m_db);
            if (!rollups)
                return rollups.error();
            if (rollups->builtAt.isValid() && rollups->usersIndex && rollups->gains) {
                if (*keeps) {
                    buildRollups = false;
                    return {};
                }
                return Error::input(tr("Capture is installed already: xpadmin-cli capture status tells since when"));
            }
            const QStringList create = !rollups->present ? LoggedRollups::createStatements()
                : !rollups->gains                        ? LoggedRollups::createGainStatements()
                                                         : QStringList();
            for (const QString &sql : create) {
                if (const Status s = m_db.execute(sql); !s)
                    return s;
            }
            if (rollupsOnly)
                *rollupsOnly = true;
            return {};
        }
        for (const QString &sql : installStatements(m_db.dialect().tables())) {
            if (const Status s = m_db.execute(sql); !s)
                return s;
        }
        AuditEvent event;
        event.action = QStringLiteral("capture-install");
        event.operationId = Cuid::generate();
        JsonText snapshot;
        snapshot.add(QLatin1StringView("schema"), m_db.dialect().tables().schema())
            .add(QLatin1StringView("tables"), capturedTables().join(QStringLiteral(", ")));
        event.snapshot = snapshot.text();
        return AuditLog(m_db).append({event});
    });
    if (!installed || !buildRollups)
        return installed;
    // The rollups from the rows, in a transaction of their own: the install's holds the web app's
    // writes off until it commits (its triggers), the build of the rollups must not.
    return m_db.writeTransaction([this] { return LoggedRollups::build(m_db); });
}

Status CaptureInstaller::remove()
{
    if (const Status s = checkPostgres(); !s)
        return s;
    if (const Status s = m_db.requireWritable(); !s)
        return s;
    if (const Status s = checkOwner(); !s)
        return s;
    return m_db.writeTransaction([this]() -> Status {
        if (auto lock = m_db.run(installLock()); !lock)
            return lock.error();
        auto installed = isInstalled();
        if (!installed)
            return installed.error();
        if (!*installed)
            return Error::input(tr("Capture is not installed: there is nothing to remove"));
        // The triggers go first: dropping them waits for the web app's writes in flight, so
        // every change recorded is committed before the records are sealed.
        for (const QString &name : capturedTables()) {
            const QString sql = m_db.dialect().tables().qualify(
                QStringLiteral("DROP TRIGGER IF EXISTS %1 ON \"%2\"").arg(triggerName(), name));
            if (const Status s = m_db.execute(sql); !s)
                return s;
        }
        // Installs before the trigger function wrote with the installer's rights gave PUBLIC the
        // schema's USAGE; remove takes back what such an install gave.
        auto granted = m_db.run(QStringLiteral("SELECT snapshot FROM %1 WHERE action = 'capture-install' ORDER BY "
                                               "seq DESC LIMIT 1")
                                    .arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))));
        if (!granted)
            return granted.error();
        const bool revokeUsage = granted->next()
            && QJsonDocument::fromJson(granted->text(0).toUtf8())
                   .object()
                   .value(QStringLiteral("grantedSchemaUsage"))
                   .toBool();
        AuditEvent event;
        event.action = QStringLiteral("capture-remove");
        event.operationId = Cuid::generate();
        JsonText snapshot;
        snapshot.add(QLatin1StringView("schema"), m_db.dialect().tables().schema())
            .add(QLatin1StringView("tables"), capturedTables().join(QStringLiteral(", ")));
        event.snapshot = snapshot.text();
        // tail() seals what is pending, then this event follows it.
        if (const Status s = AuditLog(m_db).append({event}); !s)
            return s;
        QStringList drop{QStringLiteral("DROP TABLE %1").arg(CapturedChanges::table()),
                         QStringLiteral("DROP FUNCTION %1()").arg(CapturedChanges::function())};
        drop << LoggedRollups::dropStatements();
        if (revokeUsage)
            drop << QStringLiteral("REVOKE USAGE ON SCHEMA xpadmin FROM PUBLIC");
        for (const QString &sql : std::as_const(drop)) {
            if (const Status s = m_db.execute(sql); !s)
                return s;
        }
        return {};
    });
}

Result<CaptureStatus> CaptureInstaller::status()
{
    if (const Status s = checkPostgres(); !s)
        return s.error();
    CaptureStatus result;
    const Status status = m_db.readTransaction([&]() -> Status {
        auto rows = m_db.run(
            QStringLiteral("SELECT %1, COALESCE((SELECT string_agg(c.relname, ', ' ORDER BY c.relname DESC) FROM "
                           "pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = "
                           "c.relnamespace WHERE t.tgname = :trigger AND n.nspname = :schema), '')")
                .arg(CapturedChanges::stateExpression()),
            {{QStringLiteral(":trigger"), triggerName()},
             {QStringLiteral(":schema"), m_db.dialect().tables().schema()}});
        if (!rows)
            return rows.error();
        if (!rows->next())
            return {};
        const qint64 state = rows->integer(0);
        result.installed = state != 0;
        result.maySeal = state == 2;
        if (const QString tables = rows->text(1); !tables.isEmpty())
            result.tables = tables.split(QStringLiteral(", "));
        if (!result.installed)
            return {};
        auto privilege
            = m_db.run(QStringLiteral("SELECT has_table_privilege('%1', 'SELECT')").arg(CapturedChanges::table()));
        if (!privilege)
            return privilege.error();
        if (privilege->next() && privilege->value(0).toBool()) {
            auto pending = m_db.run(QStringLiteral("SELECT count(*) FROM %1").arg(CapturedChanges::table()));
            if (!pending)
                return pending.error();
            if (pending->next())
                result.pending = pending->integer(0);
        }
        auto since = m_db.run(QStringLiteral("SELECT at, actor, operator FROM %1 WHERE action = 'capture-install' "
                                             "ORDER BY seq DESC LIMIT 1")
                                  .arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))));
        if (!since)
            return since.error();
        if (since->next()) {
            result.since = m_db.dialect().readTimestamp(since->value(0));
            result.installedBy = since->text(2).trimmed().isEmpty() ? since->text(1) : since->text(2);
        }
        auto rollups = LoggedRollups::state(m_db);
        if (!rollups)
            return rollups.error();
        result.rollupsBuilt = rollups->builtAt;
        result.rollupsBehind = rollups->eventsBehind;
        result.rollupsComplete = rollups->usersIndex && rollups->gains;
        auto keeps = keepsEmptyPages();
        if (!keeps)
            return keeps.error();
        result.keepsEmptyPages = *keeps;
        return {};
    });
    if (!status)
        return status.error();
    return result;
}
