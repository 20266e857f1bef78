#pragma once

#include "core/audit/AuditReport.h"
#include "core/domain/Result.h"

#include <optional>

class Database;

// Whether an audit report's whole range lies in the closed period, and what the close says of its
// user: the close the range has been closed by ever since (so that a later close of a later day
// changes nothing), its audit event, and the user's total it kept against the rows now.
namespace PeriodReport {

Result<std::optional<AuditReportClosure>> closureFor(Database &db, const AuditReportRequest &request);

} // namespace PeriodReport
