#include "models/XpFormat.h"

#include "models/CategoryPalette.h"

#include <QRegularExpression>

namespace {

// The locale's numbers, always grouped: the C locale (a system without a language set) leaves
// the separators out by default, and "1409565" is hard to read.
QLocale numbers()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

} // namespace

namespace XpFormat {

QString total(qint64 value)
{
    return numbers().toString(value);
}

QString signedAmount(qint64 value)
{
    const QLocale locale = numbers();
    const QString digits = locale.toString(value);
    return value > 0 ? locale.positiveSign() + digits : digits;
}

QString datePattern(const QLocale &locale)
{
    // The short date of several locales (German, US English) has a two-digit year, which reads
    // ambiguously in an audit trail; the long one spells the weekday. Keep the short one's order
    // and separators, with the year in full.
    QString date = locale.dateFormat(QLocale::ShortFormat);
    static const QRegularExpression year(QStringLiteral("y+"));
    return date.replace(year, QStringLiteral("yyyy"));
}

QString timePattern(const QLocale &locale)
{
    const QString date = datePattern(locale);
    // The short time leaves out seconds; two events a second apart must read apart.
    QString time = locale.timeFormat(QLocale::ShortFormat);
    if (!time.contains(QLatin1Char('s')))
        time.replace(QStringLiteral("mm"), QStringLiteral("mm:ss"));
    return date + QLatin1Char(' ') + time;
}

QString localTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    const QLocale locale;
    return locale.toString(utc.toLocalTime(), timePattern(locale));
}

QString utcTime(const QDateTime &utc)
{
    return utc.isValid() ? utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")) : QString();
}

QVariant amountColor(qint64 value)
{
    if (value == 0)
        return {};
    return value > 0 ? CategoryPalette::positiveAmount() : CategoryPalette::negativeAmount();
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
