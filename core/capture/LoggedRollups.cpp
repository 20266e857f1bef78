#include "core/capture/LoggedRollups.h"

#include "core/audit/CapturedChanges.h"
#include "core/audit/SnapshotSql.h"
#include "core/capture/CaptureInstaller.h"
#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/db/RollupDdl.h"
#include "core/ledger/RowReconciler.h"

namespace {

// The daily rollup's index for the top users of a range, and the gains' by period and gain, in
// the rollups' schema.
const QString UsersIndexName = QStringLiteral("xp_rollup_day_users");
const QString GainIndexName = QStringLiteral("xp_rollup_gain_order");

QString usersIndex(const Dialect &d)
{
    return d.ownTable(UsersIndexName);
}

QString gainIndex(const Dialect &d)
{
    return d.ownTable(GainIndexName);
}

// A build waits for a fold or another build; reads never wait.
QString buildLock()
{
    return QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(AdvisoryLocks::RollupFold);
}

// A fold never waits: it only makes what reads add smaller, so while another fold or a build
// holds the lock (a build takes a minute on ten million rows) the seal it rides on goes on.
QString foldLock()
{
    return QStringLiteral("SELECT pg_try_advisory_xact_lock(%1)").arg(AdvisoryLocks::RollupFold);
}

QString auditTable(const Dialect &d)
{
    return d.ownTable(QStringLiteral("audit_event"));
}

// The row events after `after` (an SQL expression), each a row added (+1) or taken away (-1),
// with the row's key columns as the snapshot keeps them.
QString eventsAfter(const Dialect &d, const QString &after)
{
    const QString row = SnapshotSql::row(d);
    const QString sign = QStringLiteral("CASE WHEN e.action IN (%1) THEN -1 ELSE 1 END")
                             .arg(RowReconciler::sqlList(RowReconciler::removingActions()));
    return QStringLiteral("SELECT %1 AS category, %2 AS source_type, %3 AS user_id, %4 AS at, %5 * CAST(%6 AS BIGINT) "
                          "AS xp, %5 AS n FROM %7 e%8 WHERE e.seq > %9 AND e.action IN (%10)")
        .arg(SnapshotSql::field(d, row, QStringLiteral("category")),
             SnapshotSql::field(d, row, QStringLiteral("sourceType")),
             SnapshotSql::field(d, row, QStringLiteral("userId")),
             SnapshotSql::timestamp(d, row, QStringLiteral("createdAt")), sign,
             SnapshotSql::field(d, row, QStringLiteral("amount")), auditTable(d), SnapshotSql::parse(d), after,
             RowReconciler::sqlList(RowReconciler::addingActions() + RowReconciler::removingActions()));
}

// Capture's records not sealed yet: the row after each insert or update counted `factor` times,
// the row before each update or delete -factor times (row_to_json of "UserXP").
QString waiting(const QString &factor)
{
    return QStringLiteral("SELECT c.o ->> 'category' AS category, c.o ->> 'sourceType' AS source_type, c.o ->> "
                          "'userId' AS user_id, CAST(c.o ->> 'createdAt' AS TIMESTAMP(3)) AS at, c.sign * CAST(c.o ->> "
                          "'amount' AS BIGINT) AS xp, c.sign AS n FROM (SELECT CAST(new_row AS json) AS o, %1 AS sign "
                          "FROM %2 WHERE table_name = 'UserXP' AND new_row IS NOT NULL UNION ALL SELECT CAST(old_row "
                          "AS json), -(%1) FROM %2 WHERE table_name = 'UserXP' AND old_row IS NOT NULL) c")
        .arg(factor, CapturedChanges::table());
}

// Whether this role may write the rollups (with the gains: gains), as a condition over existing
// tables.
QString mayWrite(const Dialect &d, bool gains)
{
    QString condition = QStringLiteral("has_table_privilege('%1', 'UPDATE')").arg(RollupDdl::stateTable());
    QStringList tables{RollupDdl::hourTable(d), RollupDdl::dayTable(d)};
    if (gains)
        tables << RollupDdl::gainTable(d);
    for (const QString &table : std::as_const(tables))
        condition += QStringLiteral(" AND has_table_privilege('%1', 'INSERT') AND has_table_privilege('%1', 'UPDATE')")
                         .arg(table);
    return condition;
}

QString watermark()
{
    return QStringLiteral("(SELECT seq FROM %1 WHERE id = 1)").arg(RollupDdl::stateTable());
}

// Statements that add the signed rows of `rows` (a CTE of the statement) to the rollups (with the
// gains: gains), in key order: a range of days is then a few neighbouring pages. A row's gain is
// its amount when positive, added to its month and its year or taken away with it.
QString addTo(const Dialect &d, const QString &rows, bool upsert, bool gains)
{
    const QString hourConflict = upsert ? QStringLiteral(" ON CONFLICT (category, source_type, hour) DO UPDATE SET xp "
                                                         "= r.xp + excluded.xp, n = r.n + excluded.n")
                                        : QString();
    const QString dayConflict = upsert ? QStringLiteral(" ON CONFLICT (day, user_id, category, source_type) DO UPDATE "
                                                        "SET xp = r.xp + excluded.xp, n = r.n + excluded.n")
                                       : QString();
    const QString gainConflict = upsert ? QStringLiteral(" ON CONFLICT (user_id, period) DO UPDATE SET xp = r.xp + "
                                                         "excluded.xp, n = r.n + excluded.n, gain = r.gain + "
                                                         "excluded.gain")
                                        : QString();
    QString sql = QStringLiteral(
                      "h AS (INSERT INTO %1 AS r (category, source_type, hour, xp, n) SELECT category, source_type, "
                      "to_char(at, 'YYYY-MM-DD HH24'), SUM(xp), SUM(n) FROM %3 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3%4), "
                      "dd AS (INSERT INTO %2 AS r (day, user_id, category, source_type, xp, n) SELECT to_char(at, "
                      "'YYYY-MM-DD'), user_id, category, source_type, SUM(xp), SUM(n) FROM %3 GROUP BY 1, 2, 3, "
                      "4 ORDER BY 1, 2, 3, 4%5)")
                      .arg(RollupDdl::hourTable(d), RollupDdl::dayTable(d), rows, hourConflict, dayConflict);
    if (gains)
        sql += QStringLiteral(", g AS (INSERT INTO %1 AS r (user_id, period, xp, n, gain) SELECT x.user_id, p.period, "
                              "SUM(x.xp), SUM(x.n), SUM(x.n * GREATEST(x.n * x.xp, 0)) FROM %2 x CROSS JOIN LATERAL "
                              "(VALUES (to_char(x.at, "
                              "'YYYY-MM')), (to_char(x.at, 'YYYY'))) p(period) GROUP BY 1, 2 ORDER BY 1, 2%3)")
                   .arg(RollupDdl::gainTable(d), rows, gainConflict);
    return sql;
}

} // namespace

namespace LoggedRollups {

QStringList createGainStatements()
{
    // Keyed by user first: a user's periods are one range (build() adds the index by period and gain).
    const Dialect postgres(ConnectionSpec::Backend::Postgres);
    const QString gains = RollupDdl::gainTable(postgres);
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (user_id text NOT NULL, period text COLLATE \"C\" NOT "
                           "NULL, xp bigint NOT NULL, n bigint NOT NULL, gain bigint NOT NULL, PRIMARY KEY (user_id, "
                           "period))")
                .arg(gains),
            QStringLiteral("REVOKE ALL ON TABLE %1 FROM PUBLIC").arg(gains), RollupDdl::postgresGrants()};
}

QStringList createStatements()
{
    const Dialect postgres(ConnectionSpec::Backend::Postgres);
    const QString hour = RollupDdl::hourTable(postgres);
    const QString day = RollupDdl::dayTable(postgres);
    // Keys compared byte by byte: the same order as SQLite's, and the cheapest comparison. Not the
    // user: it is joined to "User"."id", whose index has the database's collation.
    return QStringList{
               QStringLiteral("CREATE TABLE %1 (category text COLLATE \"C\" NOT NULL, source_type text COLLATE \"C\" "
                              "NOT NULL, hour text COLLATE \"C\" NOT NULL, xp bigint NOT NULL, n bigint NOT NULL, "
                              "PRIMARY KEY (category, source_type, hour))")
                   .arg(hour),
               QStringLiteral("CREATE TABLE %1 (day text COLLATE \"C\" NOT NULL, user_id text NOT NULL, category text "
                              "COLLATE \"C\" NOT NULL, source_type text COLLATE \"C\" NOT NULL, xp bigint NOT NULL, n "
                              "bigint NOT NULL, PRIMARY KEY (day, user_id, category, source_type))")
                   .arg(day),
               QStringLiteral("CREATE TABLE %1 (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, built_at "
                              "timestamptz NOT NULL DEFAULT now())")
                   .arg(RollupDdl::stateTable()),
               QStringLiteral("REVOKE ALL ON TABLE %1, %2, %3 FROM PUBLIC").arg(hour, day, RollupDdl::stateTable())}
    + createGainStatements();
}

QStringList dropStatements()
{
    const Dialect postgres(ConnectionSpec::Backend::Postgres);
    return {QStringLiteral("DROP TABLE IF EXISTS %1, %2, %3, %4")
                .arg(RollupDdl::hourTable(postgres), RollupDdl::dayTable(postgres), RollupDdl::gainTable(postgres),
                     RollupDdl::stateTable())};
}

QStringList buildStatements(const Dialect &d)
{
    return {
        buildLock(), QStringLiteral("DROP INDEX IF EXISTS %1, %2").arg(usersIndex(d), gainIndex(d)),
        QStringLiteral("DELETE FROM %1").arg(RollupDdl::hourTable(d)),
        QStringLiteral("DELETE FROM %1").arg(RollupDdl::dayTable(d)),
        QStringLiteral("DELETE FROM %1").arg(RollupDdl::gainTable(d)),
        // One snapshot: the rows, the records that wait (less: they come back as events after
        // W when sealed) and W. Each rollup reads the rows once.
        d.tables().qualify(
            QStringLiteral("WITH w AS (SELECT COALESCE(max(seq), 0) AS seq FROM %1), rows AS NOT MATERIALIZED (SELECT "
                           "\"category\"::text AS category, \"sourceType\"::text AS source_type, \"userId\" AS "
                           "user_id, \"createdAt\" AS at, CAST(\"amount\" AS BIGINT) AS xp, 1 AS n FROM \"UserXP\" "
                           "UNION ALL %2), %3 INSERT INTO %4 (id, seq) SELECT 1, seq FROM w ON CONFLICT (id) DO UPDATE "
                           "SET seq = excluded.seq, built_at = now()")
                .arg(auditTable(d), waiting(QStringLiteral("-1")), addTo(d, QStringLiteral("rows"), false, true),
                     RollupDdl::stateTable())),
        // Built once filled, not row by row. The top users of a range read its entries alone; the
        // users of a period in the order of their gain, with it.
        QStringLiteral("CREATE INDEX %1 ON %2 (day) INCLUDE (user_id, xp, n)")
            .arg(UsersIndexName, RollupDdl::dayTable(d)),
        QStringLiteral("CREATE INDEX %1 ON %2 (period, gain DESC) INCLUDE (user_id)")
            .arg(GainIndexName, RollupDdl::gainTable(d)),
        // The planner's figures for the new contents.
        QStringLiteral("ANALYZE %1, %2, %3")
            .arg(RollupDdl::hourTable(d), RollupDdl::dayTable(d), RollupDdl::gainTable(d))};
}

Status build(Database &db)
{
    Q_ASSERT(db.inTransaction());
    for (const QString &statement : buildStatements(db.dialect())) {
        if (const Status s = db.execute(statement); !s)
            return s;
    }
    return {};
}

Result<bool> isKept(Database &db)
{
    if (!db.dialect().isPostgres())
        return false;
    auto present = db.run(QStringLiteral("SELECT to_regclass('%1') IS NOT NULL AND to_regclass('%2') IS NOT NULL")
                              .arg(RollupDdl::stateTable(), CapturedChanges::table()));
    if (!present)
        return present.error();
    if (!present->next() || !present->value(0).toBool())
        return false;
    const Dialect &d = db.dialect();
    auto rows
        = db.run(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(format('%I.%I', "
                                "CAST(:schema AS text), 'UserXP')) AND tgname = :trigger AND tgenabled <> 'D') "
                                "AND has_table_privilege('%1', 'SELECT') AND has_table_privilege('%2', 'SELECT') "
                                "AND has_table_privilege('%3', 'SELECT') AND has_table_privilege('%4', 'SELECT') "
                                "AND has_table_privilege('%5', 'SELECT')")
                     .arg(RollupDdl::stateTable(), RollupDdl::hourTable(d), RollupDdl::dayTable(d),
                          CapturedChanges::table(), auditTable(d)),
                 {{QStringLiteral(":schema"), d.tables().schema()},
                  {QStringLiteral(":trigger"), CaptureInstaller::triggerName()}});
    if (!rows)
        return rows.error();
    if (!rows->next() || !rows->value(0).toBool())
        return false;
    auto built = db.run(QStringLiteral("SELECT count(*) FROM %1").arg(RollupDdl::stateTable()));
    if (!built)
        return built.error();
    return built->next() && built->integer(0) == 1;
}

Result<bool> readable(Database &db)
{
    return db.dialect().isPostgres() ? isKept(db) : RollupDdl::isKept(db);
}

Result<State> state(Database &db)
{
    State result;
    if (!db.dialect().isPostgres())
        return result;
    auto readable = db.run(QStringLiteral("SELECT to_regclass('%1') IS NOT NULL, CASE WHEN to_regclass('%1') IS NULL "
                                          "THEN false ELSE has_table_privilege('%1', 'SELECT') END, "
                                          "to_regclass('%2') IS NOT NULL, to_regclass('%3') IS NOT NULL")
                               .arg(RollupDdl::stateTable(), usersIndex(db.dialect()), gainIndex(db.dialect())));
    if (!readable)
        return readable.error();
    if (!readable->next())
        return result;
    result.present = readable->value(0).toBool();
    result.usersIndex = readable->value(2).toBool();
    result.gains = readable->value(3).toBool();
    if (!readable->value(1).toBool())
        return result;
    auto rows = db.run(QStringLiteral("SELECT s.built_at, (SELECT COALESCE(max(seq), 0) FROM %1) - s.seq FROM %2 s "
                                      "WHERE s.id = 1")
                           .arg(auditTable(db.dialect()), RollupDdl::stateTable()));
    if (!rows)
        return rows.error();
    if (rows->next()) {
        result.builtAt = db.dialect().readTimestamp(rows->value(0));
        result.eventsBehind = rows->integer(1);
    }
    return result;
}

Status fold(Database &db, qint64 foldAfter)
{
    Q_ASSERT(db.inTransaction());
    // Also where capture came from an XP Admin that kept no rollups: nothing to fold.
    auto current = state(db);
    if (!current)
        return current.error();
    if (!current->behindBy(foldAfter))
        return {};
    const Dialect &d = db.dialect();
    auto may = db.run(QStringLiteral("SELECT NOT pg_is_in_recovery() AND ") + mayWrite(d, current->gains));
    if (!may)
        return may.error();
    if (!may->next() || !may->value(0).toBool())
        return {};
    auto locked = db.run(foldLock());
    if (!locked)
        return locked.error();
    if (!locked->next() || !locked->value(0).toBool())
        return {};
    // Whether the gains are built, read again after the lock: a build may have made them since
    // the first look.
    auto now = state(db);
    if (!now)
        return now.error();
    // After the lock: W as the last fold left it, the events after it, and the new W, in one
    // snapshot.
    return db.execute(QStringLiteral("WITH top AS (SELECT max(seq) AS seq FROM %1 WHERE seq > %2), events AS NOT "
                                     "MATERIALIZED (%3), %4 UPDATE %5 SET seq = top.seq FROM top WHERE %5.id = 1 "
                                     "AND top.seq IS NOT NULL")
                          .arg(auditTable(d), watermark(), eventsAfter(d, watermark()),
                               addTo(d, QStringLiteral("events"), true, now->gains), RollupDdl::stateTable()));
}

Result<bool> wantsFold(Database &db, qint64 foldAfter)
{
    auto current = state(db);
    if (!current)
        return current.error();
    if (!current->behindBy(foldAfter))
        return false;
    // Grants are the same on a standby as on its primary.
    auto may = db.run(QStringLiteral("SELECT ") + mayWrite(db.dialect(), current->gains));
    if (!may)
        return may.error();
    return may->next() && may->value(0).toBool();
}

Status catchUp(Database &db, qint64 foldAfter)
{
    if (!db.dialect().isPostgres() || db.isReadOnly() || db.inTransaction())
        return {};
    // Read first: a write transaction only when there is something to fold and this role may.
    auto wanted = wantsFold(db, foldAfter);
    if (!wanted)
        return wanted.error();
    if (!*wanted)
        return {};
    return db.writeTransaction([&] { return fold(db, foldAfter); });
}

QString pending(const Dialect &d)
{
    return QStringLiteral("(%1 UNION ALL %2)").arg(eventsAfter(d, watermark()), waiting(QStringLiteral("1")));
}

} // namespace LoggedRollups
