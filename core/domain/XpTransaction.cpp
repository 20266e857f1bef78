#include "core/domain/XpTransaction.h"

#include "core/domain/Timestamp.h"

QJsonObject XpTransaction::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("userId"), userId},
        {QStringLiteral("amount"), amount},
        {QStringLiteral("sourceType"), XpEnums::name(sourceType)},
        {QStringLiteral("sourceId"), sourceId},
        {QStringLiteral("description"), description},
        {QStringLiteral("category"), XpEnums::name(category)},
        {QStringLiteral("createdAt"), Timestamp::toIso(createdAt)},
        {QStringLiteral("updatedAt"), Timestamp::toIso(updatedAt)},
    };
}

JsonText XpTransaction::toJsonText() const
{
    const QString created = Timestamp::toIso(createdAt);
    JsonText json;
    json.add(QLatin1StringView("id"), id)
        .add(QLatin1StringView("userId"), userId)
        .add(QLatin1StringView("amount"), amount)
        .add(QLatin1StringView("sourceType"), XpEnums::name(sourceType))
        .add(QLatin1StringView("sourceId"), sourceId)
        .add(QLatin1StringView("description"), description)
        .add(QLatin1StringView("category"), XpEnums::name(category))
        .add(QLatin1StringView("createdAt"), created)
        .add(QLatin1StringView("updatedAt"), updatedAt == createdAt ? created : Timestamp::toIso(updatedAt));
    return json;
}

std::optional<XpTransaction> XpTransaction::fromJson(const QJsonObject &object)
{
    const auto sourceType = XpEnums::sourceTypeFromName(object.value(QStringLiteral("sourceType")).toString());
    const auto category = XpEnums::categoryFromName(object.value(QStringLiteral("category")).toString());
    const QJsonValue amount = object.value(QStringLiteral("amount"));
    if (!sourceType || !category || !amount.isDouble())
        return std::nullopt;
    XpTransaction row;
    row.id = object.value(QStringLiteral("id")).toString();
    row.userId = object.value(QStringLiteral("userId")).toString();
    row.amount = amount.toInt();
    row.sourceType = *sourceType;
    row.sourceId = object.value(QStringLiteral("sourceId")).toString();
    row.description = object.value(QStringLiteral("description")).toString();
    row.category = *category;
    row.createdAt = Timestamp::fromIso(object.value(QStringLiteral("createdAt")).toString());
    row.updatedAt = Timestamp::fromIso(object.value(QStringLiteral("updatedAt")).toString());
    if (row.id.isEmpty() || row.userId.isEmpty() || !row.createdAt.isValid())
        return std::nullopt;
    return row;
}
