#pragma once

#include "core/csv/CsvFormat.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>

class Database;

// The one loop behind every CSV export: a header, then page after page of rows read in one
// consistent snapshot, so memory stays flat for any number of rows. The file appears only when
// complete (QSaveFile): a failed or cancelled export leaves nothing behind, and an existing
// file of that name untouched. Runs on a worker thread.
class PagedCsvExport final
{
    Q_DECLARE_TR_FUNCTIONS(PagedCsvExport)

public:
    // progress(written, total) after every page; returning false cancels.
    using Progress = std::function<bool(qint64, qint64)>;
    // Returns the next page of rows as CSV cells; fewer than a full page ends the export.
    using NextPage = std::function<Result<QList<QVariantList>>()>;

    struct Source
    {
        QStringList header;
        std::function<Result<qint64>()> count; // rows to expect, for progress
        std::function<NextPage()> pages; // a fresh pager from the first page on
        int pageSize = 5000;
        // "%n transactions", "%n events": for messages
        std::function<QString(qint64)> rows;
        CsvFormat format;
    };

    static Result<qint64> write(Database &db, const QString &fileName, const Source &source,
                                const Progress &progress = {});
};
