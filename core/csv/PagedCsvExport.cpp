#include "core/csv/PagedCsvExport.h"

#include "core/csv/CsvWriter.h"
#include "core/db/Database.h"

#include <QSaveFile>

#include <algorithm>
#include <memory>

Result<qint64> PagedCsvExport::write(Database &db, const QString &fileName, const Source &source,
                                     const Progress &progress)
{
    std::unique_ptr<QSaveFile> file;
    qint64 written = 0;
    bool cancelled = false;
    // The body may run again after a lost connection: it starts its file afresh each time.
    const Status status = db.readTransaction([&]() -> Status {
        written = 0;
        file = std::make_unique<QSaveFile>(fileName);
        if (!file->open(QIODevice::WriteOnly))
            return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
        auto total = source.count();
        if (!total)
            return total.error();
        CsvWriter csv(file.get(), source.format);
        if (!csv.writeHeader(source.header))
            return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
        if (progress && !progress(0, *total)) {
            cancelled = true;
            return {};
        }
        const NextPage next = source.pages();
        for (;;) {
            auto page = next();
            if (!page)
                return page.error();
            for (const QVariantList &cells : std::as_const(*page)) {
                if (!csv.writeRow(cells))
                    return Error::input(tr("Cannot write %1: %2").arg(fileName, file->errorString()));
                ++written;
            }
            if (progress && !progress(written, std::max(written, *total))) {
                cancelled = true;
                return {};
            }
            if (page->size() < source.pageSize)
                return {};
        }
    });
    if (!status) {
        if (file)
            file->cancelWriting();
        return Error{status.error().kind,
                     tr("Nothing was exported; no file was written. %1").arg(status.error().message)};
    }
    if (cancelled) {
        file->cancelWriting();
        return Error::cancelled(tr("Export cancelled after %1; no file was written.").arg(source.rows(written)));
    }
    if (!file->commit())
        return Error::input(tr("Cannot save %1: %2; no file was written.").arg(fileName, file->errorString()));
    return written;
}
