#include "models/XpFormat.h"

#include <QLocale>

namespace XpFormat {

QString total(qint64 value)
{
    return QLocale().toString(value);
}

QString signedAmount(qint64 value)
{
    const QString digits = QLocale().toString(value);
    return value > 0 ? QLocale().positiveSign() + digits : digits;
}

QString localTime(const QDateTime &utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString utcTime(const QDateTime &utc)
{
    return utc.isValid() ? utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")) : QString();
}

QString user(const QString &id, const QString &name, const QString &email)
{
    if (!name.trimmed().isEmpty())
        return name;
    if (!email.isEmpty())
        return email;
    return id;
}

QString source(SourceType type, const QString &sourceId)
{
    return XpEnums::label(type) + QLatin1Char(' ') + sourceId;
}

} // namespace XpFormat
