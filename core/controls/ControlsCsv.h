#pragma once

#include "core/csv/CsvFormat.h"
#include "core/domain/Result.h"

#include <QStringList>

struct ControlsReportData;

// The controls report as one CSV for a spreadsheet: a row per finding, its kind in the column
// "section" (held, period, unticketed, person), every row with the header's cells (those that do
// not apply empty). Column names and keys, not prose, like the other exports.
namespace ControlsCsv {

QStringList columns();
// Written to a temporary file first: FILE appears only when complete.
Status write(const ControlsReportData &report, const QString &fileName, const CsvFormat &format);

} // namespace ControlsCsv
