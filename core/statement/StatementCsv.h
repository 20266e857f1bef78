#pragma once

#include "core/csv/CsvFormat.h"
#include "core/domain/Result.h"

struct Statement;

// A statement's lines as CSV: one row per change, with the balance after it; the opening and
// closing balances as the first and last rows. Column names, not prose, like the other exports.
namespace StatementCsv {

QStringList columns();
// Written to a temporary file first: FILE appears only when complete.
Status write(const Statement &statement, const QString &fileName, const CsvFormat &format);

} // namespace StatementCsv
