#pragma once

#include "core/db/Job.h"
#include "core/statement/LedgerDiff.h"

// What changed between two moments, as a job a view posts to the session's worker.
namespace LedgerDiffJobs {

// LedgerDiffQuery::read(from, to, userId).
Job<LedgerDiff> read(const QDateTime &from, const QDateTime &to, const QString &userId);

} // namespace LedgerDiffJobs
