#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureResult.h"

#include <QList>
#include <QString>

// The results as a table for people and as JSON for tools.
namespace ResultTable {

// "figure  what  XP Admin ms  raw ms  ratio  notes", one line a figure.
QString text(const QList<FigureResult> &results);
// One line, as printed while the benchmark runs.
QString line(const FigureResult &result);
// [{"figure", "title", "xpadmin_ms", "raw_ms", "ratio", "info", ...extra}, ...]; common fields
// (backend, data set size) are added to every entry.
Status writeJson(const QList<FigureResult> &results, const QJsonObject &common, const QString &path);

} // namespace ResultTable
