#include "tests/benchmarks/RawRollback.h"

#include "tests/benchmarks/LoadRows.h"
#include "tests/benchmarks/RawEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace {

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QByteArray idsOf(const LoadRows &rows)
{
    QJsonArray ids;
    for (int row = 0; row < rows.size(); ++row)
        ids.append(QString::fromUtf8(rows.utf8(row, LoadRows::Id)));
    return compact(ids);
}

QByteArray usersOf(const LoadRows &rows)
{
    QSet<QByteArray> seen;
    QJsonArray users;
    for (int row = 0; row < rows.size(); ++row) {
        const QByteArray &user = rows.utf8(row, LoadRows::UserId);
        if (!seen.contains(user)) {
            seen.insert(user);
            users.append(QString::fromUtf8(user));
        }
    }
    return compact(users);
}

// The rows as objects keyed by column name, "updatedAt" as "createdAt".
QByteArray rowsOf(const LoadRows &rows)
{
    QJsonArray array;
    for (int row = 0; row < rows.size(); ++row) {
        const auto text = [&](LoadRows::Text column) { return QString::fromUtf8(rows.utf8(row, column)); };
        array.append(QJsonObject{{QStringLiteral("id"), text(LoadRows::Id)},
                                 {QStringLiteral("userId"), text(LoadRows::UserId)},
                                 {QStringLiteral("amount"), rows.amount(row)},
                                 {QStringLiteral("sourceType"), text(LoadRows::SourceType)},
                                 {QStringLiteral("sourceId"), text(LoadRows::SourceId)},
                                 {QStringLiteral("description"), text(LoadRows::Description)},
                                 {QStringLiteral("category"), text(LoadRows::Category)},
                                 {QStringLiteral("createdAt"), text(LoadRows::CreatedAt)},
                                 {QStringLiteral("updatedAt"), text(LoadRows::CreatedAt)}});
    }
    return compact(array);
}

} // namespace

RawRollback::RawRollback(RawEngine &engine, bool postgres) : m_engine(engine), m_postgres(postgres) { }

Status RawRollback::remove(const LoadRows &rows, const QByteArray &now)
{
    return change(m_postgres ? "DELETE FROM \"UserXP\" WHERE \"id\" IN (SELECT json_array_elements_text(CAST($1 AS "
                               "json)))"
                             : "DELETE FROM \"UserXP\" WHERE \"id\" IN (SELECT value FROM json_each(?1))",
                  idsOf(rows), rows, now);
}

Status RawRollback::restore(const LoadRows &rows, const QByteArray &now)
{
    return change(m_postgres ? "INSERT INTO \"UserXP\" SELECT * FROM json_populate_recordset(CAST(NULL AS "
                               "\"UserXP\"), CAST($1 AS json))"
                             : "INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", "
                               "\"sourceId\", \"description\", \"category\", \"createdAt\", \"updatedAt\") "
                               "SELECT value ->> 'id', value ->> 'userId', value ->> 'amount', "
                               "value ->> 'sourceType', value ->> 'sourceId', value ->> 'description', "
                               "value ->> 'category', value ->> 'createdAt', value ->> 'updatedAt' "
                               "FROM json_each(?1)",
                  rowsOf(rows), rows, now);
}

Status RawRollback::change(const QByteArray &sql, const QByteArray &parameter, const LoadRows &rows,
                           const QByteArray &now)
{
    const QByteArray totals = m_postgres
        ? "UPDATE \"UserProfile\" p SET \"totalXP\" = COALESCE((SELECT SUM(x.\"amount\") FROM \"UserXP\" x WHERE "
          "x.\"userId\" = p.\"userId\"), 0), \"updatedAt\" = CAST($2 AS TIMESTAMP(3)) WHERE p.\"userId\" IN "
          "(SELECT json_array_elements_text(CAST($1 AS json)))"
        : "UPDATE \"UserProfile\" SET \"totalXP\" = COALESCE((SELECT SUM(x.\"amount\") FROM \"UserXP\" x WHERE "
          "x.\"userId\" = \"UserProfile\".\"userId\"), 0), \"updatedAt\" = ?2 WHERE \"userId\" IN (SELECT value "
          "FROM json_each(?1))";
    if (const Status s = m_engine.execute(m_postgres ? "BEGIN" : "BEGIN IMMEDIATE", {}); !s)
        return s;
    Status status = m_engine.execute(sql, {parameter});
    if (status)
        status = m_engine.execute(totals, {usersOf(rows), now});
    if (!status) {
        static_cast<void>(m_engine.execute("ROLLBACK", {}));
        return status;
    }
    return m_engine.execute("COMMIT", {});
}
