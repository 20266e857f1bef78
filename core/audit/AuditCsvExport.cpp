#include "core/audit/AuditCsvExport.h"

#include "core/csv/PagedCsvExport.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

#include <QCoreApplication>

#include <memory>

QStringList AuditCsvExport::header()
{
    // Column names, not prose: they match the audit table and stay the same in every language.
    return {QStringLiteral("seq"),      QStringLiteral("at_utc"),   QStringLiteral("actor"),
            QStringLiteral("operator"), QStringLiteral("action"),   QStringLiteral("operation_id"),
            QStringLiteral("user_id"),  QStringLiteral("xp_id"),    QStringLiteral("amount"),
            QStringLiteral("reason"),   QStringLiteral("snapshot"), QStringLiteral("prev_hash"),
            QStringLiteral("hash")};
}

QVariantList AuditCsvExport::cells(const AuditEvent &event)
{
    return {QVariant(event.seq),
            Timestamp::toIso(event.at),
            event.actor,
            event.operatorName,
            event.action,
            event.operationId,
            event.userId,
            event.xpId,
            event.amount ? QVariant(*event.amount) : QVariant(QString()),
            event.reason,
            event.snapshot,
            event.prevHash,
            event.hash};
}

Result<qint64> AuditCsvExport::write(const AuditFilter &filter, const QString &fileName, const Progress &progress,
                                     int pageSize)
{
    PagedCsvExport::Source source;
    source.header = header();
    source.count = [this, &filter] { return AuditQuery(m_db).count(filter); };
    source.pages = [this, &filter, pageSize]() -> PagedCsvExport::NextPage {
        return [this, filter, pageSize, before = std::optional<qint64>()]() mutable -> Result<QList<QVariantList>> {
            auto page = AuditQuery(m_db).page(filter, before, std::nullopt, pageSize);
            if (!page)
                return page.error();
            QList<QVariantList> rows;
            rows.reserve(page->size());
            for (const AuditEvent &event : std::as_const(*page))
                rows << cells(event);
            if (!page->isEmpty())
                before = page->last().seq;
            return rows;
        };
    };
    source.pageSize = pageSize;
    source.rows = [](qint64 count) {
        return QCoreApplication::translate("AuditCsvExport", "%n event(s)", nullptr, int(count));
    };
    source.format = m_format;
    return PagedCsvExport::write(m_db, fileName, source, progress);
}
