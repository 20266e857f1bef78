#include "core/alerts/Alert.h"

#include "core/domain/Timestamp.h"

#include <QCoreApplication>

QString Alert::ruleKey(Rule rule)
{
    switch (rule) {
    case Rule::LargeChange:
        return QStringLiteral("large-change");
    case Rule::BusyActor:
        return QStringLiteral("busy-actor");
    case Rule::DirectTotal:
        return QStringLiteral("direct-total");
    }
    return {};
}

QString Alert::ruleLabel(Rule rule)
{
    switch (rule) {
    case Rule::LargeChange:
        return QCoreApplication::translate("Alert", "Large change");
    case Rule::BusyActor:
        return QCoreApplication::translate("Alert", "Many changes in an hour");
    case Rule::DirectTotal:
        return QCoreApplication::translate("Alert", "Direct change of a total");
    }
    return {};
}

QJsonObject Alert::toJson() const
{
    const auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    QJsonObject object{{QStringLiteral("alert"), ruleKey(rule)},
                       {QStringLiteral("seq"), event.seq},
                       {QStringLiteral("firstSeq"), firstSeq > 0 ? firstSeq : event.seq},
                       {QStringLiteral("at"), Timestamp::toIso(event.at)},
                       {QStringLiteral("action"), event.action},
                       {QStringLiteral("actor"), event.actor},
                       {QStringLiteral("operator"), event.operatorName},
                       {QStringLiteral("userId"), orNull(event.userId)},
                       {QStringLiteral("user"), orNull(user)},
                       {QStringLiteral("xpId"), orNull(event.xpId)},
                       {QStringLiteral("amount"), event.amount ? QJsonValue(*event.amount) : QJsonValue()},
                       {QStringLiteral("limit"), rule == Rule::DirectTotal ? QJsonValue() : QJsonValue(limit)},
                       {QStringLiteral("count"), rule == Rule::BusyActor ? QJsonValue(count) : QJsonValue()},
                       {QStringLiteral("message"), sentence}};
    return object;
}
