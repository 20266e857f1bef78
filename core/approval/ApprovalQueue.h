#pragma once

#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/PendingAdjustment.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class Database;

// The adjustments held for approval (ApprovalGate holds them): listed, and decided once by a
// second person. Approving applies the adjustment in the same database transaction as the
// decision, like any adjustment (a "UserXP" row, the total recalculated, audited); rejecting
// records the decision and changes no XP. A request is decided at most once: the decision is
// a conditional UPDATE of a still-pending row, so of two approvers at once only one wins.
class ApprovalQueue final
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalQueue)

public:
    explicit ApprovalQueue(Database &db) : m_db(db) { }

    enum class Which { Pending, All };
    // Oldest request first; All adds the decided ones.
    Result<QList<PendingAdjustment>> list(Which which = Which::Pending, int limit = 1000);
    Result<std::optional<PendingAdjustment>> find(const QString &id);
    // Every request asked for in [since, until) (UTC; invalid: open), decided or not, oldest first.
    Result<QList<PendingAdjustment>> requested(const QDateTime &since, const QDateTime &until);

    struct Approval
    {
        PendingAdjustment request; // as decided
        LedgerChange change; // the transaction it became and the user's new total
    };
    // decisionReason is optional when approving and required when rejecting.
    Result<Approval> approve(const QString &id, const QString &decisionReason = {});
    Result<PendingAdjustment> reject(const QString &id, const QString &decisionReason);

private:
    // Marks the request decided if it is still pending; an error saying who decided it first otherwise.
    Status claim(const PendingAdjustment &request, PendingAdjustment::State state, const QString &decisionReason);
    Result<PendingAdjustment> pendingForDecision(const QString &id, const QString &decisionReason, bool reasonRequired);

    Database &m_db;
};
