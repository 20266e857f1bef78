#pragma once

#include "core/db/Job.h"
#include "core/limits/LimitRules.h"
#include "core/limits/PersonLimits.h"

#include <QList>

// The window's work on limits, as jobs posted to the session's worker: the connected person's
// limits and day (the adjust dialog), and the limits set, read and changed (Ledger > Limits…).
namespace LimitJobs {

Job<PersonLimits> connected();
Job<QList<LimitRules::Rule>> rules();
// Sets the limits of one role or person and reads back every limit set.
Job<QList<LimitRules::Rule>> set(LimitRules::Scope scope, const QString &subject, const LimitRules::Change &change);

} // namespace LimitJobs
