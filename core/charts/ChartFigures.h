#pragma once

#include "core/charts/ChartData.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

// The figures behind one chart, as a table (a heading row, then one row per slice, bucket, source
// type or user) and as JSON, for `xpadmin-cli totals --chart` and for copying from the charts view.
namespace ChartFigures {

QList<QStringList> table(const ChartData &data, ChartKind kind);
QJsonObject toJson(const ChartData &data, ChartKind kind);

} // namespace ChartFigures
