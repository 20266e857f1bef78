#pragma once

#include "core/domain/Result.h"

#include <QString>

struct ControlsReportData;

// The controls report as a document an auditor files: the period, who made it and when, then
// the changes held for approval (with the rule that held each one and who decided it), the
// periods closed and reopened (with why), the changes without a required ticket, and the
// manual changes per person. Users by name (the CSV and the JSON have their ids).
namespace ControlsDocument {

struct Options
{
    QString locale; // a QLocale name; empty: the system's
};

QString html(const ControlsReportData &report, const Options &options = {});
// Writes a PDF; FILE appears only when complete.
Status writePdf(const ControlsReportData &report, const QString &fileName, const Options &options = {});

} // namespace ControlsDocument
