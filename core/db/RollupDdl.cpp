#include "core/db/RollupDdl.h"

#include "core/db/Database.h"
#include "core/db/Dialect.h"

namespace {

const QStringList &triggerNames()
{
    static const QStringList names{QStringLiteral("xpadmin_rollup_insert"), QStringLiteral("xpadmin_rollup_delete"),
                                   QStringLiteral("xpadmin_rollup_update")};
    return names;
}

// The columns whose change moves a row to another key, or changes its XP.
QString keyColumns()
{
    return QStringLiteral("\"userId\", \"amount\", \"sourceType\", \"category\", \"createdAt\"");
}

// SQLite: one row's upserts, added (sign "") or taken away (sign "-"), from NEW or OLD.
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
               "n = n + excluded.n;\n"
               "INSERT INTO %6 (user_id, period, xp, n, gain) VALUES (%3.\"userId\", substr(%3.\"createdAt\", 1, "
               "7), %4, %5, %7max(%3.\"amount\", 0)), (%3.\"userId\", substr(%3.\"createdAt\", 1, 4), %4, %5, "
               "%7max(%3.\"amount\", 0)) ON CONFLICT (user_id, period) DO UPDATE SET xp = xp + excluded.xp, n = n + "
               "excluded.n, gain = gain + excluded.gain;\n")
        .arg(RollupDdl::hourTable(d), RollupDdl::dayTable(d), row, amount, one, RollupDdl::gainTable(d), sign);
}

QStringList sqliteTriggers(const Dialect &d)
{
    QStringList sql;
    for (const QString &name : triggerNames())
        sql << QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(name);
    sql << RollupDdl::insertTrigger(d)
        << QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON \"UserXP\" BEGIN\n%2END")
               .arg(triggerNames().at(1), sqliteUpserts(d, QStringLiteral("OLD"), QStringLiteral("-")))
        << QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE OF %2 ON \"UserXP\" BEGIN\n%3%4END")
               .arg(triggerNames().at(2), keyColumns(), sqliteUpserts(d, QStringLiteral("OLD"), QStringLiteral("-")),
                    sqliteUpserts(d, QStringLiteral("NEW"), QString()));
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

QString gainTable(const Dialect &d)
{
    return d.ownTable(QStringLiteral("xp_rollup_gain"));
}

QString gainIndex()
{
    return QStringLiteral("xpadmin_xp_rollup_gain_order");
}

QStringList tables(const Dialect &d)
{
    // Clustered on the key, which every read takes a range of.
    return {// Keyed by category and source type first: each chart figure is a range of hours of one.
            QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (category TEXT NOT NULL, source_type TEXT NOT NULL, hour "
                           "TEXT NOT NULL, xp INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (category, "
                           "source_type, hour)) WITHOUT ROWID")
                .arg(hourTable(d)),
            // Keyed by day first: the leaderboard of a range is a range of days.
            QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (day TEXT NOT NULL, user_id TEXT NOT NULL, category TEXT "
                           "NOT NULL, source_type TEXT NOT NULL, xp INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY "
                           "KEY (day, user_id, category, source_type)) WITHOUT ROWID")
                .arg(dayTable(d)),
            // Keyed by user first: a user's periods are one range. The index gives each period's
            // users in the order of what they gained.
            QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (user_id TEXT NOT NULL, period TEXT NOT NULL, xp INTEGER "
                           "NOT NULL, n INTEGER NOT NULL, gain INTEGER NOT NULL, PRIMARY KEY (user_id, period)) "
                           "WITHOUT ROWID")
                .arg(gainTable(d)),
            QStringLiteral("CREATE INDEX IF NOT EXISTS %1 ON %2 (period, gain)").arg(gainIndex(), gainTable(d))};
}

QString addGainSums(const Dialect &d, const QString &condition)
{
    // Each row into its month and its year.
    return QStringLiteral(
               "WITH r AS (SELECT \"userId\" AS user_id, \"createdAt\" AS at, \"amount\" AS xp, "
               "max(\"amount\", 0) AS gain FROM \"UserXP\" WHERE %2) INSERT INTO %1 (user_id, period, xp, "
               "n, gain) SELECT user_id, period, SUM(xp), count(*), SUM(gain) FROM (SELECT user_id, "
               "substr(at, 1, 7) AS period, xp, gain FROM r UNION ALL SELECT user_id, substr(at, 1, 4), xp, "
               "gain FROM r) GROUP BY 1, 2 ORDER BY 1, 2 ON CONFLICT (user_id, period) DO UPDATE SET xp = xp "
               "+ excluded.xp, n = n + excluded.n, gain = gain + excluded.gain")
        .arg(gainTable(d), condition.isEmpty() ? QStringLiteral("true") : condition);
}

QStringList addSums(const Dialect &d, const QString &condition)
{
    const QString where = condition.isEmpty() ? QStringLiteral("true") : condition;
    // In key order, so that each rollup's b-tree is walked once; "WHERE" before "ON CONFLICT"
    // is what SQLite's grammar needs to tell the upsert from a join.
    return {QStringLiteral("INSERT INTO %1 (category, source_type, hour, xp, n) SELECT \"category\", \"sourceType\", "
                           "substr(\"createdAt\", 1, 13), SUM(\"amount\"), count(*) FROM \"UserXP\" WHERE %2 GROUP "
                           "BY 1, 2, 3 ORDER BY 1, 2, 3 ON CONFLICT (category, source_type, hour) DO UPDATE SET xp = "
                           "xp + excluded.xp, n = n + excluded.n")
                .arg(hourTable(d), where),
            QStringLiteral("INSERT INTO %1 (day, user_id, category, source_type, xp, n) SELECT substr(\"createdAt\", "
                           "1, 10), \"userId\", \"category\", \"sourceType\", SUM(\"amount\"), count(*) FROM "
                           "\"UserXP\" WHERE %2 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (day, user_id, "
                           "category, source_type) DO UPDATE SET xp = xp + excluded.xp, n = n + excluded.n")
                .arg(dayTable(d), where),
            addGainSums(d, condition)};
}

QString insertTriggerName()
{
    return triggerNames().at(0);
}

QString insertTrigger(const Dialect &d)
{
    return QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON \"UserXP\" BEGIN\n%2END")
        .arg(insertTriggerName(), sqliteUpserts(d, QStringLiteral("NEW"), QString()));
}

Status rebuild(Database &db)
{
    const Dialect &d = db.dialect();
    const QStringList sql = QStringList{QStringLiteral("DELETE FROM %1").arg(hourTable(d)),
                                        QStringLiteral("DELETE FROM %1").arg(dayTable(d)),
                                        QStringLiteral("DELETE FROM %1").arg(gainTable(d))}
        + addSums(d, QString());
    for (const QString &statement : sql) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    return {};
}

Status install(Database &db)
{
    for (const QString &statement : sqliteTriggers(db.dialect())) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    return rebuild(db);
}

Status migrate(Database &db, int fromVersion)
{
    if (db.dialect().isPostgres())
        return {}; // see the header: no triggers on the web app's table for the charts
    const Dialect &d = db.dialect();
    for (const QString &statement : tables(d)) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    if (fromVersion < 8)
        return install(db);
    // Version 8 had the hourly and daily rollups: the triggers again, now with the gains, and the
    // gains from the rows.
    const QStringList sql = sqliteTriggers(d) + QStringList{addGainSums(d, QString())};
    for (const QString &statement : sql) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    return {};
}

Status removeTriggers(Database &db)
{
    if (db.dialect().isPostgres())
        return {};
    for (const QString &name : triggerNames()) {
        if (const Status s = db.execute(QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(name)); !s)
            return s;
    }
    return {};
}

Result<bool> isKept(Database &db)
{
    if (db.dialect().isPostgres())
        return false;
    auto rows = db.run(QStringLiteral("SELECT count(*) = 3 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                                      "'UserXP' AND name IN ('%1', '%2', '%3')")
                           .arg(triggerNames().at(0), triggerNames().at(1), triggerNames().at(2)));
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

QString stateTable()
{
    return QStringLiteral("xpadmin.xp_rollup_state");
}

QString postgresGrants()
{
    // Auditors read them; support (and so admin) also folds the log into them. The gains only
    // where they were made (capture installed before them has none until installed again).
    const Dialect postgres(ConnectionSpec::Backend::Postgres);
    const QString grants
        = QStringLiteral("  IF to_regclass('%1') IS NOT NULL THEN\n"
                         "    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xpadmin_auditor') THEN\n"
                         "      GRANT SELECT ON TABLE %2 TO xpadmin_auditor;\n"
                         "    END IF;\n"
                         "    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xpadmin_support') THEN\n"
                         "      GRANT SELECT, INSERT, UPDATE ON TABLE %2 TO xpadmin_support;\n"
                         "    END IF;\n"
                         "  END IF;\n");
    const QString tables
        = QStringList{hourTable(postgres), dayTable(postgres), stateTable()}.join(QStringLiteral(", "));
    return QStringLiteral("DO $$\nBEGIN\n%1%2END\n$$")
        .arg(grants.arg(stateTable(), tables), grants.arg(gainTable(postgres), gainTable(postgres)));
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
