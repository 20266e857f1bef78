#include "core/history/NewRowsQuery.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

Result<qint64> NewRowsQuery::count(const HistoryFilter &filter, const std::optional<HistoryCursor> &newest, int cap)
{
    if (filter.asOf.isValid())
        return qint64(0); // the ledger of then does not grow
    const Dialect &d = m_db.dialect();
    Bindings bindings;
    QString where = HistoryQuery::whereClause(d, filter, bindings);
    if (newest) {
        // As the pages' keyset, turned round: bounded by the same indexes.
        const QString keyset
            = QStringLiteral("\"createdAt\" >= %1 AND (\"createdAt\" > %2 OR \"id\" > :newest_id)")
                  .arg(d.timestampParam(QStringLiteral(":newest_at")), d.timestampParam(QStringLiteral(":newest_at2")));
        where = where.isEmpty() ? keyset : where + QStringLiteral(" AND ") + keyset;
        bindings << std::pair{QStringLiteral(":newest_at"), QVariant(Timestamp::toSql(newest->createdAt))}
                 << std::pair{QStringLiteral(":newest_at2"), QVariant(Timestamp::toSql(newest->createdAt))}
                 << std::pair{QStringLiteral(":newest_id"), QVariant(newest->id)};
    }
    bindings << std::pair{QStringLiteral(":cap"), QVariant(cap + 1)};
    auto counted = m_db.run(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM \"UserXP\"%1 LIMIT :cap) n")
                                .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where),
                            bindings);
    if (!counted)
        return counted.error();
    return counted->next() ? counted->integer(0) : 0;
}
