#include "HistoryCsvExport.h"

#include "db/Database.h"
#include "domain/Timestamp.h"
#include "export/CsvWriter.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSaveFile>

#include <memory>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HistoryCsvExport", text);
}

} // namespace

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
    std::unique_ptr<QSaveFile> file;
    qint64 written = 0;
    bool cancelled = false;
    // The body may run again after a lost connection: it starts its file afresh each time.
    const Status status = m_db.readTransaction([&]() -> Status {
        written = 0;
        file = std::make_unique<QSaveFile>(fileName);
        if (!file->open(QIODevice::WriteOnly))
            return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
        HistoryQuery query(m_db);
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
        std::optional<HistoryCursor> after;
        for (;;) {
            auto page = query.page(filter, after, pageSize, order);
            if (!page)
                return page.error();
            for (const XpTransaction &row : std::as_const(*page)) {
                if (!csv.writeRow(cells(row)))
                    return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
                ++written;
            }
            if (progress && !progress(written, std::max(written, *total))) {
                cancelled = true;
                return {};
            }
            if (page->size() < pageSize)
                return {};
            after = HistoryCursor{page->constLast().createdAt, page->constLast().id};
        }
    });
    if (!status) {
        if (file)
            file->cancelWriting();
        return Error{status.error().kind,
                     tr("The history was not exported; no file was written. %1").arg(status.error().message)};
    }
    if (cancelled) {
        file->cancelWriting();
        return Error::cancelled(
            tr("Export cancelled after %1 transactions; no file was written.").arg(QLocale().toString(written)));
    }
    if (!file->commit())
        return Error::input(tr("Cannot save %1: %2; no file was written.").arg(fileName, file->errorString()));
    return written;
}
