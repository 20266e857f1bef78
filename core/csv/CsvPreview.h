#pragma once

#include "core/csv/CsvReader.h"

#include <QList>
#include <QString>
#include <QStringList>

// The first rows of a CSV file as they are written, header included, for a person to look at
// before anything is checked: at most maxRows records are read, so even a huge file is quick.
class CsvPreview final
{
public:
    static constexpr int DefaultRows = 50;

    // expectedColumns decide a header with both commas and semicolons (CsvSeparator::detect).
    static CsvPreview read(const QString &path, const QStringList &expectedColumns = {}, int maxRows = DefaultRows);

    QStringList header;
    qint64 headerLine = 0;
    QList<CsvRecord> rows;
    char separator = ','; // as found in the header line
    bool more = false; // the file has rows after these
    QString error; // why reading stopped early, if it did
    qint64 errorLine = 0;
};
