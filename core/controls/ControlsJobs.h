#pragma once

#include "core/controls/ControlsReport.h"
#include "core/db/Job.h"

#include <QDateTime>

// The controls window's work, as a job for a worker.
namespace ControlsJobs {

// ControlsReport::read: since inclusive, until exclusive (UTC), either invalid for no bound.
Job<ControlsReportData> read(QDateTime since, QDateTime until);

} // namespace ControlsJobs
