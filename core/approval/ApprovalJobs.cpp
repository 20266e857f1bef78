#include "core/approval/ApprovalJobs.h"

#include "core/ledger/ApprovalGate.h"

namespace ApprovalJobs {

Job<std::optional<qint64>> threshold()
{
    return [](Database &db) { return ApprovalGate(db).threshold(); };
}

Job<std::optional<qint64>> setThreshold(std::optional<qint64> threshold)
{
    return [threshold](Database &db) -> Result<std::optional<qint64>> {
        ApprovalGate gate(db);
        if (const Status s = gate.setThreshold(threshold); !s)
            return s.error();
        return gate.threshold();
    };
}

Job<ApprovalQueue::Approval> approve(const QString &id, const QString &decisionReason)
{
    return [id, decisionReason](Database &db) { return ApprovalQueue(db).approve(id, decisionReason); };
}

Job<PendingAdjustment> reject(const QString &id, const QString &decisionReason)
{
    return [id, decisionReason](Database &db) { return ApprovalQueue(db).reject(id, decisionReason); };
}

} // namespace ApprovalJobs
