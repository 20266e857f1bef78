#pragma once

#include "core/ledger/PendingAdjustment.h"
#include "core/limits/HoldReason.h"
#include "core/periods/ClosedPeriod.h"

#include <QString>

struct ControlsReportData;

// The words of the controls report, shared by its CSV and its PDF (translated).
namespace ControlsText {

QString title();
// "1 Nov 2026 to 30 Nov 2026", "from the beginning to now", ... (the desk's time zone).
QString period(const ControlsReportData &report);
QString heldFor(HoldReason reason); // "above the limit per change"
QString state(PendingAdjustment::State state); // "approved"
QString kind(ClosedPeriod::Kind kind); // "closed", "reopened"

QString heldTitle();
QString periodsTitle();
QString unticketedTitle();
QString peopleTitle();
QString reasonsTitle();
QString noReasonCode(); // the row of the changes made without a code

} // namespace ControlsText
