#pragma once

#include "core/domain/Result.h"
#include "core/ledger/PendingAdjustment.h"
#include "core/limits/HoldReason.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

class Database;
struct AwardRequest;
struct LedgerChange;

// The maker-checker threshold: a manual adjustment whose absolute amount is above it is not
// applied but held as a pending request until a second person approves or rejects it
// (ApprovalQueue). The threshold is a setting of the database, shared by every desk. So is an
// adjustment above a limit of the person who makes it (core/limits), even with the threshold off.
class ApprovalGate final
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalGate)

public:
    static constexpr qint64 DefaultThreshold = 1000;

    explicit ApprovalGate(Database &db) : m_db(db) { }

    // The threshold in XP; empty when approval is switched off. DefaultThreshold until set.
    Result<std::optional<qint64>> threshold();
    // Sets the threshold (empty: off), audited as "approval-threshold". Refused for a negative value.
    Status setThreshold(std::optional<qint64> threshold);
    // "1000", or "off": how the CLI reads and prints a threshold.
    static QString thresholdText(std::optional<qint64> threshold);
    static Result<std::optional<qint64>> parseThreshold(const QString &text);

    // When |request.amount| is above the threshold or a limit of the connected person, stores the
    // request as pending (audited as "adjust-request", with why in heldFor) and returns it;
    // otherwise returns nothing and changes nothing. The request is checked as an adjustment is:
    // known user, amount, description, reason. Takes the person's day lock (LimitCheck): call it
    // in the transaction that applies the adjustment when it is not held, as holdOrApply() does.
    Result<std::optional<PendingAdjustment>> holdIfAbove(const AwardRequest &request, const QString &reason);
    // Why an adjustment of amount by the connected person would be held (a limit first, then the
    // threshold); none: applied at once. Takes the person's day lock.
    Result<std::optional<HoldReason>> holdReason(qint64 amount);
    // holdIfAbove(), else apply(), in one transaction: two desks of one person decide one after the other.
    Result<LedgerChange> holdOrApply(const AwardRequest &request, const QString &reason,
                                     const std::function<Result<LedgerChange>()> &apply);
    // Whether an amount is above the threshold (threshold: as threshold() read it).
    static bool isAbove(qint64 amount, std::optional<qint64> threshold)
    {
        return threshold && qAbs(amount) > *threshold;
    }

    // A request by the connected person, not stored yet; checked as an adjustment is (amount,
    // description, reason), except that the user exists.
    Result<PendingAdjustment> makeRequest(const AwardRequest &request, const QString &reason) const;
    // Stores requests whose users exist as pending, each audited as "adjust-request" with its id
    // as operation id; in the caller's transaction when there is one (an import), else in its own.
    Status store(const QList<PendingAdjustment> &requests);

private:
    Database &m_db;
};
