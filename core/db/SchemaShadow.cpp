#include "core/db/SchemaShadow.h"

#include "core/db/Database.h"
#include "core/db/Schema.h"

#include <QStringList>

namespace SchemaShadow {

Status install(Database &db)
{
    if (db.dialect().isPostgres())
        return {};
    auto meta = db.run(QStringLiteral("SELECT count(*) FROM main.sqlite_master WHERE name = 'xpadmin_meta'"));
    if (!meta)
        return meta.error();
    if (!meta->next() || meta->integer(0) == 0)
        return {}; // not XP Admin's ledger, or not one yet
    auto rows = db.run(QStringLiteral("SELECT value FROM main.xpadmin_meta WHERE key = 'schema_version'"));
    if (!rows)
        return rows.error();
    const int version = rows->next() ? rows->text(0).toInt() : 0;
    if (version <= 0 || version >= Schema::CurrentVersion)
        return {};
    // The columns reads name, as the migrations of core/db/Schema.cpp create them.
    QStringList statements;
    QStringList pendingColumns;
    if (version < 3)
        statements << QStringLiteral(
            "CREATE TEMP TABLE IF NOT EXISTS xpadmin_import_batch (id TEXT PRIMARY KEY, kind TEXT, "
            "file_name TEXT, file_sha256 TEXT, rows_written INTEGER, users INTEGER, "
            "total_before INTEGER, total_after INTEGER, actor TEXT, operator TEXT, at TEXT)");
    if (version < 4) // no approvals yet: the requests' table with every column later versions read
        statements << QStringLiteral(
            "CREATE TEMP TABLE IF NOT EXISTS xpadmin_pending_adjustment (id TEXT PRIMARY KEY, user_id "
            "TEXT, amount INTEGER, source_type TEXT, source_id TEXT, category TEXT, "
            "description TEXT, reason TEXT, requested_by TEXT, requested_operator TEXT, "
            "requested_at TEXT, state TEXT, decided_by TEXT, decided_operator TEXT, "
            "decided_at TEXT, decision_reason TEXT, xp_id TEXT, reason_code TEXT, ticket "
            "TEXT, held_for TEXT)");
    if (version < 5) {
        statements
            << QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS xpadmin_reason_code (code TEXT PRIMARY KEY, label TEXT, "
                              "ticket_required INTEGER, created_at TEXT, created_by TEXT, retired_at TEXT)")
            << QStringLiteral(
                   "CREATE TEMP TABLE IF NOT EXISTS xpadmin_reason_setting (key TEXT PRIMARY KEY, value TEXT)")
            << QStringLiteral(
                   "CREATE TEMP TABLE IF NOT EXISTS xpadmin_xp_reason (xp_id TEXT PRIMARY KEY, reason_code TEXT, "
                   "ticket TEXT)");
        if (version >= 4)
            pendingColumns << QStringLiteral("NULL AS reason_code") << QStringLiteral("NULL AS ticket");
    }
    if (version < 6)
        statements
            << QStringLiteral(
                   "CREATE TEMP TABLE IF NOT EXISTS xpadmin_period (id INTEGER PRIMARY KEY, kind TEXT, until_day "
                   "TEXT, boundary TEXT, actor TEXT, operator TEXT, at TEXT, reason TEXT, users "
                   "INTEGER, total_sum INTEGER, digest TEXT, audit_seq INTEGER)")
            << QStringLiteral(
                   "CREATE TEMP TABLE IF NOT EXISTS xpadmin_period_total (period_id INTEGER, user_id TEXT, total "
                   "INTEGER, PRIMARY KEY (period_id, user_id))");
    if (version < 7) {
        statements << QStringLiteral(
            "CREATE TEMP TABLE IF NOT EXISTS xpadmin_adjust_limit (scope TEXT, subject TEXT, per_change "
            "INTEGER, per_day INTEGER, set_by TEXT, set_operator TEXT, set_at TEXT, "
            "PRIMARY KEY (scope, subject))");
        // Every request of such a ledger was held by the threshold: limits came with version 7.
        if (version >= 4)
            pendingColumns << QStringLiteral("'threshold' AS held_for");
    }
    if (!pendingColumns.isEmpty())
        statements << QStringLiteral("CREATE TEMP VIEW IF NOT EXISTS xpadmin_pending_adjustment AS SELECT *, %1 FROM "
                                     "main.xpadmin_pending_adjustment")
                          .arg(pendingColumns.join(QStringLiteral(", ")));
    for (const QString &sql : std::as_const(statements)) {
        if (const Status status = db.execute(sql); !status)
            return status;
    }
    return {};
}

} // namespace SchemaShadow
