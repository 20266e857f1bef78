#include "core/users/UserQuery.h"

#include "core/db/Database.h"
#include "core/db/IdBatches.h"
#include "core/db/RowView.h"
#include "core/domain/Validation.h"

namespace {

QString keyExpression(UserQuery::SortKey key, bool asOf)
{
    switch (key) {
    case UserQuery::SortKey::Id:
        return QStringLiteral("u.\"id\"");
    case UserQuery::SortKey::Email:
        return QStringLiteral("u.\"email\"");
    case UserQuery::SortKey::Name:
        return QStringLiteral("COALESCE(u.\"name\", '')");
    case UserQuery::SortKey::TotalXP:
        return asOf ? QStringLiteral("COALESCE(a.xp, 0)") : QStringLiteral("COALESCE(p.\"totalXP\", 0)");
    }
    return QStringLiteral("u.\"id\"");
}

// The aggregates of each listed user, evaluated for the rows of the page only: on PostgreSQL
// one pass over the user's range of the ("userId", "createdAt", "amount") index gives all three
// (LATERAL); SQLite, which has no LATERAL, runs a correlated subquery for each.
const QString OuterColumns
    = QStringLiteral("SELECT pg.\"id\", pg.\"email\", pg.\"name\", pg.\"total\", "
                     "(SELECT COALESCE(SUM(x.\"amount\"), 0) FROM \"UserXP\" x WHERE x.\"userId\" = pg.\"id\"), "
                     "(SELECT count(*) FROM \"UserXP\" x WHERE x.\"userId\" = pg.\"id\"), "
                     "(SELECT MAX(x.\"createdAt\") FROM \"UserXP\" x WHERE x.\"userId\" = pg.\"id\") FROM (%1) pg");

const QString LateralOuterColumns
    = QStringLiteral("SELECT pg.\"id\", pg.\"email\", pg.\"name\", pg.\"total\", a.xp, a.n, a.last FROM (%1) pg "
                     "CROSS JOIN LATERAL (SELECT COALESCE(SUM(x.\"amount\"), 0) AS xp, count(*) AS n, "
                     "MAX(x.\"createdAt\") AS last FROM \"UserXP\" x WHERE x.\"userId\" = pg.\"id\") a");

const QString InnerColumns
    = QStringLiteral("SELECT u.\"id\" AS \"id\", u.\"email\" AS \"email\", u.\"name\" AS \"name\", "
                     "COALESCE(p.\"totalXP\", 0) AS \"total\", %1 AS \"sortKey\" "
                     "FROM \"User\" u LEFT JOIN \"UserProfile\" p ON p.\"userId\" = u.\"id\"");

// As of a past moment: each user's rows of then summed once, in one pass over the rebuilt table
// (RowsAsOf), which a per-user index range cannot read; the figures ride along to the outer query.
const QString AsOfOuterColumns = QStringLiteral(
    "SELECT pg.\"id\", pg.\"email\", pg.\"name\", pg.\"total\", pg.\"total\", pg.n, pg.last FROM (%1) pg");

const QString AsOfInnerColumns
    = QStringLiteral("SELECT u.\"id\" AS \"id\", u.\"email\" AS \"email\", u.\"name\" AS \"name\", "
                     "COALESCE(a.xp, 0) AS \"total\", COALESCE(a.n, 0) AS n, a.last AS last, %1 AS \"sortKey\" "
                     "FROM \"User\" u LEFT JOIN (SELECT \"userId\", SUM(\"amount\") AS xp, count(*) AS n, "
                     "MAX(\"createdAt\") AS last FROM %2 GROUP BY \"userId\") a ON a.\"userId\" = u.\"id\"");

} // namespace

QString UserQuery::searchCondition(const UserFilter &filter, Bindings &bindings) const
{
    const QString text = filter.search.trimmed();
    if (text.isEmpty())
        return {};
    // No stored text holds a NUL or is that long (Validation). Sent to the server, a NUL cuts
    // QPSQL's statement short, and a long pattern is "too complex" for SQLite's LIKE.
    if (text.contains(QChar(0)) || text.size() > Validation::MaxDescriptionLength)
        return QStringLiteral("1 = 0");
    const QString pattern = Dialect::containsPattern(text);
    bindings << std::pair{QStringLiteral(":exact"), QVariant(text)}
             << std::pair{QStringLiteral(":like_id"), QVariant(pattern)}
             << std::pair{QStringLiteral(":like_email"), QVariant(pattern)}
             << std::pair{QStringLiteral(":like_name"), QVariant(pattern)};
    return QStringLiteral("(u.\"id\" = :exact OR u.\"id\" %1 :like_id ESCAPE '\\' OR u.\"email\" %1 :like_email "
                          "ESCAPE '\\' OR u.\"name\" %1 :like_name ESCAPE '\\')")
        .arg(m_db.dialect().likeOperator());
}

Result<QList<UserRow>> UserQuery::select(const QString &innerSql, const QString &outerOrder, const Bindings &bindings,
                                         bool asOf)
{
    const QString &outer = asOf ? AsOfOuterColumns : (m_db.dialect().isPostgres() ? LateralOuterColumns : OuterColumns);
    auto rows = m_db.run(outer.arg(innerSql) + outerOrder, bindings);
    if (!rows)
        return rows.error();
    QList<UserRow> result;
    while (rows->next()) {
        UserRow row;
        row.id = rows->text(0);
        row.email = rows->text(1);
        row.name = rows->text(2);
        row.totalXP = rows->integer(3);
        row.sum = rows->integer(4);
        row.transactions = rows->integer(5);
        row.lastActivity = m_db.dialect().readTimestamp(rows->value(6));
        result << row;
    }
    return result;
}

Result<QList<UserRow>> UserQuery::page(const UserFilter &filter, SortKey key, Qt::SortOrder order,
                                       const std::optional<UserCursor> &after, int limit)
{
    Bindings bindings;
    QStringList conditions;
    if (const QString search = searchCondition(filter, bindings); !search.isEmpty())
        conditions << search;
    if (filter.asOf.isValid() && !m_rowsAsOf)
        return Error::input(QStringLiteral("UserQuery: a moment needs the rows of then"));
    const bool asOf = filter.asOf.isValid();
    const QString keyColumn = keyExpression(key, asOf);
    const bool ascending = order == Qt::AscendingOrder;
    const QString beyond = ascending ? QStringLiteral(">") : QStringLiteral("<");
    if (after) {
        if (key == SortKey::Id) {
            conditions << QStringLiteral("u.\"id\" %1 :after_id").arg(beyond);
        } else {
            // Ties on the key continue by id ascending, whatever the key's direction.
            conditions << QStringLiteral("(%1 %2 :after_key OR (%1 = :after_key2 AND u.\"id\" > :after_id))")
                              .arg(keyColumn, beyond);
            bindings << std::pair{QStringLiteral(":after_key"), after->key}
                     << std::pair{QStringLiteral(":after_key2"), after->key};
        }
        bindings << std::pair{QStringLiteral(":after_id"), QVariant(after->id)};
    }
    const QString direction = ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    const QString columns = asOf ? AsOfInnerColumns.arg(keyColumn, m_rowsAsOf(m_db.dialect(), filter.asOf, bindings))
                                 : InnerColumns.arg(keyColumn);
    const QString inner = columns
        + (conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND ")))
        + (key == SortKey::Id ? QStringLiteral(" ORDER BY u.\"id\" %1").arg(direction)
                              : QStringLiteral(" ORDER BY %1 %2, u.\"id\" ASC").arg(keyColumn, direction))
        + QStringLiteral(" LIMIT :limit");
    bindings << std::pair{QStringLiteral(":limit"), QVariant(limit)};
    const QString outerOrder = key == SortKey::Id
        ? QStringLiteral(" ORDER BY pg.\"id\" %1").arg(direction)
        : QStringLiteral(" ORDER BY pg.\"sortKey\" %1, pg.\"id\" ASC").arg(direction);
    return select(inner, outerOrder, bindings, asOf);
}

Result<qint64> UserQuery::count(const UserFilter &filter)
{
    Bindings bindings;
    const QString search = searchCondition(filter, bindings);
    auto rows = m_db.run(QStringLiteral("SELECT count(*) FROM \"User\" u")
                             + (search.isEmpty() ? QString() : QStringLiteral(" WHERE ") + search),
                         bindings);
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}

Result<QList<UserRow>> UserQuery::find(const QString &text, int limit)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty() || limit <= 0)
        return QList<UserRow>();
    QStringList exactIds;
    {
        auto exact = m_db.run(QStringLiteral("SELECT \"id\" FROM \"User\" WHERE \"id\" = :id OR \"email\" = :email"),
                              {{QStringLiteral(":id"), wanted}, {QStringLiteral(":email"), wanted}});
        if (!exact)
            return exact.error();
        while (exact->next())
            exactIds << exact->text(0);
    }
    auto result = rows(exactIds);
    if (!result)
        return result;
    // The scan reads the table in its stored order and stops at the limit; ORDER BY "id" would
    // walk the id index instead, one random read per user (docs/architecture.md).
    Bindings bindings{{QStringLiteral(":limit"), QVariant(limit + int(exactIds.size()))}};
    const QString search = searchCondition(UserFilter{wanted, {}}, bindings);
    const QString inner
        = QStringLiteral("SELECT u.\"id\" AS \"id\", u.\"email\" AS \"email\", u.\"name\" AS \"name\", "
                         "COALESCE(p.\"totalXP\", 0) AS \"total\", COALESCE(u.\"name\", '') AS \"sortKey\" "
                         "FROM (SELECT u.\"id\", u.\"email\", u.\"name\" FROM \"User\" u WHERE %1 LIMIT :limit) u "
                         "LEFT JOIN \"UserProfile\" p ON p.\"userId\" = u.\"id\"")
              .arg(search);
    auto matches = select(inner, QStringLiteral(" ORDER BY pg.\"sortKey\", pg.\"id\""), bindings);
    if (!matches)
        return matches.error();
    for (const UserRow &row : std::as_const(*matches)) {
        if (result->size() >= limit)
            break;
        if (!exactIds.contains(row.id))
            *result << row;
    }
    return result;
}

Result<QList<UserRow>> UserQuery::rows(const QStringList &ids)
{
    // One statement run once per id: a fixed text, so the connection prepares it once.
    const QString inner = InnerColumns.arg(QStringLiteral("u.\"id\"")) + QStringLiteral(" WHERE u.\"id\" = :id");
    QList<UserRow> result;
    for (const QString &id : ids) {
        auto row = select(inner, QString(), {{QStringLiteral(":id"), id}});
        if (!row)
            return row.error();
        result << *row;
    }
    return result;
}

Result<QList<UserRow>> UserQuery::rowsInBatches(const QStringList &ids)
{
    QList<UserRow> result;
    const Status read = IdBatches::forEach(m_db.dialect(), QStringLiteral("u.\"id\""), ids,
                                           [&](const QString &condition, const Bindings &bindings) -> Status {
                                               const QString inner = InnerColumns.arg(QStringLiteral("u.\"id\""))
                                                   + QStringLiteral(" WHERE ") + condition;
                                               auto batch = select(inner, QString(), bindings);
                                               if (!batch)
                                                   return batch.error();
                                               result << *batch;
                                               return {};
                                           });
    if (!read)
        return read.error();
    return result;
}

Result<QHash<QString, qint64>> UserQuery::cachedTotals(const QStringList &ids)
{
    QHash<QString, qint64> result;
    for (const QString &id : ids)
        result.insert(id, 0);
    const Status read = IdBatches::forEach(
        m_db.dialect(), QStringLiteral("\"userId\""), ids,
        [&](const QString &condition, const Bindings &bindings) -> Status {
            auto rows = m_db.run(
                QStringLiteral("SELECT \"userId\", \"totalXP\" FROM \"UserProfile\" WHERE ") + condition, bindings);
            if (!rows)
                return rows.error();
            while (rows->next())
                result.insert(rows->text(0), rows->integer(1));
            return {};
        });
    if (!read)
        return read.error();
    return result;
}

Result<QHash<QString, QString>> UserQuery::labels(const QStringList &ids)
{
    // A page names up to hundreds of users: they are read together, not one statement each.
    QHash<QString, QString> result;
    const Status read = IdBatches::forEach(
        m_db.dialect(), QStringLiteral("\"id\""), ids,
        [&](const QString &condition, const Bindings &bindings) -> Status {
            // Straight from the driver's row (a first page names a screenful of users).
            return m_db.scan(QStringLiteral("SELECT \"id\", \"name\", \"email\" FROM \"User\" WHERE ") + condition,
                             bindings, [&](const RowView &row) {
                                 const QString name = row.string(1).trimmed();
                                 const QString label = name.isEmpty() ? row.string(2).trimmed() : name;
                                 if (!label.isEmpty())
                                     result.insert(row.string(0), label);
                             });
        });
    if (!read)
        return read.error();
    return result;
}

UserCursor UserQuery::cursorAfter(const UserRow &row, SortKey key)
{
    switch (key) {
    case SortKey::Id:
        return {QVariant(row.id), row.id};
    case SortKey::Email:
        return {QVariant(row.email), row.id};
    case SortKey::Name:
        return {QVariant(row.name), row.id};
    case SortKey::TotalXP:
        return {QVariant(row.totalXP), row.id};
    }
    return {QVariant(row.id), row.id};
}
