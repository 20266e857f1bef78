#include "core/csv/CsvPreview.h"

#include <QCoreApplication>
#include <QFile>

CsvPreview CsvPreview::read(const QString &path, const QStringList &expectedColumns, int maxRows)
{
    CsvPreview preview;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        preview.error = QCoreApplication::translate("CsvPreview", "Cannot read the file: %1").arg(file.errorString());
        return preview;
    }
    CsvReader reader(&file);
    reader.setExpectedColumns(expectedColumns);
    CsvRecord record;
    while (reader.next(record)) {
        if (preview.headerLine == 0) {
            preview.header = record.fields;
            preview.headerLine = record.line;
            continue;
        }
        if (preview.rows.size() == maxRows) {
            preview.more = true;
            break;
        }
        preview.rows << record;
    }
    preview.separator = reader.separator();
    if (reader.failed()) {
        preview.error = reader.error().message;
        preview.errorLine = reader.errorLine();
    }
    return preview;
}
