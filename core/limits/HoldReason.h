#pragma once

#include <QString>

#include <optional>

// Why an adjustment waits for a second person instead of being applied: the approval threshold
// (core/ledger/ApprovalGate), or one of the connected person's limits (core/limits). Stored in
// pending_adjustment.held_for and in the "adjust-request" event's snapshot as "heldFor".
enum class HoldReason { Threshold, LimitPerChange, LimitPerDay };

namespace HoldReasons {

// "threshold", "limit-per-change", "limit-per-day".
QString key(HoldReason reason);
std::optional<HoldReason> fromKey(const QString &key);

} // namespace HoldReasons
