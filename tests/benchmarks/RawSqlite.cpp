#include "tests/benchmarks/RawSqlite.h"

#include "tests/benchmarks/LegacyRows.h"
#include "tests/benchmarks/LoadRows.h"

#include <sqlite3.h>

namespace {

// Binds UTF-8 bytes that outlive the statement's step.
int bindText(sqlite3_stmt *statement, int index, const QByteArray &text)
{
    return sqlite3_bind_text(statement, index, text.constData(), int(text.size()), SQLITE_STATIC);
}

// Figure 8's row pass as plain SQL: the last row event of each id against the row, counted; the
// rows no event names, counted by difference; their first and last "createdAt" through the index.
const char *const SqliteRowsSql
    = "WITH m AS (SELECT xp_id, max(seq) AS seq FROM xpadmin_audit_event WHERE xp_id IS NOT NULL AND action IN "
      "('award', 'adjust', 'restore', 'import-legacy', 'rollback', 'delete-source') GROUP BY xp_id), "
      "l AS (SELECT m.xp_id, e.action, CASE WHEN NOT json_valid(e.snapshot) THEN '{}' WHEN json_type(e.snapshot, "
      "'$.row') = 'object' THEN json_extract(e.snapshot, '$.row') ELSE e.snapshot END AS r FROM m "
      "JOIN xpadmin_audit_event e ON e.seq = m.seq) "
      "SELECT count(*), count(x.\"id\"), COALESCE(sum(CASE WHEN l.action IN ('rollback', 'delete-source') THEN "
      "x.\"id\" IS NOT NULL ELSE x.\"id\" IS NULL OR x.\"userId\" IS NOT json_extract(l.r, '$.userId') OR "
      "CAST(x.\"amount\" AS TEXT) IS NOT CAST(json_extract(l.r, '$.amount') AS TEXT) OR x.\"sourceType\" IS NOT "
      "json_extract(l.r, '$.sourceType') OR x.\"sourceId\" IS NOT json_extract(l.r, '$.sourceId') OR "
      "x.\"description\" IS NOT json_extract(l.r, '$.description') OR x.\"category\" IS NOT json_extract(l.r, "
      "'$.category') OR strftime('%Y-%m-%dT%H:%M:%fZ', x.\"createdAt\") IS NOT json_extract(l.r, '$.createdAt') "
      "END), 0), (SELECT count(*) FROM \"UserXP\") FROM l LEFT JOIN \"UserXP\" x ON x.\"id\" = l.xp_id";
const char *const SqliteUnloggedEdgeSql
    = "SELECT x.\"createdAt\" FROM \"UserXP\" x WHERE NOT EXISTS (SELECT 1 FROM xpadmin_audit_event e WHERE "
      "e.xp_id = x.\"id\" AND e.action IN ('award', 'adjust', 'restore', 'import-legacy', 'rollback', "
      "'delete-source')) ORDER BY x.\"createdAt\" ";

} // namespace

Result<std::unique_ptr<RawSqlite>> RawSqlite::open(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return Error::database(QStringLiteral("sqlite3_open_v2 %1: %2").arg(path, message));
    }
    std::unique_ptr<RawSqlite> raw(new RawSqlite(db));
    sqlite3_busy_timeout(db, 20000);
    // As Database::configureSession sets up XP Admin's own connection.
    for (const char *pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA cache_size=-65536"}) {
        if (const Status s = raw->exec(pragma); !s)
            return s.error();
    }
    return raw;
}

RawSqlite::~RawSqlite()
{
    for (auto &[sql, statement] : m_statements)
        sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

Error RawSqlite::error(const QString &what) const
{
    return Error::database(QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Status RawSqlite::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message);
        sqlite3_free(message);
        return Error::database(QStringLiteral("%1: %2").arg(QString::fromUtf8(sql), text));
    }
    return {};
}

Result<sqlite3_stmt *> RawSqlite::statement(const QByteArray &sql)
{
    sqlite3_stmt *&slot = m_statements[sql];
    if (!slot && sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &slot, nullptr) != SQLITE_OK) {
        m_statements.erase(sql);
        return error(QString::fromUtf8(sql));
    }
    sqlite3_reset(slot);
    sqlite3_clear_bindings(slot);
    return slot;
}

Status RawSqlite::stepAll(sqlite3_stmt *statement, qint64 *rows, qint64 *bytes)
{
    const int columns = sqlite3_column_count(statement);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        if (rows)
            ++*rows;
        if (bytes) {
            // Every value read as the engine hands it out: text as UTF-8, numbers as numbers.
            for (int column = 0; column < columns; ++column) {
                if (sqlite3_column_type(statement, column) == SQLITE_INTEGER) {
                    static_cast<void>(sqlite3_column_int64(statement, column));
                    *bytes += sizeof(sqlite3_int64);
                } else if (sqlite3_column_text(statement, column)) {
                    *bytes += sqlite3_column_bytes(statement, column);
                }
            }
        }
    }
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("step"));
    return {};
}

Status RawSqlite::bulkLoad(const LoadRows &rows)
{
    if (const Status s = exec("BEGIN IMMEDIATE"); !s)
        return s;
    auto insert = statement("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                            "\"description\", \"category\", \"createdAt\", \"updatedAt\") "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    Status status = insert ? Status() : Status(insert.error());
    for (int row = 0; status && row < rows.size(); ++row) {
        sqlite3_stmt *s = *insert;
        bindText(s, 1, rows.utf8(row, LoadRows::Id));
        bindText(s, 2, rows.utf8(row, LoadRows::UserId));
        sqlite3_bind_int(s, 3, rows.amount(row));
        bindText(s, 4, rows.utf8(row, LoadRows::SourceType));
        bindText(s, 5, rows.utf8(row, LoadRows::SourceId));
        bindText(s, 6, rows.utf8(row, LoadRows::Description));
        bindText(s, 7, rows.utf8(row, LoadRows::Category));
        bindText(s, 8, rows.utf8(row, LoadRows::CreatedAt));
        if (sqlite3_step(s) != SQLITE_DONE)
            status = error(QStringLiteral("insert"));
        sqlite3_reset(s);
    }
    const Status rolledBack = exec("ROLLBACK");
    return status ? rolledBack : status;
}

Result<qint64> RawSqlite::recalculateAll(const QByteArray &now)
{
    if (const Status s = exec("BEGIN IMMEDIATE"); !s)
        return s.error();
    auto update
        = statement("UPDATE \"UserProfile\" SET \"totalXP\" = s.total, \"updatedAt\" = ?1 "
                    "FROM (SELECT \"userId\", SUM(\"amount\") AS total FROM \"UserXP\" GROUP BY \"userId\") AS s "
                    "WHERE \"UserProfile\".\"userId\" = s.\"userId\" AND \"UserProfile\".\"totalXP\" <> s.total");
    if (!update) {
        static_cast<void>(exec("ROLLBACK"));
        return update.error();
    }
    bindText(*update, 1, now);
    if (sqlite3_step(*update) != SQLITE_DONE) {
        const Error e = error(QStringLiteral("recalculate"));
        static_cast<void>(exec("ROLLBACK"));
        return e;
    }
    const qint64 changed = sqlite3_changes64(m_db);
    sqlite3_reset(*update);
    if (const Status s = exec("COMMIT"); !s)
        return s.error();
    return changed;
}

Result<QList<RawTotal>> RawSqlite::totalsByCategory(const QByteArray &since)
{
    auto query
        = statement(since.isEmpty() ? QByteArray("SELECT \"category\", SUM(\"amount\"), count(*) FROM \"UserXP\" "
                                                 "GROUP BY \"category\" ORDER BY 1")
                                    : QByteArray("SELECT \"category\", SUM(\"amount\"), count(*) FROM \"UserXP\" "
                                                 "WHERE \"createdAt\" >= ?1 GROUP BY \"category\" ORDER BY 1"));
    if (!query)
        return query.error();
    if (!since.isEmpty())
        bindText(*query, 1, since);
    return totalsOf(*query, QStringLiteral("totals"));
}

Result<RawPage> RawSqlite::historyPage(const RawPageRequest &r)
{
    QByteArray sql = "SELECT \"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"description\", "
                     "\"category\", \"createdAt\", \"updatedAt\" FROM \"UserXP\" WHERE 1 = 1";
    const char *before = r.oldestFirst ? ">" : "<";
    if (!r.userId.isEmpty())
        sql += " AND \"userId\" = ?1";
    if (!r.until.isEmpty())
        sql += " AND \"createdAt\" < ?2";
    if (!r.afterCreatedAt.isEmpty())
        sql += QByteArray(" AND \"createdAt\" ") + before + "= ?3 AND (\"createdAt\" " + before + " ?3 OR \"id\" "
            + before + " ?4)";
    sql += r.oldestFirst ? " ORDER BY \"createdAt\" ASC, \"id\" ASC LIMIT ?5"
                         : " ORDER BY \"createdAt\" DESC, \"id\" DESC LIMIT ?5";
    auto query = statement(sql);
    if (!query)
        return query.error();
    if (!r.userId.isEmpty())
        bindText(*query, 1, r.userId);
    if (!r.until.isEmpty())
        bindText(*query, 2, r.until);
    if (!r.afterCreatedAt.isEmpty()) {
        bindText(*query, 3, r.afterCreatedAt);
        bindText(*query, 4, r.afterId);
    }
    sqlite3_bind_int(*query, 5, r.limit);
    RawPage page;
    int rc;
    while ((rc = sqlite3_step(*query)) == SQLITE_ROW) {
        ++page.rows;
        for (int column = 0; column < 9; ++column) {
            if (column == 2) {
                static_cast<void>(sqlite3_column_int64(*query, column));
                page.bytes += sizeof(sqlite3_int64);
            } else if (sqlite3_column_text(*query, column)) {
                page.bytes += sqlite3_column_bytes(*query, column);
            }
        }
        page.lastId = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(*query, 0)));
        page.lastCreatedAt = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(*query, 7)));
    }
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("history page"));
    return page;
}

Status RawSqlite::award(const RawAward &a)
{
    if (const Status s = exec("BEGIN IMMEDIATE"); !s)
        return s;
    auto fail = [this](const QString &what) -> Status {
        const Error e = error(what);
        static_cast<void>(exec("ROLLBACK"));
        return e;
    };
    auto insert = statement("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                            "\"description\", \"category\", \"createdAt\", \"updatedAt\") "
                            "VALUES (?1, ?2, ?3, 'USER_PROBLEM_ATTEMPT', ?4, ?5, 'CORRECT_ANSWER', ?6, ?6)");
    if (!insert)
        return fail(QStringLiteral("award insert"));
    bindText(*insert, 1, a.id);
    bindText(*insert, 2, a.userId);
    sqlite3_bind_int(*insert, 3, a.amount);
    bindText(*insert, 4, a.sourceId);
    bindText(*insert, 5, a.description);
    bindText(*insert, 6, a.now);
    if (sqlite3_step(*insert) != SQLITE_DONE)
        return fail(QStringLiteral("award insert"));
    sqlite3_reset(*insert);
    auto sum = statement("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE \"userId\" = ?1");
    if (!sum)
        return fail(QStringLiteral("award sum"));
    bindText(*sum, 1, a.userId);
    if (sqlite3_step(*sum) != SQLITE_ROW)
        return fail(QStringLiteral("award sum"));
    const qint64 total = sqlite3_column_int64(*sum, 0);
    sqlite3_reset(*sum);
    auto upsert = statement("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") "
                            "VALUES ('p' || ?1, ?2, ?3, ?4) ON CONFLICT (\"userId\") DO UPDATE SET "
                            "\"totalXP\" = excluded.\"totalXP\", \"updatedAt\" = excluded.\"updatedAt\"");
    if (!upsert)
        return fail(QStringLiteral("award total"));
    bindText(*upsert, 1, a.id);
    bindText(*upsert, 2, a.userId);
    sqlite3_bind_int64(*upsert, 3, total);
    bindText(*upsert, 4, a.now);
    if (sqlite3_step(*upsert) != SQLITE_DONE)
        return fail(QStringLiteral("award total"));
    sqlite3_reset(*upsert);
    return exec("COMMIT");
}

Result<RawVerify> RawSqlite::verify()
{
    if (const Status s = exec("BEGIN DEFERRED"); !s)
        return s.error();
    RawVerify result;
    auto drift = statement(
        "SELECT s.\"userId\", COALESCE(p.\"totalXP\", 0), s.total "
        "FROM (SELECT \"userId\", SUM(\"amount\") AS total FROM \"UserXP\" GROUP BY \"userId\") s "
        "LEFT JOIN \"UserProfile\" p ON p.\"userId\" = s.\"userId\" WHERE COALESCE(p.\"totalXP\", 0) <> s.total "
        "UNION ALL SELECT p.\"userId\", p.\"totalXP\", 0 FROM \"UserProfile\" p WHERE p.\"totalXP\" <> 0 AND "
        "NOT EXISTS (SELECT 1 FROM \"UserXP\" x WHERE x.\"userId\" = p.\"userId\") ORDER BY 1");
    Status status = drift ? stepAll(*drift, &result.driftRows) : Status(drift.error());
    if (status) {
        auto audit = statement("SELECT seq, at, actor, operator, action, operation_id, user_id, xp_id, amount, "
                               "reason, snapshot, prev_hash, hash FROM xpadmin_audit_event ORDER BY seq");
        qint64 bytes = 0;
        status = audit ? stepAll(*audit, &result.eventsRead, &bytes) : Status(audit.error());
    }
    if (status) {
        auto rows = statement(SqliteRowsSql);
        status = !rows                          ? Status(rows.error())
            : sqlite3_step(*rows) != SQLITE_ROW ? error(QStringLiteral("rows"))
                                                : Status();
        if (status) {
            result.rowDifferences = sqlite3_column_int64(*rows, 2);
            result.rowsUnlogged = sqlite3_column_int64(*rows, 3) - sqlite3_column_int64(*rows, 1);
        }
        if (rows)
            sqlite3_reset(*rows);
    }
    for (const char *order : {"ASC LIMIT 1", "DESC LIMIT 1"}) {
        if (!status || result.rowsUnlogged == 0)
            break;
        auto edge = statement(QByteArray(SqliteUnloggedEdgeSql) + order);
        status = edge ? stepAll(*edge) : Status(edge.error());
    }
    const Status ended = exec("COMMIT");
    if (!status)
        return status.error();
    if (!ended)
        return ended.error();
    return result;
}

Status RawSqlite::legacyLoad(const LegacyRows &rows, const QByteArray &now, bool withAudit)
{
    if (const Status s = exec("BEGIN IMMEDIATE"); !s)
        return s;
    auto audit = statement("INSERT INTO xpadmin_audit_event (seq, at, actor, operator, action, operation_id, "
                           "user_id, xp_id, amount, reason, snapshot, prev_hash, hash) VALUES (?1, ?2, 'bench', "
                           "'bench', 'import-legacy', 'legacy-batch', ?3, 'x' || ?3, ?4, ?5, ?6, ?7, ?8)");
    auto user = statement("INSERT INTO \"User\" (\"id\", \"email\", \"name\") VALUES (?1, ?2, ?3)");
    auto transaction = statement("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", "
                                 "\"sourceId\", \"description\", \"category\", \"createdAt\", \"updatedAt\") "
                                 "VALUES ('x' || ?1, ?1, ?2, 'MANUAL_ADJUSTMENT', 'legacy-batch', "
                                 "'Migrated from the legacy total', 'MANUAL', ?3, ?3)");
    auto profile = statement("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") "
                             "VALUES ('p' || ?1, ?1, ?2, ?3)");
    Status status = !user ? Status(user.error())
        : !transaction    ? Status(transaction.error())
        : !profile        ? Status(profile.error())
        : !audit          ? Status(audit.error())
                          : Status();
    for (int row = 0; status && row < rows.size(); ++row) {
        const LegacyRows::User &u = rows.at(row);
        bindText(*user, 1, u.id);
        bindText(*user, 2, u.email);
        bindText(*user, 3, u.name);
        for (sqlite3_stmt *s : {*transaction, *profile}) {
            bindText(s, 1, u.id);
            sqlite3_bind_int(s, 2, u.total);
            bindText(s, 3, now);
        }
        for (sqlite3_stmt *s : {*user, *transaction, *profile}) {
            if (status && sqlite3_step(s) != SQLITE_DONE)
                status = error(QStringLiteral("legacy load"));
            sqlite3_reset(s);
        }
        if (withAudit && status) {
            const LegacyRows::AuditRow a = rows.auditRow(row, now);
            sqlite3_stmt *s = *audit;
            sqlite3_bind_int64(s, 1, row + 1);
            bindText(s, 2, now);
            bindText(s, 3, u.id);
            sqlite3_bind_int(s, 4, u.total);
            bindText(s, 5, a.reason);
            bindText(s, 6, a.snapshot);
            bindText(s, 7, a.prevHash);
            bindText(s, 8, a.hash);
            if (sqlite3_step(s) != SQLITE_DONE)
                status = error(QStringLiteral("legacy load, audit"));
            sqlite3_reset(s);
        }
    }
    const Status ended = exec(status ? "COMMIT" : "ROLLBACK");
    return status ? ended : status;
}

Result<qint64> RawSqlite::statementOf(const QByteArray &userId)
{
    auto query = statement(QByteArray(
        "SELECT \"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"description\", \"category\", "
        "\"createdAt\", \"updatedAt\", SUM(\"amount\") OVER (ORDER BY \"createdAt\", \"id\") FROM \"UserXP\" "
        "WHERE \"userId\" = ?1 ORDER BY \"createdAt\", \"id\""));
    if (!query)
        return query.error();
    bindText(*query, 1, userId);
    qint64 rows = 0;
    int rc;
    while ((rc = sqlite3_step(*query)) == SQLITE_ROW) {
        for (int column = 0; column < 10; ++column)
            static_cast<void>(sqlite3_column_text(*query, column));
        ++rows;
    }
    if (rc != SQLITE_DONE)
        return error(QStringLiteral("statement"));
    return rows;
}

Result<QList<RawTotal>> RawSqlite::totalsOf(sqlite3_stmt *query, const QString &what)
{
    QList<RawTotal> totals;
    int rc;
    while ((rc = sqlite3_step(query)) == SQLITE_ROW)
        totals << RawTotal{QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(query, 0))),
                           sqlite3_column_int64(query, 1), sqlite3_column_int64(query, 2)};
    if (rc != SQLITE_DONE)
        return error(what);
    return totals;
}

Result<QList<RawTotal>> RawSqlite::leaderboard(int limit)
{
    auto query = statement(QByteArray("SELECT \"userId\", SUM(\"amount\"), count(*) FROM \"UserXP\" GROUP BY "
                                      "\"userId\" ORDER BY 2 DESC, 1 LIMIT ?1"));
    if (!query)
        return query.error();
    sqlite3_bind_int(*query, 1, limit);
    return totalsOf(*query, QStringLiteral("leaderboard"));
}

Result<QList<RawTotal>> RawSqlite::chartSums(const QByteArray &since, const QByteArray &until, bool byDay)
{
    const QByteArray bucket
        = byDay ? "date(\"createdAt\", 'localtime')" : "strftime('%Y-%m-01', \"createdAt\", 'localtime')";
    auto query
        = statement("SELECT " + bucket
                    + " || '/' || \"category\" || '/' || \"sourceType\", SUM(\"amount\"), "
                      "count(*) FROM \"UserXP\""
                    + (since.isEmpty() ? QByteArray() : QByteArray(" WHERE \"createdAt\" >= ?1 AND \"createdAt\" < ?2"))
                    + " GROUP BY " + bucket + ", \"category\", \"sourceType\"");
    if (!query)
        return query.error();
    if (!since.isEmpty()) {
        bindText(*query, 1, since);
        bindText(*query, 2, until);
    }
    return totalsOf(*query, QStringLiteral("chart sums"));
}

Result<QList<RawTotal>> RawSqlite::leaderboardOf(const QByteArray &since, const QByteArray &until, int limit)
{
    auto query = statement(QByteArray("SELECT \"userId\", SUM(\"amount\"), count(*) FROM \"UserXP\" WHERE "
                                      "\"createdAt\" >= ?1 AND \"createdAt\" < ?2 GROUP BY \"userId\" ORDER BY 2 DESC, "
                                      "1 LIMIT ?3"));
    if (!query)
        return query.error();
    bindText(*query, 1, since);
    bindText(*query, 2, until);
    sqlite3_bind_int(*query, 3, limit);
    return totalsOf(*query, QStringLiteral("leaderboard of a range"));
}

Status RawSqlite::execute(const QByteArray &sql, const QList<QByteArray> &parameters)
{
    if (parameters.isEmpty())
        return exec(sql.constData());
    auto prepared = statement(sql);
    if (!prepared)
        return prepared.error();
    for (int i = 0; i < parameters.size(); ++i)
        bindText(*prepared, i + 1, parameters.at(i));
    const Status status = stepAll(*prepared);
    sqlite3_reset(*prepared);
    return status;
}
