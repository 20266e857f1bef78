#include "core/ledger/RowReconciler.h"

#include "core/audit/SnapshotSql.h"
#include "core/db/Database.h"
#include "core/users/UserQuery.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

// The fields compared, as the table and the snapshot name them, in the order they are reported.
const QStringList &comparedFields()
{
    static const QStringList fields{QStringLiteral("userId"),      QStringLiteral("amount"),
                                    QStringLiteral("sourceType"),  QStringLiteral("sourceId"),
                                    QStringLiteral("description"), QStringLiteral("category"),
                                    QStringLiteral("createdAt")};
    return fields;
}

// A snapshot's field as text, from the last event's row object.
QString logField(const Dialect &d, const QString &field)
{
    return SnapshotSql::field(d, QStringLiteral("l.r"), field);
}

// A table's field as text, in the form the snapshot writes it (Timestamp::toIso for times).
QString tableField(const Dialect &d, const QString &field)
{
    const QString column = QStringLiteral("x.\"%1\"").arg(field);
    if (field == QLatin1StringView("createdAt"))
        return d.isPostgres() ? QStringLiteral("to_char(%1, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')").arg(column)
                              : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', %1)").arg(column);
    if (field == QLatin1StringView("userId") || field == QLatin1StringView("sourceId")
        || field == QLatin1StringView("description"))
        return column;
    return QStringLiteral("CAST(%1 AS TEXT)").arg(column);
}

} // namespace

QStringList RowReconciler::addingActions()
{
    // adjust: the window's and the CLI's, an approved request applied, and a batch import's rows.
    // db-insert and db-update: a row the web app or a console added or rewrote, captured.
    return {QStringLiteral("award"),         QStringLiteral("adjust"),    QStringLiteral("restore"),
            QStringLiteral("import-legacy"), QStringLiteral("db-insert"), QStringLiteral("db-update")};
}

QStringList RowReconciler::removingActions()
{
    // db-update-before: the old image of a row rewritten outside XP Admin, just before db-update.
    return {QStringLiteral("rollback"), QStringLiteral("delete-source"), QStringLiteral("db-delete"),
            QStringLiteral("db-update-before")};
}

QString RowReconciler::sqlList(const QStringList &actions)
{
    QStringList quoted;
    for (const QString &action : actions)
        quoted << QLatin1Char('\'') + action + QLatin1Char('\'');
    return quoted.join(QStringLiteral(", "));
}

Result<RowReconciliation> RowReconciler::reconcile()
{
    RowReconciliation result;
    if (const Status s = readDifferences(result); !s)
        return s.error();
    if (const Status s = readUnprovable(result); !s)
        return s.error();
    if (const Status s = labelUsers(result); !s)
        return s.error();
    return result;
}

Status RowReconciler::labelUsers(RowReconciliation &result)
{
    QStringList ids;
    for (const RowFinding &finding : std::as_const(result.findings))
        if (!finding.userId.isEmpty() && !ids.contains(finding.userId))
            ids << finding.userId;
    if (ids.isEmpty())
        return {};
    auto labels = UserQuery(m_db).labels(ids);
    if (!labels)
        return labels.error();
    for (RowFinding &finding : result.findings)
        finding.userLabel = labels->value(finding.userId);
    return {};
}

Status RowReconciler::readDifferences(RowReconciliation &result)
{
    const Dialect &d = m_db.dialect();
    const QString audit = d.ownTable(QStringLiteral("audit_event"));
    const QString distinct = d.isPostgres() ? QStringLiteral("IS DISTINCT FROM") : QStringLiteral("IS NOT");
    QStringList columns;
    QStringList values{QStringLiteral("c.xp_id"), QStringLiteral("c.seq"), QStringLiteral("c.action"),
                       QStringLiteral("c.present")};
    QStringList differs;
    for (const QString &field : comparedFields()) {
        columns << QStringLiteral("%1 AS log_%2, %3 AS table_%2").arg(logField(d, field), field, tableField(d, field));
        const QString unequal = QStringLiteral("c.log_%1 %2 c.table_%1").arg(field, distinct);
        values << QStringLiteral("c.log_%1").arg(field) << QStringLiteral("c.table_%1").arg(field)
               << QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END").arg(unequal);
        differs << unequal;
    }
    const QString found = QStringLiteral("(c.adds = 0 AND c.present = 1) OR (c.adds = 1 AND (c.present = 0 OR %1))")
                              .arg(differs.join(QStringLiteral(" OR ")));
    // The last row event of each id; its snapshot, as the row object; against the row by id.
    const QString sql
        = QStringLiteral("WITH m AS (SELECT xp_id, max(seq) AS seq FROM %1 WHERE xp_id IS NOT NULL AND action IN (%2) "
                         "GROUP BY xp_id), "
                         "l AS (SELECT m.xp_id, m.seq, e.action, %3 AS r FROM m JOIN %1 e ON e.seq = m.seq%4), "
                         "c AS (SELECT l.xp_id, l.seq, l.action, CASE WHEN l.action IN (%5) THEN 1 ELSE 0 END AS adds, "
                         "CASE WHEN x.\"id\" IS NULL THEN 0 ELSE 1 END AS present, %6 "
                         "FROM l LEFT JOIN \"UserXP\" x ON x.\"id\" = l.xp_id) "
                         "SELECT count(*), COALESCE(sum(c.present), 0), COALESCE(sum(c.adds * c.present), 0), %7, "
                         "(SELECT count(*) FROM \"UserXP\") FROM c")
              .arg(audit, sqlList(addingActions() + removingActions()), SnapshotSql::row(d), SnapshotSql::parse(d),
                   sqlList(addingActions()), columns.join(QStringLiteral(", ")),
                   d.jsonArrayAggregate(values.join(QStringLiteral(", ")), found));
    auto rows = m_db.run(sql);
    if (!rows)
        return rows.error();
    if (!rows->next())
        return {};
    result.rowsLogged = rows->integer(0);
    const qint64 presentLogged = rows->integer(1);
    const qint64 presentAdded = rows->integer(2);
    result.unprovable.count = rows->integer(4) - presentLogged;
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(rows->text(3).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !json.isArray())
        return Error::database(
            tr("The rows that differ from the audit log could not be read: %1").arg(error.errorString()));
    qint64 changedRows = 0;
    for (const QJsonValue &value : json.array()) {
        const QJsonArray row = value.toArray();
        RowFinding base;
        base.xpId = row.at(0).toString();
        base.seq = row.at(1).toInteger();
        base.action = row.at(2).toString();
        const bool present = row.at(3).toInteger() != 0;
        const auto text = [&](int index) {
            const QJsonValue v = row.at(index);
            return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
        };
        // Columns from 4 on: three per field (log, table, differs), userId and amount first.
        if (removingActions().contains(base.action)) {
            base.kind = RowFinding::Kind::Reappeared;
            base.userId = text(5);
            base.amount = text(8).toLongLong();
            result.findings << base;
        } else if (!present) {
            base.kind = RowFinding::Kind::Missing;
            base.userId = text(4);
            base.amount = text(7).toLongLong();
            result.findings << base;
        } else {
            ++changedRows;
            for (int f = 0; f < comparedFields().size(); ++f) {
                const int at = 4 + 3 * f;
                if (row.at(at + 2).toInteger() == 0)
                    continue;
                RowFinding finding = base;
                finding.kind = RowFinding::Kind::Changed;
                finding.field = comparedFields().at(f);
                finding.logValue = text(at);
                finding.tableValue = text(at + 1);
                result.findings << finding;
            }
        }
    }
    result.rowsMatched = presentAdded - changedRows;
    std::stable_sort(result.findings.begin(), result.findings.end(),
                     [](const RowFinding &a, const RowFinding &b) { return a.xpId < b.xpId; });
    return {};
}

Status RowReconciler::readUnprovable(RowReconciliation &result)
{
    if (result.unprovable.count <= 0)
        return {};
    const Dialect &d = m_db.dialect();
    // Through the "createdAt" index from either end, up to the first row no event names: only
    // the logged rows on the way are probed, whatever the size of the table.
    const QString edge
        = QStringLiteral("SELECT x.\"createdAt\" FROM \"UserXP\" x WHERE NOT EXISTS (SELECT 1 FROM %1 e "
                         "WHERE e.xp_id = x.\"id\" AND e.action IN (%2)) ORDER BY x.\"createdAt\" %3 "
                         "LIMIT 1")
              .arg(d.ownTable(QStringLiteral("audit_event")), sqlList(addingActions() + removingActions()));
    for (const bool first : {true, false}) {
        auto rows = m_db.run(edge.arg(first ? QStringLiteral("ASC") : QStringLiteral("DESC")));
        if (!rows)
            return rows.error();
        if (rows->next())
            (first ? result.unprovable.firstCreatedAt : result.unprovable.lastCreatedAt)
                = d.readTimestamp(rows->value(0));
    }
    return {};
}
