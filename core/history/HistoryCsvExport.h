#pragma once

#include "core/csv/CsvFormat.h"
#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"

#include <QStringList>
#include <QVariantList>

#include <functional>

class Database;

// Writes every transaction one filter finds to a CSV file, in the order given, a keyset page
// at a time from one consistent snapshot, so memory stays flat for any number of rows. Text
// cells that a spreadsheet would run as a formula are neutralised (CsvWriter); amounts are
// numbers. The file appears only when complete: a failed or cancelled export leaves nothing
// behind, and an existing file of that name untouched. Runs on a worker thread.
class HistoryCsvExport final
{
public:
    // progress(written, total) after every page; returning false cancels.
    using Progress = std::function<bool(qint64, qint64)>;
    static constexpr int DefaultPageSize = 5000;

    explicit HistoryCsvExport(Database &db) : m_db(db) { }

    // The separator and byte order mark of the file (default: plain RFC 4180).
    void setFormat(const CsvFormat &format) { m_format = format; }

    // The header row: the ledger's column names, the same in every language.
    static QStringList header();
    // One transaction as CSV cells (time as ISO 8601 UTC, the amount as a number).
    static QVariantList cells(const XpTransaction &row);

    // Returns the number of transactions written.
    Result<qint64> write(const HistoryFilter &filter, HistoryQuery::Order order, const QString &fileName,
                         const Progress &progress = {}, int pageSize = DefaultPageSize);

private:
    Database &m_db;
    CsvFormat m_format;
};
