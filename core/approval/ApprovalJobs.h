#pragma once

#include "core/approval/ApprovalQueue.h"
#include "core/db/Job.h"
#include "core/ledger/PendingAdjustment.h"

#include <QString>

#include <optional>

// The Pending Approvals view's work: the threshold read and set (ApprovalGate) and a request
// approved or rejected (ApprovalQueue), as jobs posted to the session's worker.
namespace ApprovalJobs {

// The threshold in XP; empty when approval is off.
Job<std::optional<qint64>> threshold();
// Sets the threshold (empty: off) and reads back what is stored now.
Job<std::optional<qint64>> setThreshold(std::optional<qint64> threshold);
Job<ApprovalQueue::Approval> approve(const QString &id, const QString &decisionReason);
Job<PendingAdjustment> reject(const QString &id, const QString &decisionReason);

} // namespace ApprovalJobs
