#include "core/history/HistoryCsvExport.h"

#include "core/csv/PagedCsvExport.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

#include <QCoreApplication>

#include <memory>

QStringList HistoryCsvExport::header()
{
    // In the order of the history table; names as in "UserXP", so the file reads like the table.
    return {QStringLiteral("createdAt"), QStringLiteral("amount"),   QStringLiteral("sourceType"),
            QStringLiteral("sourceId"),  QStringLiteral("category"), QStringLiteral("description"),
            QStringLiteral("userId"),    QStringLiteral("id"),       QStringLiteral("updatedAt")};
}

QVariantList HistoryCsvExport::cells(const XpTransaction &row)
{
    return {Timestamp::toIso(row.createdAt),
            QVariant(qint64(row.amount)),
            XpEnums::name(row.sourceType),
            row.sourceId,
            XpEnums::name(row.category),
            row.description,
            row.userId,
            row.id,
            Timestamp::toIso(row.updatedAt)};
}

Result<qint64> HistoryCsvExport::write(const HistoryFilter &filter, HistoryQuery::Order order, const QString &fileName,
                                       const Progress &progress, int pageSize)
{
    PagedCsvExport::Source source;
    source.header = header();
    source.count = [this, &filter] { return HistoryQuery(m_db).count(filter); };
    source.pages = [this, &filter, order, pageSize]() -> PagedCsvExport::NextPage {
        return [this, filter, order, pageSize,
                after = std::optional<HistoryCursor>()]() mutable -> Result<QList<QVariantList>> {
            auto page = HistoryQuery(m_db).page(filter, after, pageSize, order);
            if (!page)
                return page.error();
            QList<QVariantList> rows;
            rows.reserve(page->size());
            for (const XpTransaction &row : std::as_const(*page))
                rows << cells(row);
            if (!page->isEmpty())
                after = HistoryCursor{page->constLast().createdAt, page->constLast().id};
            return rows;
        };
    };
    source.pageSize = pageSize;
    source.rows = [](qint64 count) {
        return QCoreApplication::translate("HistoryCsvExport", "%n transaction(s)", nullptr, int(count));
    };
    source.format = m_format;
    return PagedCsvExport::write(m_db, fileName, source, progress);
}
