#pragma once

#include "core/limits/HoldReason.h"
#include "core/limits/PersonLimits.h"

#include <QString>

#include <optional>

// The words for limits that the command-line tool and the window share (translated, numbers in
// the current locale: "2,000").
namespace LimitText {

// "2,000 XP", or "no limit".
QString limit(std::optional<qint64> value);
// "per change 2,000 XP; today 1,500 of 5,000 XP moved; you can still move 3,500 XP today".
QString room(const PersonLimits &limits);
// "today 1,500 of 5,000 XP moved; you can still move 3,500 XP today" ("today 1,500 XP moved, no
// day limit").
QString today(const PersonLimits &limits);
// "You can still move 3,500 XP today" ("… 0 XP today: every adjustment now waits for approval");
// empty without a day limit.
QString leftToday(const PersonLimits &limits);
// Why an adjustment of amount was (or would be) held: "it is above your limit of 2,000 XP per
// change", "with it you would have moved 6,000 XP today, above your limit of 5,000 XP a day",
// "it is above the approval threshold of 1,000 XP". limits: as read before the adjustment.
QString heldBecause(HoldReason reason, qint64 amount, const PersonLimits &limits, std::optional<qint64> threshold);

} // namespace LimitText
