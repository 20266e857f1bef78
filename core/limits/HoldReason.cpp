#include "core/limits/HoldReason.h"

namespace HoldReasons {

QString key(HoldReason reason)
{
    switch (reason) {
    case HoldReason::Threshold:
        return QStringLiteral("threshold");
    case HoldReason::LimitPerChange:
        return QStringLiteral("limit-per-change");
    case HoldReason::LimitPerDay:
        return QStringLiteral("limit-per-day");
    }
    return {};
}

std::optional<HoldReason> fromKey(const QString &key)
{
    for (const HoldReason reason : {HoldReason::Threshold, HoldReason::LimitPerChange, HoldReason::LimitPerDay}) {
        if (HoldReasons::key(reason) == key)
            return reason;
    }
    return std::nullopt;
}

} // namespace HoldReasons
