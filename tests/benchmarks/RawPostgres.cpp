#include "tests/benchmarks/RawPostgres.h"

#include "core/db/Dialect.h"

#include "core/db/ConnectionSpec.h"
#include "core/db/PostgresCopy.h"
#include "tests/benchmarks/LegacyRows.h"
#include "tests/benchmarks/LoadRows.h"

#include <libpq-fe.h>

#include <algorithm>
#include <vector>

namespace {

// Rows of (key, sum, count), as the totals, charts and leaderboards read them.
QList<RawTotal> totalsOf(const PGresult *result)
{
    QList<RawTotal> totals;
    for (int row = 0; row < PQntuples(result); ++row)
        totals << RawTotal{QByteArray(PQgetvalue(result, row, 0)), QByteArray(PQgetvalue(result, row, 1)).toLongLong(),
                           QByteArray(PQgetvalue(result, row, 2)).toLongLong()};
    return totals;
}

// One result, cleared when it goes out of scope.
struct ResultGuard
{
    PGresult *result;
    ~ResultGuard() { PQclear(result); }
};

// Figure 8's row pass as plain SQL: the last row event of each id against the row, counted; the
// rows no event names, counted by difference; their first and last "createdAt" through the index.
const char *const PostgresRowsSql
    = "WITH m AS (SELECT xp_id, max(seq) AS seq FROM xpadmin.audit_event WHERE xp_id IS NOT NULL AND action IN "
      "('award', 'adjust', 'restore', 'import-legacy', 'rollback', 'delete-source') GROUP BY xp_id), "
      "l AS (SELECT m.xp_id, e.action, CASE WHEN jsonb_typeof(j.s -> 'row') = 'object' THEN j.s -> 'row' ELSE j.s "
      "END AS r FROM m JOIN xpadmin.audit_event e ON e.seq = m.seq CROSS JOIN LATERAL (SELECT CAST(e.snapshot AS "
      "jsonb) AS s) j) "
      "SELECT count(*), count(x.\"id\"), COALESCE(sum(CASE WHEN (CASE WHEN l.action IN ('rollback', "
      "'delete-source') THEN x.\"id\" IS NOT NULL ELSE x.\"id\" IS NULL OR x.\"userId\" IS DISTINCT FROM "
      "l.r ->> 'userId' OR CAST(x.\"amount\" AS TEXT) IS DISTINCT FROM l.r ->> 'amount' OR "
      "CAST(x.\"sourceType\" AS TEXT) IS DISTINCT FROM l.r ->> 'sourceType' OR x.\"sourceId\" IS DISTINCT FROM "
      "l.r ->> 'sourceId' OR x.\"description\" IS DISTINCT FROM l.r ->> 'description' OR CAST(x.\"category\" AS "
      "TEXT) IS DISTINCT FROM l.r ->> 'category' OR to_char(x.\"createdAt\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
      "IS DISTINCT FROM l.r ->> 'createdAt' END) THEN 1 ELSE 0 END), 0), (SELECT count(*) FROM \"UserXP\") "
      "FROM l LEFT JOIN \"UserXP\" x ON x.\"id\" = l.xp_id";
const char *const PostgresUnloggedEdgeSql
    = "SELECT x.\"createdAt\" FROM \"UserXP\" x WHERE NOT EXISTS (SELECT 1 FROM xpadmin.audit_event e WHERE "
      "e.xp_id = x.\"id\" AND e.action IN ('award', 'adjust', 'restore', 'import-legacy', 'rollback', "
      "'delete-source')) ORDER BY x.\"createdAt\" ";

} // namespace

Result<std::unique_ptr<RawPostgres>> RawPostgres::open(const ConnectionSpec &spec)
{
    std::vector<QByteArray> keys{"host", "port", "dbname", "user"};
    std::vector<QByteArray> values{spec.host.toUtf8(),
                                   spec.port > 0 ? QByteArray::number(spec.port) : spec.ports.toUtf8(),
                                   spec.database.toUtf8(), spec.user.toUtf8()};
    if (!spec.password.isEmpty()) {
        keys.push_back("password");
        values.push_back(spec.password.toUtf8());
    }
    for (const QString &option : spec.options.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        keys.push_back(option.section(QLatin1Char('='), 0, 0).trimmed().toUtf8());
        values.push_back(option.section(QLatin1Char('='), 1).trimmed().toUtf8());
    }
    std::vector<const char *> keyPointers;
    std::vector<const char *> valuePointers;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        keyPointers.push_back(keys[i].constData());
        valuePointers.push_back(values[i].constData());
    }
    keyPointers.push_back(nullptr);
    valuePointers.push_back(nullptr);
    PGconn *connection = PQconnectdbParams(keyPointers.data(), valuePointers.data(), 0);
    if (PQstatus(connection) != CONNECTION_OK) {
        const QString message = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
        PQfinish(connection);
        return Error::database(QStringLiteral("libpq: %1").arg(message));
    }
    std::unique_ptr<RawPostgres> raw(new RawPostgres(connection));
    if (const Status s = raw->exec("SET TIME ZONE 'UTC'"); !s)
        return s.error();
    return raw;
}

RawPostgres::~RawPostgres()
{
    PQfinish(m_connection);
}

Error RawPostgres::error(const QString &what) const
{
    return Error::database(
        QStringLiteral("%1: %2").arg(what, QString::fromUtf8(PQerrorMessage(m_connection)).trimmed()));
}

Status RawPostgres::exec(const char *sql)
{
    const ResultGuard result{PQexec(m_connection, sql)};
    const ExecStatusType status = PQresultStatus(result.result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return error(QString::fromUtf8(sql));
    return {};
}

Result<PGresult *> RawPostgres::run(const QByteArray &sql, const QList<QByteArray> &parameters)
{
    auto found = m_prepared.find(sql);
    if (found == m_prepared.end()) {
        const QByteArray name = "raw" + QByteArray::number(qulonglong(m_prepared.size()));
        const ResultGuard prepared{
            PQprepare(m_connection, name.constData(), sql.constData(), int(parameters.size()), nullptr)};
        if (PQresultStatus(prepared.result) != PGRES_COMMAND_OK)
            return error(QString::fromUtf8(sql));
        found = m_prepared.emplace(sql, name).first;
    }
    std::vector<const char *> values;
    for (const QByteArray &parameter : parameters)
        values.push_back(parameter.constData());
    PGresult *result = PQexecPrepared(m_connection, found->second.constData(), int(values.size()), values.data(),
                                      nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const Error e = error(QString::fromUtf8(sql));
        PQclear(result);
        return e;
    }
    return result;
}

Status RawPostgres::bulkLoad(const LoadRows &rows)
{
    if (const Status s = exec("BEGIN"); !s)
        return s;
    Status status;
    {
        const ResultGuard copy{PQexec(m_connection,
                                      "COPY \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", "
                                      "\"sourceId\", \"description\", \"category\", \"createdAt\", "
                                      "\"updatedAt\") FROM STDIN")};
        if (PQresultStatus(copy.result) != PGRES_COPY_IN)
            status = error(QStringLiteral("COPY"));
    }
    QByteArray buffer;
    buffer.reserve(1 << 20);
    auto send = [&]() {
        if (status && PQputCopyData(m_connection, buffer.constData(), int(buffer.size())) != 1)
            status = error(QStringLiteral("COPY data"));
        buffer.clear();
    };
    for (int row = 0; status && row < rows.size(); ++row) {
        PostgresCopy::appendText(buffer, rows.utf8(row, LoadRows::Id));
        buffer += '\t';
        PostgresCopy::appendText(buffer, rows.utf8(row, LoadRows::UserId));
        buffer += '\t';
        buffer += QByteArray::number(rows.amount(row));
        for (const LoadRows::Text column : {LoadRows::SourceType, LoadRows::SourceId, LoadRows::Description,
                                            LoadRows::Category, LoadRows::CreatedAt, LoadRows::CreatedAt}) {
            buffer += '\t';
            PostgresCopy::appendText(buffer, rows.utf8(row, column));
        }
        buffer += '\n';
        if (buffer.size() > (1 << 19))
            send();
    }
    send();
    if (status) {
        if (PQputCopyEnd(m_connection, nullptr) != 1)
            status = error(QStringLiteral("COPY end"));
        while (PGresult *result = PQgetResult(m_connection)) {
            if (status && PQresultStatus(result) != PGRES_COMMAND_OK)
                status = error(QStringLiteral("COPY"));
            PQclear(result);
        }
    }
    const Status rolledBack = exec("ROLLBACK");
    return status ? rolledBack : status;
}

Result<qint64> RawPostgres::recalculateAll(const QByteArray &now)
{
    if (const Status s = exec("BEGIN"); !s)
        return s.error();
    auto update = run("UPDATE \"UserProfile\" p SET \"totalXP\" = s.total, \"updatedAt\" = CAST($1 AS TIMESTAMP(3)) "
                      "FROM (SELECT \"userId\", SUM(\"amount\") AS total FROM \"UserXP\" GROUP BY \"userId\") s "
                      "WHERE p.\"userId\" = s.\"userId\" AND p.\"totalXP\" <> s.total",
                      {now});
    if (!update) {
        static_cast<void>(exec("ROLLBACK"));
        return update.error();
    }
    const ResultGuard result{*update};
    const qint64 changed = QByteArray(PQcmdTuples(result.result)).toLongLong();
    if (const Status s = exec("COMMIT"); !s)
        return s.error();
    return changed;
}

Result<QList<RawTotal>> RawPostgres::totalsByCategory(const QByteArray &since)
{
    auto query = since.isEmpty()
        ? run("SELECT \"category\", SUM(\"amount\"), count(*) FROM \"UserXP\" "
              "GROUP BY \"category\" ORDER BY 1",
              {})
        : run("SELECT \"category\", SUM(\"amount\"), count(*) FROM \"UserXP\" "
              "WHERE \"createdAt\" >= CAST($1 AS TIMESTAMP(3)) GROUP BY \"category\" ORDER BY 1",
              {since});
    if (!query)
        return query.error();
    const ResultGuard result{*query};
    return totalsOf(result.result);
}

Result<RawPage> RawPostgres::historyPage(const RawPageRequest &r)
{
    QByteArray sql = "SELECT \"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"description\", "
                     "\"category\", \"createdAt\", \"updatedAt\" FROM \"UserXP\" WHERE true";
    QList<QByteArray> parameters;
    auto parameter = [&](const QByteArray &value) -> QByteArray {
        parameters << value;
        return "$" + QByteArray::number(parameters.size());
    };
    const QByteArray before = r.oldestFirst ? ">" : "<";
    if (!r.userId.isEmpty())
        sql += " AND \"userId\" = " + parameter(r.userId);
    if (!r.until.isEmpty())
        sql += " AND \"createdAt\" < CAST(" + parameter(r.until) + " AS TIMESTAMP(3))";
    if (!r.afterCreatedAt.isEmpty()) {
        const QByteArray at = "CAST(" + parameter(r.afterCreatedAt) + " AS TIMESTAMP(3))";
        sql += " AND \"createdAt\" " + before + "= " + at + " AND (\"createdAt\" " + before + " " + at + " OR \"id\" "
            + before + " " + parameter(r.afterId) + ")";
    }
    sql += r.oldestFirst ? " ORDER BY \"createdAt\" ASC, \"id\" ASC" : " ORDER BY \"createdAt\" DESC, \"id\" DESC";
    sql += " LIMIT CAST(" + parameter(QByteArray::number(r.limit)) + " AS INTEGER)";
    auto query = run(sql, parameters);
    if (!query)
        return query.error();
    const ResultGuard result{*query};
    RawPage page;
    page.rows = PQntuples(result.result);
    for (int row = 0; row < page.rows; ++row) {
        for (int column = 0; column < 9; ++column)
            page.bytes += PQgetlength(result.result, row, column);
    }
    if (page.rows > 0) {
        page.lastId = QByteArray(PQgetvalue(result.result, page.rows - 1, 0));
        page.lastCreatedAt = QByteArray(PQgetvalue(result.result, page.rows - 1, 7));
    }
    return page;
}

Status RawPostgres::award(const RawAward &a)
{
    if (const Status s = exec("BEGIN"); !s)
        return s;
    auto fail = [this](const Error &e) -> Status {
        static_cast<void>(exec("ROLLBACK"));
        return e;
    };
    {
        auto insert = run("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                          "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES ($1, $2, "
                          "CAST($3 AS INTEGER), 'USER_PROBLEM_ATTEMPT', $4, $5, 'CORRECT_ANSWER', "
                          "CAST($6 AS TIMESTAMP(3)), CAST($6 AS TIMESTAMP(3)))",
                          {a.id, a.userId, QByteArray::number(a.amount), a.sourceId, a.description, a.now});
        if (!insert)
            return fail(insert.error());
        PQclear(*insert);
    }
    QByteArray total;
    {
        auto sum = run("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE \"userId\" = $1", {a.userId});
        if (!sum)
            return fail(sum.error());
        const ResultGuard result{*sum};
        total = QByteArray(PQgetvalue(result.result, 0, 0));
    }
    auto upsert = run("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") VALUES ('p' || $1, "
                      "$2, CAST($3 AS INTEGER), CAST($4 AS TIMESTAMP(3))) ON CONFLICT (\"userId\") DO UPDATE SET "
                      "\"totalXP\" = excluded.\"totalXP\", \"updatedAt\" = excluded.\"updatedAt\"",
                      {a.id, a.userId, total, a.now});
    if (!upsert)
        return fail(upsert.error());
    PQclear(*upsert);
    return exec("COMMIT");
}

Result<RawVerify> RawPostgres::verify()
{
    if (const Status s = exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !s)
        return s.error();
    RawVerify verified;
    Status status;
    auto drift
        = run("SELECT s.\"userId\", COALESCE(p.\"totalXP\", 0), s.total "
              "FROM (SELECT \"userId\", SUM(\"amount\") AS total FROM \"UserXP\" GROUP BY \"userId\") s "
              "LEFT JOIN \"UserProfile\" p ON p.\"userId\" = s.\"userId\" WHERE COALESCE(p.\"totalXP\", 0) <> s.total "
              "UNION ALL SELECT p.\"userId\", p.\"totalXP\", 0 FROM \"UserProfile\" p WHERE p.\"totalXP\" <> 0 AND "
              "NOT EXISTS (SELECT 1 FROM \"UserXP\" x WHERE x.\"userId\" = p.\"userId\") ORDER BY 1",
              {});
    if (drift) {
        const ResultGuard result{*drift};
        verified.driftRows = PQntuples(result.result);
        auto audit = run("SELECT seq, at, actor, operator, action, operation_id, user_id, xp_id, amount, reason, "
                         "snapshot, prev_hash, hash FROM xpadmin.audit_event ORDER BY seq",
                         {});
        if (audit) {
            const ResultGuard events{*audit};
            verified.eventsRead = PQntuples(events.result);
        } else {
            status = audit.error();
        }
    } else {
        status = drift.error();
    }
    if (status) {
        auto rows = run(PostgresRowsSql, {});
        if (rows) {
            const ResultGuard result{*rows};
            verified.rowDifferences = QByteArray(PQgetvalue(result.result, 0, 2)).toLongLong();
            verified.rowsUnlogged = QByteArray(PQgetvalue(result.result, 0, 3)).toLongLong()
                - QByteArray(PQgetvalue(result.result, 0, 1)).toLongLong();
        } else {
            status = rows.error();
        }
    }
    for (const char *order : {"ASC LIMIT 1", "DESC LIMIT 1"}) {
        if (!status || verified.rowsUnlogged == 0)
            break;
        auto edge = run(QByteArray(PostgresUnloggedEdgeSql) + order, {});
        if (edge)
            PQclear(*edge);
        else
            status = edge.error();
    }
    const Status ended = exec("COMMIT");
    if (!status)
        return status.error();
    if (!ended)
        return ended.error();
    return verified;
}

Status RawPostgres::copy(const char *sql, const QByteArray &rows)
{
    {
        const ResultGuard started{PQexec(m_connection, sql)};
        if (PQresultStatus(started.result) != PGRES_COPY_IN)
            return error(QString::fromUtf8(sql));
    }
    Status status;
    constexpr qsizetype Piece = 1 << 19;
    for (qsizetype at = 0; status && at < rows.size(); at += Piece) {
        const qsizetype size = std::min(Piece, rows.size() - at);
        if (PQputCopyData(m_connection, rows.constData() + at, int(size)) != 1)
            status = error(QStringLiteral("COPY data"));
    }
    if (PQputCopyEnd(m_connection, status ? nullptr : "failed") != 1 && status)
        status = error(QStringLiteral("COPY end"));
    while (PGresult *result = PQgetResult(m_connection)) {
        if (status && PQresultStatus(result) != PGRES_COMMAND_OK)
            status = error(QString::fromUtf8(sql));
        PQclear(result);
    }
    return status;
}

Status RawPostgres::legacyLoad(const LegacyRows &rows, const QByteArray &now, bool withAudit)
{
    QByteArray users, transactions, profiles, audit;
    for (int row = 0; row < rows.size(); ++row) {
        const LegacyRows::User &user = rows.at(row);
        const QByteArray total = QByteArray::number(user.total);
        users += user.id + '\t' + user.email + '\t' + user.name + '\n';
        transactions += "x" + user.id + '\t' + user.id + '\t' + total
            + "\tMANUAL_ADJUSTMENT\tlegacy-batch\tMigrated from the legacy total\tMANUAL\t" + now + '\t' + now + '\n';
        profiles += "p" + user.id + '\t' + user.id + '\t' + total + '\t' + now + '\n';
        if (withAudit) {
            // The JSON holds no tab, newline or backslash: COPY's text format takes it as it is.
            const LegacyRows::AuditRow a = rows.auditRow(row, now);
            audit += QByteArray::number(row + 1) + '\t' + now + "\tbench\tbench\timport-legacy\tlegacy-batch\t"
                + user.id + "\tx" + user.id + '\t' + total + '\t' + a.reason + '\t' + a.snapshot + '\t' + a.prevHash
                + '\t' + a.hash + '\n';
        }
    }
    if (const Status s = exec("BEGIN"); !s)
        return s;
    Status status = copy("COPY \"User\" (\"id\", \"email\", \"name\") FROM STDIN", users);
    if (status)
        status = copy("COPY \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                      "\"description\", \"category\", \"createdAt\", \"updatedAt\") FROM STDIN",
                      transactions);
    if (status)
        status = copy("COPY \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") FROM STDIN", profiles);
    if (status && withAudit)
        status = copy("COPY xpadmin.audit_event (seq, at, actor, operator, action, operation_id, user_id, xp_id, "
                      "amount, reason, snapshot, prev_hash, hash) FROM STDIN",
                      audit);
    const Status ended = exec(status ? "COMMIT" : "ROLLBACK");
    return status ? ended : status;
}

Result<qint64> RawPostgres::statementOf(const QByteArray &userId)
{
    auto query
        = run("SELECT \"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"description\", "
              "\"category\", \"createdAt\", \"updatedAt\", SUM(\"amount\") OVER (ORDER BY \"createdAt\", \"id\") "
              "FROM \"UserXP\" WHERE \"userId\" = $1 ORDER BY \"createdAt\", \"id\"",
              {userId});
    if (!query)
        return query.error();
    const ResultGuard result{*query};
    return qint64(PQntuples(result.result));
}

Result<QList<RawTotal>> RawPostgres::leaderboard(int limit)
{
    auto query = run("SELECT \"userId\", SUM(\"amount\"), count(*) FROM \"UserXP\" GROUP BY \"userId\" "
                     "ORDER BY 2 DESC, 1 LIMIT $1",
                     {QByteArray::number(limit)});
    if (!query)
        return query.error();
    const ResultGuard result{*query};
    return totalsOf(result.result);
}

Result<QList<RawTotal>> RawPostgres::chartSums(const QByteArray &since, const QByteArray &until, bool byDay)
{
    const QByteArray bucket = QByteArray("to_char(date_trunc('") + (byDay ? "day" : "month")
        + "', (\"createdAt\" AT TIME ZONE 'UTC') AT TIME ZONE CAST($1 AS TEXT)), 'YYYY-MM-DD')";
    QList<QByteArray> parameters{Dialect::localZoneName().toUtf8()};
    if (!since.isEmpty())
        parameters << since << until;
    auto query = run("SELECT " + bucket
                         + " || '/' || \"category\" || '/' || \"sourceType\", SUM(\"amount\"), "
                           "count(*) FROM \"UserXP\""
                         + (since.isEmpty() ? QByteArray()
                                            : QByteArray(" WHERE \"createdAt\" >= CAST($2 AS TIMESTAMP(3)) AND "
                                                         "\"createdAt\" < CAST($3 AS TIMESTAMP(3))"))
                         + " GROUP BY " + bucket + ", \"category\", \"sourceType\"",
                     parameters);
    if (!query)
        return query.error();
    const ResultGuard result{*query};
    return totalsOf(result.result);
}

Result<QList<RawTotal>> RawPostgres::leaderboardOf(const QByteArray &since, const QByteArray &until, int limit)
{
    auto query = run("SELECT \"userId\", SUM(\"amount\"), count(*) FROM \"UserXP\" WHERE \"createdAt\" >= "
                     "CAST($1 AS TIMESTAMP(3)) AND \"createdAt\" < CAST($2 AS TIMESTAMP(3)) GROUP BY \"userId\" "
                     "ORDER BY 2 DESC, 1 LIMIT $3",
                     {since, until, QByteArray::number(limit)});
    if (!query)
        return query.error();
    const ResultGuard result{*query};
    return totalsOf(result.result);
}

Status RawPostgres::execute(const QByteArray &sql, const QList<QByteArray> &parameters)
{
    if (parameters.isEmpty())
        return exec(sql.constData());
    auto result = run(sql, parameters);
    if (!result)
        return result.error();
    PQclear(*result);
    return {};
}
