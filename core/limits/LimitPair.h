#pragma once

#include "core/domain/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <limits>
#include <optional>

// The two limits of one role or one person: the most XP one manual adjustment may move (up or
// down), and the most one person may move in a local calendar day. Empty: no limit.
struct LimitPair
{
    static constexpr qint64 MaxValue = std::numeric_limits<qint32>::max();

    std::optional<qint64> perChange;
    std::optional<qint64> perDay;

    bool isEmpty() const { return !perChange && !perDay; }
    bool operator==(const LimitPair &other) const = default;
    // {"perChange": 2000, "perDay": null}: null is no limit.
    QJsonObject toJson() const;

    // A limit in JSON: the number, or null for no limit.
    static QJsonValue json(std::optional<qint64> value);
    // "2000", or "none": how the CLI reads and prints one limit.
    static QString valueText(std::optional<qint64> value);
    // A whole number of XP from 0 to MaxValue, or "none"; field names the option in errors.
    static Result<std::optional<qint64>> parseValue(const QString &field, const QString &text);
};
