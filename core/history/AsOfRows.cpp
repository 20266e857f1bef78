#include "core/history/AsOfRows.h"

#include "core/audit/SnapshotSql.h"
#include "core/db/Dialect.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/RowReconciler.h"

namespace {

// The moment bound once for each use in a statement (a placeholder a use, named after tag).
struct Moments
{
    const Dialect &d;
    const QDateTime &moment;
    Bindings &bindings;
    QString tag;
    int next = 0;

    QString operator()()
    {
        const QString name = QStringLiteral(":as_of_%1_%2").arg(tag).arg(++next);
        bindings << std::pair{name, QVariant(Timestamp::toSql(moment))};
        return d.timestampParam(name);
    }
};

QString rowActions()
{
    return RowReconciler::sqlList(RowReconciler::addingActions() + RowReconciler::removingActions());
}

// The ids of the rows a row event touched after the moment.
QString touchedSince(const Dialect &d, Moments &at)
{
    return QStringLiteral("SELECT t.xp_id FROM %1 t WHERE t.at > %2 AND t.xp_id IS NOT NULL AND t.action IN (%3)")
        .arg(d.ownTable(QStringLiteral("audit_event")), at(), rowActions());
}

// The rows that existed at the moment and are gone since, from the first event that removed
// them after it, with the table's columns.
QString removedSince(const Dialect &d, Moments &at)
{
    const QString audit = d.ownTable(QStringLiteral("audit_event"));
    const QString r = QStringLiteral("r.o");
    const QString createdAt = SnapshotSql::timestamp(d, r, QStringLiteral("createdAt"));
    const QString after = at();
    const QString firstAfter = at();
    const QString created = at();
    return QStringLiteral("SELECT r.xp_id AS \"id\", r.user_id AS \"userId\", %1 AS \"amount\", %2 AS \"sourceType\", "
                          "%3 AS \"sourceId\", %4 AS \"description\", %5 AS \"category\", %6 AS \"createdAt\", "
                          "COALESCE(%7, %6) AS \"updatedAt\" FROM "
                          "(SELECT e.xp_id, e.user_id, e.amount, %8 AS o FROM %9 e%10 "
                          "WHERE e.at > %11 AND e.action IN (%12) AND NOT EXISTS (SELECT 1 FROM %9 p "
                          "WHERE p.xp_id = e.xp_id AND p.seq < e.seq AND p.at > %13 AND p.action IN (%14))) r "
                          "WHERE %6 <= %15")
        .arg(d.isPostgres() ? QStringLiteral("CAST(r.amount AS INTEGER)") : QStringLiteral("r.amount"),
             d.sourceTypeParam(SnapshotSql::field(d, r, QStringLiteral("sourceType"))),
             SnapshotSql::field(d, r, QStringLiteral("sourceId")),
             SnapshotSql::field(d, r, QStringLiteral("description")),
             d.categoryParam(SnapshotSql::field(d, r, QStringLiteral("category"))), createdAt,
             SnapshotSql::timestamp(d, r, QStringLiteral("updatedAt")), SnapshotSql::row(d), audit)
        .arg(SnapshotSql::parse(d), after, RowReconciler::sqlList(RowReconciler::removingActions()), firstAfter,
             rowActions(), created);
}

} // namespace

namespace AsOfRows {

QString presentCondition(const Dialect &d, const QDateTime &moment, Bindings &bindings, const QString &alias,
                         const QString &tag)
{
    Moments at{d, moment, bindings, tag};
    const QString created = at();
    // Rows touched since: PostgreSQL joins them away with a hash anti-join; SQLite's NOT IN
    // builds the list once and probes it for each row, where NOT EXISTS would search the log's
    // index once a row.
    const QString untouched = d.isPostgres()
        ? QStringLiteral("NOT EXISTS (SELECT 1 FROM %1 t WHERE t.xp_id = %2.\"id\" AND t.at > %3 AND t.action IN (%4))")
              .arg(d.ownTable(QStringLiteral("audit_event")), alias, at(), rowActions())
        : QStringLiteral("%1.\"id\" NOT IN (%2)").arg(alias, touchedSince(d, at));
    return QStringLiteral("%1.\"createdAt\" <= %2 AND %3").arg(alias, created, untouched);
}

QString removedTable(const Dialect &d, const QDateTime &moment, Bindings &bindings, const QString &tag)
{
    Moments at{d, moment, bindings, tag};
    return QStringLiteral("(%1)").arg(removedSince(d, at));
}

QString table(const Dialect &d, const QDateTime &moment, Bindings &bindings, const QString &alias, const QString &tag)
{
    const QString present = presentCondition(d, moment, bindings, QStringLiteral("x"), tag + QStringLiteral("p"));
    Moments removedAt{d, moment, bindings, tag + QStringLiteral("r")};
    const QString removed = removedSince(d, removedAt);
    return QStringLiteral("(SELECT x.\"id\", x.\"userId\", x.\"amount\", x.\"sourceType\", x.\"sourceId\", "
                          "x.\"description\", x.\"category\", x.\"createdAt\", x.\"updatedAt\" FROM \"UserXP\" x "
                          "WHERE %1 UNION ALL %2) %3")
        .arg(present, removed, alias);
}

QString source(const Dialect &d, const QDateTime &moment, Bindings &bindings)
{
    return moment.isValid() ? table(d, moment, bindings) : QStringLiteral("\"UserXP\"");
}

QString grouped(const Dialect &d, const QStringList &keys, const QString &where, const QDateTime &moment,
                Bindings &bindings, const QString &tag)
{
    Moments at{d, moment, bindings, tag};
    QStringList named;
    QStringList outer;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        named << QStringLiteral("%1 AS k%2").arg(keys.at(i)).arg(i);
        outer << QStringLiteral("k%1").arg(i);
    }
    const QString select = named.join(QStringLiteral(", "));
    QString groupBy;
    for (qsizetype i = 1; i <= keys.size(); ++i)
        groupBy += (i > 1 ? QStringLiteral(", ") : QString()) + QString::number(i);
    const QString also = where.isEmpty() ? QString() : QStringLiteral(" AND ") + where;
    // Today's rows created by then, read as the current figures are (the same indexes); less the
    // rows among them a row event touched since; plus the rows that were there and are gone.
    const QString before = at();
    const QString touchedBefore = at();
    const QString sql
        = QStringLiteral("SELECT %1, CAST(SUM(s) AS BIGINT) AS s, CAST(SUM(n) AS BIGINT) AS n FROM ("
                         "SELECT %2, SUM(\"amount\") AS s, count(*) AS n FROM \"UserXP\" WHERE \"createdAt\" <= %3%4 "
                         "GROUP BY %5 "
                         "UNION ALL SELECT %2, -SUM(\"amount\"), -count(*) FROM \"UserXP\" WHERE \"createdAt\" <= %6 "
                         "AND \"id\" IN (%7)%4 GROUP BY %5 "
                         "UNION ALL SELECT %2, SUM(\"amount\"), count(*) FROM (%8) gone%9 GROUP BY %5) g "
                         "GROUP BY %10")
              .arg(outer.join(QStringLiteral(", ")), select, before, also, groupBy, touchedBefore, touchedSince(d, at),
                   removedSince(d, at), where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where)
              .arg(outer.join(QStringLiteral(", ")));
    return sql;
}

Result<QDateTime> logBegins(Database &db)
{
    auto rows = db.run(QStringLiteral("SELECT at FROM %1 ORDER BY seq LIMIT 1")
                           .arg(db.dialect().ownTable(QStringLiteral("audit_event"))));
    if (!rows)
        return rows.error();
    return rows->next() ? db.dialect().readTimestamp(rows->value(0)) : QDateTime();
}

} // namespace AsOfRows
