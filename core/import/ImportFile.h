#pragma once

#include "core/domain/Result.h"
#include "core/import/ImportReport.h"

#include <QCoreApplication>
#include <QIODevice>

#include <functional>
#include <vector>

// Reads an import file: its SHA-256, then every row through CsvTable, checked field by field.
// Rows with problems are left out and listed (all of them, with line and value); the rest
// become entries. Nothing here touches a database.
class ImportFile final
{
    Q_DECLARE_TR_FUNCTIONS(ImportFile)

public:
    // Legacy: userId,totalXP[,email,name]. Adjust: userId,amount,reason[,category,sourceType,
    // sourceId,description,reasonCode,ticket].
    static QStringList requiredColumns(ImportKind kind);
    static QStringList optionalColumns(ImportKind kind);

    // progress(bytes read, file size) now and then; returning false cancels.
    using Progress = std::function<bool(qint64, qint64)>;

    // Fills report (fileName, sha256, rowsRead, blankRows, zeroTotals, problems) and entries.
    // Fails only when the file cannot be read or reading is cancelled.
    static Status read(ImportKind kind, const QString &path, ImportReport &report, std::vector<ImportEntry> &entries,
                       const Progress &progress = {});
    static Status read(ImportKind kind, QIODevice &device, ImportReport &report, std::vector<ImportEntry> &entries,
                       const Progress &progress = {});
};
