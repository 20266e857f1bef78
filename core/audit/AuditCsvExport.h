#pragma once

#include "core/audit/AuditQuery.h"
#include "core/csv/CsvFormat.h"
#include "core/domain/Result.h"

#include <QStringList>
#include <QVariantList>

#include <functional>

class Database;

// Writes the audit events one filter matches to a CSV file, newest first, every column
// (snapshot and both hashes included), a page at a time from one consistent snapshot. The file
// appears only when complete: a failed or cancelled export leaves nothing behind, and an
// existing file of that name untouched. Runs on a worker thread.
class AuditCsvExport final
{
public:
    // progress(written, total) after every page; returning false cancels.
    using Progress = std::function<bool(qint64, qint64)>;
    static constexpr int DefaultPageSize = 5000;

    explicit AuditCsvExport(Database &db) : m_db(db) { }

    // The separator and byte order mark of the file (default: plain RFC 4180).
    void setFormat(const CsvFormat &format) { m_format = format; }

    // The header row: the audit table's column names, so the file reads like the table.
    static QStringList header();
    // One event as CSV cells (numbers as numbers, time as ISO 8601 UTC).
    static QVariantList cells(const AuditEvent &event);

    // Returns the number of events written.
    Result<qint64> write(const AuditFilter &filter, const QString &fileName, const Progress &progress = {},
                         int pageSize = DefaultPageSize);

private:
    Database &m_db;
    CsvFormat m_format;
};
