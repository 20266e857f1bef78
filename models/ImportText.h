#pragma once

#include "core/import/ImportJob.h"
#include "core/import/ImportReport.h"

#include <QCoreApplication>
#include <QString>

// The words and numbers the import wizard's pages share.
class ImportText final
{
    Q_DECLARE_TR_FUNCTIONS(ImportText)

public:
    static QString kindTitle(ImportKind kind);
    static QString kindExplanation(ImportKind kind);
    // "userId, totalXP" as rich text, for the columns a file of this kind must and may have.
    static QString columnsHtml(ImportKind kind);

    static QString number(qint64 value);
    static QString signedNumber(qint64 value);
    static QString bytes(qint64 value);
    static QString duration(qint64 milliseconds);
    static QString rate(qint64 done, qint64 milliseconds); // "12,345 rows/s", empty when unknown

    // "Writing: 12,288 of 50,000 transactions (24,100 rows/s)".
    static QString progress(const ImportJob::Progress &progress);
    // Adjustments above the approval threshold, for the figures: "3 (above 1,000 XP: they wait for
    // another admin's approval)", "none (approval is off)".
    static QString held(const ImportReport &report);

    // What happened to a finished job that has no report (failed or cancelled), in words.
    static QString failure(const Error &error);
};
