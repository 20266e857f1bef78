#pragma once

#include "core/domain/JsonText.h"
#include "core/domain/XpEnums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

// One row of "UserXP".
struct XpTransaction
{
    QString id;
    QString userId;
    qint32 amount = 0;
    SourceType sourceType = SourceType::UserProblemAttempt;
    QString sourceId;
    QString description;
    Category category = Category::CorrectAnswer;
    QDateTime createdAt; // UTC, millisecond precision
    QDateTime updatedAt; // UTC, millisecond precision

    // The full row as JSON, as kept in audit snapshots; fromJson() reads it back.
    QJsonObject toJson() const;
    // The same fields, for snapshots written in bulk: JsonText(...).text() is the same text as
    // JsonText::compact(toJson()), made much faster.
    JsonText toJsonText() const;
    static std::optional<XpTransaction> fromJson(const QJsonObject &object);
};
