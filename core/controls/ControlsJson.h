#pragma once

#include <QJsonObject>

struct ControlsReportData;

// The controls report for scripts (xpadmin-cli report controls --json): fixed keys, times as ISO
// UTC, amounts as numbers, rules and states by their keys ("limit-per-day", "approved").
namespace ControlsJson {

QJsonObject of(const ControlsReportData &report);

} // namespace ControlsJson
