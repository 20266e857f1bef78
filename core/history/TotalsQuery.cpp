#include "core/history/TotalsQuery.h"

#include "core/db/Database.h"
#include "core/history/AsOfRows.h"

#include <QCoreApplication>

std::optional<TotalsQuery::GroupBy> TotalsQuery::groupByFromName(const QString &name)
{
    const qsizetype index = groupByNames().indexOf(name);
    if (index < 0)
        return std::nullopt;
    return static_cast<GroupBy>(index);
}

QStringList TotalsQuery::groupByNames()
{
    return {QStringLiteral("total"), QStringLiteral("category"),   QStringLiteral("source-type"),
            QStringLiteral("day"),   QStringLiteral("week"),       QStringLiteral("month"),
            QStringLiteral("user"),  QStringLiteral("reason-code")};
}

Result<QList<TotalsRow>> TotalsQuery::totals(GroupBy groupBy, const HistoryFilter &filter, int limit)
{
    const Dialect &d = m_db.dialect();
    Bindings bindings;
    QString key;
    switch (groupBy) {
    case GroupBy::Nothing:
        key = QStringLiteral("''");
        break;
    case GroupBy::Category:
        key = QStringLiteral("\"category\"");
        break;
    case GroupBy::SourceType:
        key = QStringLiteral("\"sourceType\"");
        break;
    case GroupBy::User:
        key = QStringLiteral("\"userId\"");
        break;
    case GroupBy::ReasonCode:
        if (filter.asOf.isValid())
            return Error::input(QCoreApplication::translate("TotalsQuery",
                                                            "Totals by reason code are of the ledger as it is now: "
                                                            "leave out the past moment (--as-of)"));
        key = QStringLiteral("COALESCE(r.reason_code, '')");
        break;
    case GroupBy::Day:
    case GroupBy::Week:
    case GroupBy::Month: {
        const QString unit = groupBy == GroupBy::Day ? QStringLiteral("day")
            : groupBy == GroupBy::Week               ? QStringLiteral("week")
                                                     : QStringLiteral("month");
        key = d.bucketExpression(QStringLiteral("\"createdAt\""), unit, QStringLiteral(":zone"));
        if (d.isPostgres())
            bindings << std::pair{QStringLiteral(":zone"), QVariant(Dialect::localZoneName())};
        break;
    }
    }
    const QString where = HistoryQuery::whereClause(d, filter, bindings);
    QString sql;
    if (filter.asOf.isValid()) {
        // The ledger of a past moment: today's sums corrected by what changed since (AsOfRows).
        sql = QStringLiteral("SELECT k0 AS bucket, s, n FROM (%1) t")
                  .arg(AsOfRows::grouped(d, {key}, where, filter.asOf, bindings));
    } else {
        sql = QStringLiteral("SELECT %1 AS bucket, COALESCE(SUM(\"amount\"), 0), count(*) FROM \"UserXP\"").arg(key);
        if (groupBy == GroupBy::ReasonCode)
            sql += QStringLiteral(" LEFT JOIN %1 r ON r.xp_id = \"UserXP\".\"id\"")
                       .arg(d.ownTable(QStringLiteral("xp_reason")));
        if (!where.isEmpty())
            sql += QStringLiteral(" WHERE ") + where;
        if (groupBy != GroupBy::Nothing)
            sql += QStringLiteral(" GROUP BY 1");
    }
    if (groupBy == GroupBy::User) {
        sql += QStringLiteral(" ORDER BY 2 DESC, 1");
        if (limit > 0) {
            sql += QStringLiteral(" LIMIT :limit");
            bindings << std::pair{QStringLiteral(":limit"), QVariant(limit)};
        }
    } else if (groupBy != GroupBy::Nothing) {
        sql += QStringLiteral(" ORDER BY 1");
    }
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    QList<TotalsRow> result;
    while (rows->next())
        result << TotalsRow{rows->text(0), rows->integer(1), rows->integer(2)};
    return result;
}
