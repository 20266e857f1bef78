#pragma once

#include "core/limits/HoldReason.h"
#include "core/limits/LimitPair.h"
#include "core/roles/Role.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// One person's limits and what they moved today (LimitCheck reads them). The person's own limit
// replaces their role's, limit by limit. What a person moved in a day is the sum of |amount| of
// the manual adjustments they made that local calendar day, in either direction: those applied
// at once, and those they asked for that wait for approval or were approved (a rejected request
// moved nothing). An adjustment another person's approval applied counts for its maker, not for
// the approver.
struct PersonLimits
{
    QString person; // PostgreSQL: the login; SQLite: the operator (--actor)
    Role role = Role::Unrestricted; // whose limits apply besides the person's own
    LimitPair own;
    LimitPair ofRole;
    qint64 movedToday = 0;
    QDateTime dayStart; // UTC: the start of the local calendar day
    QDateTime dayEnd; // UTC: the start of the next one

    LimitPair effective() const;
    // What the person may still move today without approval (0 when used up); empty: no day limit.
    std::optional<qint64> leftToday() const;
    // Why an adjustment of amount, after moved XP today, would wait for approval; none: applied.
    // The limit per change is named first when both are passed.
    std::optional<HoldReason> holdFor(qint64 amount, qint64 moved) const;
    std::optional<HoldReason> holdFor(qint64 amount) const { return holdFor(amount, movedToday); }
    // {"person", "role", "perChange", "perDay", "perChangeFrom", "perDayFrom", "movedToday",
    //  "leftToday", "dayStart", "dayEnd"}; null where there is no limit.
    QJsonObject toJson() const;
};
