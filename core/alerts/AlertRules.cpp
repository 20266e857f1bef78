#include "core/alerts/AlertRules.h"

#include "core/domain/Validation.h"

namespace {

Error outOfRange(const QString &field, const QString &value, qint64 limit)
{
    return Error::input(AlertRules::tr("The %1 %2 is not valid: give a whole number from 0 (off) to %3")
                            .arg(field, Validation::quoted(value))
                            .arg(limit));
}

} // namespace

QString AlertRules::maxChangeField()
{
    return tr("largest single change (--max-change)");
}

QString AlertRules::maxPerHourField()
{
    return tr("changes an hour by one actor (--max-per-hour)");
}

QString AlertRules::directTotalField()
{
    return tr("direct change of a total (--direct-total)");
}

Status AlertRules::validate() const
{
    if (maxChange < 0 || maxChange > MaxChangeLimit)
        return outOfRange(maxChangeField(), QString::number(maxChange), MaxChangeLimit);
    if (maxPerHour < 0 || maxPerHour > MaxPerHourLimit)
        return outOfRange(maxPerHourField(), QString::number(maxPerHour), MaxPerHourLimit);
    return {};
}

QJsonObject AlertRules::toJson() const
{
    return QJsonObject{{QStringLiteral("maxChange"), maxChange},
                       {QStringLiteral("maxPerHour"), maxPerHour},
                       {QStringLiteral("directTotal"), directTotal}};
}

QString AlertRules::summary() const
{
    const QString change
        = maxChange > 0 ? tr("a single change above %1 XP").arg(maxChange) : tr("a single change above a limit: off");
    const QString busy = maxPerHour > 0 ? tr("more than %1 changes by one actor in an hour").arg(maxPerHour)
                                        : tr("many changes by one actor in an hour: off");
    const QString direct = directTotal ? tr("a direct change of a total: on") : tr("a direct change of a total: off");
    return QStringLiteral("%1; %2; %3").arg(change, busy, direct);
}

Result<qint64> AlertRules::parseLimit(const QString &field, const QString &text, qint64 limit)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0)
        return qint64(0);
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (!ok || value < 0 || value > limit)
        return outOfRange(field, text, limit);
    return value;
}

Result<bool> AlertRules::parseSwitch(const QString &field, const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("on") || t == QLatin1String("yes") || t == QLatin1String("true") || t == QLatin1String("1"))
        return true;
    if (t == QLatin1String("off") || t == QLatin1String("no") || t == QLatin1String("false") || t == QLatin1String("0"))
        return false;
    return Error::input(tr("The %1 %2 is not valid: give on or off").arg(field, Validation::quoted(text)));
}
