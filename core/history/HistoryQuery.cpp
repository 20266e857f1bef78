#include "core/history/HistoryQuery.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/ledger/TransactionRows.h"

QString HistoryQuery::whereClause(const Dialect &d, const HistoryFilter &filter, Bindings &bindings)
{
    QStringList conditions;
    if (!filter.userId.isEmpty()) {
        conditions << QStringLiteral("\"userId\" = :user");
        bindings << std::pair{QStringLiteral(":user"), QVariant(filter.userId)};
    }
    if (filter.since.isValid()) {
        conditions << QStringLiteral("\"createdAt\" >= %1").arg(d.timestampParam(QStringLiteral(":since")));
        bindings << std::pair{QStringLiteral(":since"), QVariant(Timestamp::toSql(filter.since))};
    }
    if (filter.until.isValid()) {
        conditions << QStringLiteral("\"createdAt\" < %1").arg(d.timestampParam(QStringLiteral(":until")));
        bindings << std::pair{QStringLiteral(":until"), QVariant(Timestamp::toSql(filter.until))};
    }
    if (filter.category) {
        conditions << QStringLiteral("\"category\" = %1").arg(d.categoryParam(QStringLiteral(":category")));
        bindings << std::pair{QStringLiteral(":category"), QVariant(XpEnums::name(*filter.category))};
    }
    if (filter.sourceType) {
        conditions << QStringLiteral("\"sourceType\" = %1").arg(d.sourceTypeParam(QStringLiteral(":source_type")));
        bindings << std::pair{QStringLiteral(":source_type"), QVariant(XpEnums::name(*filter.sourceType))};
    }
    if (const QString text = filter.text.trimmed();
        text.contains(QChar(0)) || text.size() > Validation::MaxDescriptionLength) {
        // No stored text holds a NUL or is that long (Validation). Sent to the server, a NUL cuts
        // QPSQL's statement short, and a long pattern is "too complex" for SQLite's LIKE.
        conditions << QStringLiteral("1 = 0");
    } else if (!text.isEmpty()) {
        conditions << QStringLiteral("(\"description\" %1 :text ESCAPE '\\' OR \"sourceId\" %1 :text_source ESCAPE "
                                     "'\\' OR \"id\" = :text_id)")
                          .arg(d.likeOperator());
        const QString pattern = Dialect::containsPattern(filter.text.trimmed());
        bindings << std::pair{QStringLiteral(":text"), QVariant(pattern)}
                 << std::pair{QStringLiteral(":text_source"), QVariant(pattern)}
                 << std::pair{QStringLiteral(":text_id"), QVariant(filter.text.trimmed())};
    }
    return conditions.isEmpty() ? QString() : conditions.join(QStringLiteral(" AND "));
}

Result<QList<XpTransaction>> HistoryQuery::page(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                                                int limit, Order order)
{
    const Dialect &d = m_db.dialect();
    Bindings bindings;
    QString where = whereClause(m_db.dialect(), filter, bindings);
    const bool newestFirst = order == Order::NewestFirst;
    if (after) {
        // Written so that a plain index on "createdAt" (or "userId", "createdAt") bounds the scan.
        const QString keyset
            = QStringLiteral("\"createdAt\" %1= %2 AND (\"createdAt\" %1 %3 OR \"id\" %1 :after_id)")
                  .arg(newestFirst ? QStringLiteral("<") : QStringLiteral(">"),
                       d.timestampParam(QStringLiteral(":after_at")), d.timestampParam(QStringLiteral(":after_at2")));
        where = where.isEmpty() ? keyset : where + QStringLiteral(" AND ") + keyset;
        bindings << std::pair{QStringLiteral(":after_at"), QVariant(Timestamp::toSql(after->createdAt))}
                 << std::pair{QStringLiteral(":after_at2"), QVariant(Timestamp::toSql(after->createdAt))}
                 << std::pair{QStringLiteral(":after_id"), QVariant(after->id)};
    }
    const QString direction = newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString sql = QStringLiteral("SELECT %1 FROM \"UserXP\"%2 ORDER BY \"createdAt\" %3, \"id\" %3 LIMIT :limit")
                            .arg(TransactionRows::columns(),
                                 where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where, direction);
    bindings << std::pair{QStringLiteral(":limit"), QVariant(limit)};
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    QList<XpTransaction> result;
    result.reserve(limit);
    while (rows->next())
        result << TransactionRows::read(*rows, d);
    return result;
}

Result<qint64> HistoryQuery::count(const HistoryFilter &filter)
{
    Bindings bindings;
    const QString where = whereClause(m_db.dialect(), filter, bindings);
    auto rows = m_db.run(QStringLiteral("SELECT count(*) FROM \"UserXP\"%1")
                             .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where),
                         bindings);
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}
