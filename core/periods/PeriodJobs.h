#pragma once

#include "core/db/Job.h"
#include "core/domain/XpTransaction.h"
#include "core/periods/ClosedPeriod.h"
#include "core/periods/Periods.h"

#include <optional>

// What the Close Period dialog shows before the click: where the ledger is closed now, and what a
// close up to the day would hold (or why that day cannot be closed).
struct PeriodState
{
    std::optional<ClosedPeriod> current;
    std::optional<PeriodFigures> preview;
    QString refused; // why a close of the day is refused; empty when it may be closed
};

// The window's closed-period work as jobs for the session's workers.
namespace PeriodJobs {

// The closed period now and, when closing, the preview of a close up to day.
Job<PeriodState> state(const QDate &day, bool closing);
Job<ClosedPeriod> close(const QDate &day, const QString &reason);
Job<ClosedPeriod> reopen(const QDate &day, const QString &reason);
// Which of the rows are in the closed period, in words; empty when none (PeriodGuard::rowsInPeriod).
Job<QString> rowsInClosedPeriod(const QList<XpTransaction> &rows);

} // namespace PeriodJobs
