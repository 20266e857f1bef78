#include "core/limits/LimitPair.h"

#include "core/domain/Validation.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace {

const QString None = QStringLiteral("none");

} // namespace

QJsonValue LimitPair::json(std::optional<qint64> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject LimitPair::toJson() const
{
    return {{QStringLiteral("perChange"), json(perChange)}, {QStringLiteral("perDay"), json(perDay)}};
}

QString LimitPair::valueText(std::optional<qint64> value)
{
    return value ? QString::number(*value) : None;
}

Result<std::optional<qint64>> LimitPair::parseValue(const QString &field, const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(None, Qt::CaseInsensitive) == 0)
        return std::optional<qint64>();
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (!ok || value < 0 || value > MaxValue)
        return Error::input(QCoreApplication::translate("LimitPair",
                                                        "%1 %2 is not valid: give a whole number of XP from 0 to %3, "
                                                        "or \"none\" for no limit. Nothing was changed.")
                                .arg(field, Validation::quoted(text))
                                .arg(MaxValue));
    return std::optional<qint64>(value);
}
