#include "core/db/RollupDdl.h"

#include "core/db/Database.h"

namespace {

const QStringList &triggerNames()
{
    static const QStringList names{QStringLiteral("xpadmin_rollup_insert"), QStringLiteral("xpadmin_rollup_delete"),
                                   QStringLiteral("xpadmin_rollup_update")};
    return names;
}

QString function()
{
    return QStringLiteral("xpadmin.xp_rollup_change");
}

// The columns whose change moves a row to another key, or changes its XP.
QString keyColumns()
{
    return QStringLiteral("\"userId\", \"amount\", \"sourceType\", \"category\", \"createdAt\"");
}

// SQLite: one row's two upserts, added (sign "") or taken away (sign "-"), from NEW or OLD.
QString sqliteUpserts(const Dialect &d, const QString &row, const QString &sign)
{
    const QString amount = sign + row + QStringLiteral(".\"amount\"");
    const QString one = sign + QStringLiteral("1");
    return QStringLiteral(
               "INSERT INTO %1 (category, source_type, hour, xp, n) VALUES (%3.\"category\", "
               "%3.\"sourceType\", substr(%3.\"createdAt\", 1, 13), %4, %5) "
               "ON CONFLICT (category, source_type, hour) DO UPDATE SET xp = xp + excluded.xp, "
               "n = n + excluded.n;\n"
               "INSERT INTO %2 (day, user_id, category, source_type, xp, n) VALUES (substr(%3.\"createdAt\", "
               "1, 10), %3.\"userId\", %3.\"category\", %3.\"sourceType\", %4, %5) "
               "ON CONFLICT (day, user_id, category, source_type) DO UPDATE SET xp = xp + excluded.xp, "
               "n = n + excluded.n;\n")
        .arg(RollupDdl::hourTable(d), RollupDdl::dayTable(d), row, amount, one);
}

QStringList sqliteTriggers(const Dialect &d)
{
    QStringList sql;
    for (const QString &name : triggerNames())
        sql << QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(name);
    sql << QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON \"UserXP\" BEGIN\n%2END")
               .arg(triggerNames().at(0), sqliteUpserts(d, QStringLiteral("NEW"), QString()))
        << QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON \"UserXP\" BEGIN\n%2END")
               .arg(triggerNames().at(1), sqliteUpserts(d, QStringLiteral("OLD"), QStringLiteral("-")))
        << QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE OF %2 ON \"UserXP\" BEGIN\n%3%4END")
               .arg(triggerNames().at(2), keyColumns(), sqliteUpserts(d, QStringLiteral("OLD"), QStringLiteral("-")),
                    sqliteUpserts(d, QStringLiteral("NEW"), QString()));
    return sql;
}

// PostgreSQL: the rows of a statement (a transition table) summed into both rollups, with
// the sign given. Every name qualified and every operator spelt out: the function runs with the
// rights of its owner (so the web app's role needs no grant) and the caller's search_path.
QString postgresUpserts(const QString &rows, bool removed)
{
    const QString sign = removed ? QStringLiteral("OPERATOR(pg_catalog.-) ") : QString();
    return QStringLiteral(
               "    INSERT INTO xpadmin.xp_rollup_hour AS r (category, source_type, hour, xp, n)\n"
               "      SELECT t.\"category\"::pg_catalog.text, t.\"sourceType\"::pg_catalog.text, "
               "pg_catalog.to_char(t.\"createdAt\", 'YYYY-MM-DD HH24'), %2pg_catalog.sum(t.\"amount\"), "
               "%2pg_catalog.count(*) FROM %1 t GROUP BY 1, 2, 3\n"
               "      ON CONFLICT (category, source_type, hour) DO UPDATE SET xp = r.xp OPERATOR(pg_catalog.+) "
               "excluded.xp, n = r.n OPERATOR(pg_catalog.+) excluded.n;\n"
               "    INSERT INTO xpadmin.xp_rollup_day AS r (day, user_id, category, source_type, xp, n)\n"
               "      SELECT pg_catalog.to_char(t.\"createdAt\", 'YYYY-MM-DD'), t.\"userId\", "
               "t.\"category\"::pg_catalog.text, t.\"sourceType\"::pg_catalog.text, %2pg_catalog.sum(t.\"amount\"), "
               "%2pg_catalog.count(*) FROM %1 t GROUP BY 1, 2, 3, 4\n"
               "      ON CONFLICT (day, user_id, category, source_type) DO UPDATE SET xp = r.xp "
               "OPERATOR(pg_catalog.+) excluded.xp, n = r.n OPERATOR(pg_catalog.+) excluded.n;\n")
        .arg(rows, sign);
}

QStringList postgresTriggers(const Dialect &d)
{
    QStringList sql;
    // Statement triggers with transition tables: a bulk write (COPY of a million rows) is summed
    // once, not row by row.
    sql << QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$\n"
                          "BEGIN\n"
                          "  IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN\n%2"
                          "  END IF;\n"
                          "  IF TG_OP OPERATOR(pg_catalog.<>) 'DELETE' THEN\n%3"
                          "  END IF;\n"
                          "  RETURN NULL;\n"
                          "END\n$$")
               .arg(function(), postgresUpserts(QStringLiteral("removed"), true),
                    postgresUpserts(QStringLiteral("added"), false))
        << QStringLiteral("REVOKE ALL ON FUNCTION %1() FROM PUBLIC").arg(function());
    for (const QString &name : triggerNames())
        sql << d.tables().qualify(QStringLiteral("DROP TRIGGER IF EXISTS %1 ON \"UserXP\"").arg(name));
    sql << d.tables().qualify(QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON \"UserXP\" REFERENCING NEW TABLE AS "
                                             "added FOR EACH STATEMENT EXECUTE FUNCTION %2()")
                                  .arg(triggerNames().at(0), function()))
        << d.tables().qualify(QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON \"UserXP\" REFERENCING OLD TABLE AS "
                                             "removed FOR EACH STATEMENT EXECUTE FUNCTION %2()")
                                  .arg(triggerNames().at(1), function()))
        // PostgreSQL allows no column list with transition tables: every update is summed.
        << d.tables().qualify(QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE ON \"UserXP\" REFERENCING OLD TABLE AS "
                                             "removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION %2()")
                                  .arg(triggerNames().at(2), function()));
    return sql;
}

} // namespace

namespace RollupDdl {

QString hourTable(const Dialect &d)
{
    return d.ownTable(QStringLiteral("xp_rollup_hour"));
}

QString dayTable(const Dialect &d)
{
    return d.ownTable(QStringLiteral("xp_rollup_day"));
}

QStringList tables(const Dialect &d)
{
    const bool pg = d.isPostgres();
    const QString bigint = pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER");
    // SQLite: clustered on the key, which every read takes a range of.
    const QString clustered = pg ? QString() : QStringLiteral(" WITHOUT ROWID");
    QStringList sql{
        // Keyed by category and source type first: each chart figure is a range of hours of one.
        QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (category TEXT NOT NULL, source_type TEXT NOT NULL, hour TEXT "
                       "NOT NULL, xp %2 NOT NULL, n %2 NOT NULL, PRIMARY KEY (category, source_type, hour))%3")
            .arg(hourTable(d), bigint, clustered),
        // Keyed by day first: the leaderboard of a range is a range of days.
        QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (day TEXT NOT NULL, user_id TEXT NOT NULL, category TEXT NOT "
                       "NULL, source_type TEXT NOT NULL, xp %2 NOT NULL, n %2 NOT NULL, PRIMARY KEY (day, user_id, "
                       "category, source_type))%3")
            .arg(dayTable(d), bigint, clustered)};
    return sql;
}

Result<bool> mayInstall(Database &db)
{
    if (!db.dialect().isPostgres())
        return true;
    auto rows = db.run(QStringLiteral("SELECT r.rolsuper OR (pg_has_role(current_user, c.relowner, 'USAGE') AND "
                                      "has_schema_privilege('xpadmin', 'CREATE')) FROM pg_roles r, pg_class c WHERE "
                                      "r.rolname = current_user AND c.oid = to_regclass(:table)"),
                       {{QStringLiteral(":table"), db.dialect().tables().qualified(QStringLiteral("UserXP"))}});
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

Status rebuild(Database &db)
{
    // Written in key order, so that on PostgreSQL too a range of days lies on few pages.
    const Dialect &d = db.dialect();
    const bool pg = d.isPostgres();
    const QString category = pg ? QStringLiteral("\"category\"::text") : QStringLiteral("\"category\"");
    const QString sourceType = pg ? QStringLiteral("\"sourceType\"::text") : QStringLiteral("\"sourceType\"");
    const QString hour = pg ? QStringLiteral("to_char(\"createdAt\", 'YYYY-MM-DD HH24')")
                            : QStringLiteral("substr(\"createdAt\", 1, 13)");
    const QString day
        = pg ? QStringLiteral("to_char(\"createdAt\", 'YYYY-MM-DD')") : QStringLiteral("substr(\"createdAt\", 1, 10)");
    const QStringList sql{
        // PostgreSQL: new files, so that the rows are not spread over the free space of the old.
        QStringLiteral("%1 %2").arg(pg ? QStringLiteral("TRUNCATE") : QStringLiteral("DELETE FROM"), hourTable(d)),
        QStringLiteral("%1 %2").arg(pg ? QStringLiteral("TRUNCATE") : QStringLiteral("DELETE FROM"), dayTable(d)),
        QStringLiteral("INSERT INTO %1 (category, source_type, hour, xp, n) SELECT %2, %3, %4, SUM(\"amount\"), "
                       "count(*) FROM \"UserXP\" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
            .arg(hourTable(d), category, sourceType, hour),
        QStringLiteral("INSERT INTO %1 (day, user_id, category, source_type, xp, n) SELECT %2, \"userId\", %3, %4, "
                       "SUM(\"amount\"), count(*) FROM \"UserXP\" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
            .arg(dayTable(d), day, category, sourceType)};
    for (const QString &statement : sql) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    return {};
}

Status install(Database &db)
{
    const Dialect &d = db.dialect();
    // The triggers first: on PostgreSQL creating them waits for the writes in flight and holds
    // off new ones until commit, so the rebuild sees every row no trigger summed.
    for (const QString &statement : d.isPostgres() ? postgresTriggers(d) : sqliteTriggers(d)) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    return rebuild(db);
}

Status migrate(Database &db)
{
    const Dialect &d = db.dialect();
    for (const QString &statement : tables(d)) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    if (d.isPostgres()) {
        auto captured = db.run(QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(:table) "
                                              "AND tgname = 'xpadmin_capture'"),
                               {{QStringLiteral(":table"), d.tables().qualified(QStringLiteral("UserXP"))}});
        if (!captured)
            return captured.error();
        if (!captured->next() || captured->integer(0) == 0)
            return {};
        auto may = mayInstall(db);
        if (!may)
            return may.error();
        if (!*may)
            return {};
    }
    return install(db);
}

Status uninstall(Database &db)
{
    const Dialect &d = db.dialect();
    QStringList sql;
    for (const QString &name : triggerNames())
        sql << (d.isPostgres() ? d.tables().qualify(QStringLiteral("DROP TRIGGER IF EXISTS %1 ON \"UserXP\"").arg(name))
                               : QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(name));
    if (d.isPostgres())
        sql << QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(function());
    for (const QString &statement : std::as_const(sql)) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    return {};
}

Result<bool> isKept(Database &db)
{
    const Dialect &d = db.dialect();
    auto rows = d.isPostgres()
        ? db.run(QStringLiteral("SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(:table) AND "
                                "tgenabled <> 'D' AND tgname IN ('%1', '%2', '%3')) = 3 AND COALESCE("
                                "has_table_privilege(to_regclass('%4'), 'SELECT') AND "
                                "has_table_privilege(to_regclass('%5'), 'SELECT'), false)")
                     .arg(triggerNames().at(0), triggerNames().at(1), triggerNames().at(2), hourTable(d), dayTable(d)),
                 {{QStringLiteral(":table"), d.tables().qualified(QStringLiteral("UserXP"))}})
        : db.run(QStringLiteral("SELECT count(*) = 3 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                                "'UserXP' AND name IN ('%1', '%2', '%3')")
                     .arg(triggerNames().at(0), triggerNames().at(1), triggerNames().at(2)));
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

QString hourKey(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH"));
}

QString dayKey(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace RollupDdl
