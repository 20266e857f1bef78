#include "core/preview/SourceQuery.h"

#include "core/db/Database.h"
#include "core/ledger/TransactionRows.h"
#include "core/periods/PeriodGuard.h"
#include "core/preview/EffectQuery.h"

Result<SourceQuery::Preview> SourceQuery::preview(SourceType type, const QString &sourceId, int limit)
{
    const Dialect &d = m_db.dialect();
    const QString where = QStringLiteral(" FROM \"UserXP\" WHERE \"sourceType\" = %1 AND \"sourceId\" = :source_id")
                              .arg(d.sourceTypeParam(QStringLiteral(":source_type")));
    const Bindings source{{QStringLiteral(":source_type"), XpEnums::name(type)},
                          {QStringLiteral(":source_id"), sourceId}};
    Preview preview;
    const Status status = m_db.readTransaction([&]() -> Status {
        preview = {};
        {
            auto rows = m_db.run(
                QStringLiteral("SELECT count(*), count(DISTINCT \"userId\"), COALESCE(SUM(\"amount\"), 0)") + where,
                source);
            if (!rows)
                return rows.error();
            if (rows->next()) {
                preview.transactions = rows->integer(0);
                preview.users = rows->integer(1);
                preview.total = rows->integer(2);
            }
        }
        Bindings limited = source;
        limited << std::pair{QStringLiteral(":limit"), QVariant(limit)};
        {
            auto rows = m_db.run(QStringLiteral("SELECT ") + TransactionRows::columns() + where
                                     + QStringLiteral(" ORDER BY \"userId\", \"createdAt\", \"id\" LIMIT :limit"),
                                 limited);
            if (!rows)
                return rows.error();
            while (rows->next())
                preview.rows << TransactionRows::read(*rows, d);
        }
        {
            auto rows = m_db.run(QStringLiteral("SELECT \"userId\", COALESCE(SUM(\"amount\"), 0), count(*)") + where
                                     + QStringLiteral(" GROUP BY \"userId\" ORDER BY \"userId\" LIMIT :limit"),
                                 limited);
            if (!rows)
                return rows.error();
            while (rows->next()) {
                UserEffect effect;
                effect.userId = rows->text(0);
                effect.change = -rows->integer(1);
                effect.transactions = rows->integer(2);
                preview.effects << effect;
            }
        }
        // Nested: read in the same snapshot as the rows.
        auto effects = EffectQuery(m_db).withCurrentTotals(preview.effects);
        if (!effects)
            return effects.error();
        preview.effects = *effects;
        // Deleting it would be refused: say so before the click.
        auto closed = PeriodGuard(m_db).sourceInPeriod(type, sourceId);
        if (!closed)
            return closed.error();
        preview.closed = *closed;
        return {};
    });
    if (!status)
        return status.error();
    return preview;
}
