#include "core/history/AsOfRows.h"

#include "core/audit/SnapshotSql.h"
#include "core/db/Dialect.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/RowReconciler.h"

namespace AsOfRows {

QString table(const Dialect &d, const QDateTime &moment, Bindings &bindings, const QString &alias, const QString &tag)
{
    const QString audit = d.ownTable(QStringLiteral("audit_event"));
    const QString rowActions
        = RowReconciler::sqlList(RowReconciler::addingActions() + RowReconciler::removingActions());
    QStringList names;
    for (int i = 1; i <= 5; ++i) {
        const QString name = QStringLiteral(":as_of_%1_%2").arg(tag).arg(i);
        names << d.timestampParam(name);
        bindings << std::pair{name, QVariant(Timestamp::toSql(moment))};
    }
    // Rows touched since: PostgreSQL joins them away with a hash anti-join; SQLite's NOT IN
    // builds the list once and probes it for each row, where NOT EXISTS would search the log's
    // index once a row.
    const QString touchedSince = d.isPostgres()
        ? QStringLiteral("NOT EXISTS (SELECT 1 FROM %1 t WHERE t.xp_id = x.\"id\" AND t.at > %2 AND t.action IN (%3))")
              .arg(audit, names.at(1), rowActions)
        : QStringLiteral("x.\"id\" NOT IN (SELECT t.xp_id FROM %1 t WHERE t.at > %2 AND t.xp_id IS NOT NULL "
                         "AND t.action IN (%3))")
              .arg(audit, names.at(1), rowActions);
    const QString r = QStringLiteral("r.o");
    const QString sql
        = QStringLiteral("(SELECT x.\"id\", x.\"userId\", x.\"amount\", x.\"sourceType\", x.\"sourceId\", "
                         "x.\"description\", x.\"category\", x.\"createdAt\", x.\"updatedAt\" FROM \"UserXP\" x "
                         "WHERE x.\"createdAt\" <= %1 AND %2 "
                         "UNION ALL "
                         "SELECT r.xp_id, r.user_id, %3, %4, %5, %6, %7, %8, COALESCE(%9, %8) FROM "
                         "(SELECT e.xp_id, e.user_id, e.amount, %10 AS o FROM %11 e%12 "
                         "WHERE e.at > %13 AND e.action IN (%14) AND NOT EXISTS (SELECT 1 FROM %11 p "
                         "WHERE p.xp_id = e.xp_id AND p.seq < e.seq AND p.at > %15 AND p.action IN (%16))) r "
                         "WHERE %8 <= %18) %17")
              .arg(names.at(0), touchedSince,
                   d.isPostgres() ? QStringLiteral("CAST(r.amount AS INTEGER)") : QStringLiteral("r.amount"),
                   d.sourceTypeParam(SnapshotSql::field(d, r, QStringLiteral("sourceType"))),
                   SnapshotSql::field(d, r, QStringLiteral("sourceId")),
                   SnapshotSql::field(d, r, QStringLiteral("description")),
                   d.categoryParam(SnapshotSql::field(d, r, QStringLiteral("category"))),
                   SnapshotSql::timestamp(d, r, QStringLiteral("createdAt")),
                   SnapshotSql::timestamp(d, r, QStringLiteral("updatedAt")), SnapshotSql::row(d), audit)
              .arg(SnapshotSql::parse(d), names.at(2), RowReconciler::sqlList(RowReconciler::removingActions()),
                   names.at(3), rowActions, alias, names.at(4));
    return sql;
}

QString source(const Dialect &d, const QDateTime &moment, Bindings &bindings)
{
    return moment.isValid() ? table(d, moment, bindings) : QStringLiteral("\"UserXP\"");
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
