#include "core/limits/LimitText.h"

#include <QCoreApplication>
#include <QLocale>

namespace LimitText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LimitText", text);
}

QString xp(qint64 value)
{
    return QCoreApplication::translate("LimitText", "%1 XP").arg(QLocale().toString(value));
}

} // namespace

QString limit(std::optional<qint64> value)
{
    return value ? xp(*value) : tr("no limit");
}

QString room(const PersonLimits &limits)
{
    return tr("per change %1; %2").arg(limit(limits.effective().perChange), today(limits));
}

QString today(const PersonLimits &limits)
{
    const auto perDay = limits.effective().perDay;
    if (!perDay)
        return tr("today %1 moved, no day limit").arg(xp(limits.movedToday));
    return tr("today %1 of %2 moved; you can still move %3 today")
        .arg(QLocale().toString(limits.movedToday), xp(*perDay), xp(*limits.leftToday()));
}

QString leftToday(const PersonLimits &limits)
{
    const auto left = limits.leftToday();
    if (!left)
        return {};
    if (*left == 0)
        return tr("You can still move 0 XP today: every adjustment now waits for approval");
    return tr("You can still move %1 today").arg(xp(*left));
}

QString heldBecause(HoldReason reason, qint64 amount, const PersonLimits &limits, std::optional<qint64> threshold)
{
    const LimitPair effective = limits.effective();
    switch (reason) {
    case HoldReason::LimitPerChange:
        return tr("it is above your limit of %1 per change").arg(limit(effective.perChange));
    case HoldReason::LimitPerDay:
        return tr("with it you would have moved %1 today, above your limit of %2 a day")
            .arg(xp(limits.movedToday + qAbs(amount)), limit(effective.perDay));
    case HoldReason::Threshold:
        return threshold ? tr("it is above the approval threshold of %1").arg(xp(*threshold))
                         : tr("it is above the approval threshold");
    }
    return {};
}

} // namespace LimitText
