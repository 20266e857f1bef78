#include "core/limits/PersonLimits.h"

#include "core/domain/Timestamp.h"

#include <QJsonValue>

namespace {

// Where a limit comes from: "person", "role", or null without one.
QJsonValue source(std::optional<qint64> own, std::optional<qint64> ofRole)
{
    if (own)
        return QStringLiteral("person");
    return ofRole ? QJsonValue(QStringLiteral("role")) : QJsonValue(QJsonValue::Null);
}

} // namespace

LimitPair PersonLimits::effective() const
{
    return {own.perChange ? own.perChange : ofRole.perChange, own.perDay ? own.perDay : ofRole.perDay};
}

std::optional<qint64> PersonLimits::leftToday() const
{
    const auto perDay = effective().perDay;
    if (!perDay)
        return std::nullopt;
    return std::max<qint64>(0, *perDay - movedToday);
}

std::optional<HoldReason> PersonLimits::holdFor(qint64 amount, qint64 moved) const
{
    const LimitPair limits = effective();
    const qint64 size = qAbs(amount);
    if (limits.perChange && size > *limits.perChange)
        return HoldReason::LimitPerChange;
    if (limits.perDay && moved + size > *limits.perDay)
        return HoldReason::LimitPerDay;
    return std::nullopt;
}

QJsonObject PersonLimits::toJson() const
{
    const LimitPair limits = effective();
    return {{QStringLiteral("person"), person},
            {QStringLiteral("role"), Roles::key(role)},
            {QStringLiteral("perChange"), LimitPair::json(limits.perChange)},
            {QStringLiteral("perDay"), LimitPair::json(limits.perDay)},
            {QStringLiteral("perChangeFrom"), source(own.perChange, ofRole.perChange)},
            {QStringLiteral("perDayFrom"), source(own.perDay, ofRole.perDay)},
            {QStringLiteral("movedToday"), movedToday},
            {QStringLiteral("leftToday"), LimitPair::json(leftToday())},
            {QStringLiteral("dayStart"), Timestamp::toIso(dayStart)},
            {QStringLiteral("dayEnd"), Timestamp::toIso(dayEnd)}};
}
