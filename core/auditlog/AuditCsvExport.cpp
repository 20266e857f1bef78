#include "AuditCsvExport.h"

#include "db/Database.h"
#include "domain/Timestamp.h"
#include "export/CsvWriter.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <memory>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AuditCsvExport", text);
}

} // namespace

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
    std::unique_ptr<QSaveFile> file;
    qint64 written = 0;
    bool cancelled = false;
    // The body may run again after a lost connection: it starts its file afresh each time.
    const Status status = m_db.readTransaction([&]() -> Status {
        written = 0;
        file = std::make_unique<QSaveFile>(fileName);
        if (!file->open(QIODevice::WriteOnly))
            return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
        AuditQuery query(m_db);
        auto total = query.count(filter);
        if (!total)
            return total.error();
        CsvWriter csv(file.get());
        if (!csv.writeHeader(header()))
            return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
        if (progress && !progress(0, *total)) {
            cancelled = true;
            return {};
        }
        std::optional<qint64> before;
        for (;;) {
            auto page = query.page(filter, before, std::nullopt, pageSize);
            if (!page)
                return page.error();
            for (const AuditEvent &event : std::as_const(*page)) {
                if (!csv.writeRow(cells(event)))
                    return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
                ++written;
            }
            if (progress && !progress(written, std::max(written, *total))) {
                cancelled = true;
                return {};
            }
            if (page->size() < pageSize)
                return {};
            before = page->last().seq;
        }
    });
    if (!status) {
        if (file)
            file->cancelWriting();
        return Error{status.error().kind,
                     tr("The audit log was not exported; no file was written. %1").arg(status.error().message)};
    }
    if (cancelled) {
        file->cancelWriting();
        return Error::cancelled(tr("Export cancelled after %1 events; no file was written.").arg(written));
    }
    if (!file->commit())
        return Error::input(tr("Cannot save %1: %2; no file was written.").arg(fileName, file->errorString()));
    return written;
}
