#include "core/domain/Timestamp.h"

namespace Timestamp {

QDateTime now()
{
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString toIso(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

QDateTime fromIso(const QString &text)
{
    // The form toIso() writes is read quickly; anything else goes through Qt's ISO parser.
    if (text.size() == 24 && text.at(10) == QLatin1Char('T') && text.endsWith(QLatin1Char('Z')))
        return fromSql(QString(text).replace(10, 1, QLatin1Char(' ')).chopped(1));
    QDateTime value = QDateTime::fromString(text, Qt::ISODateWithMs);
    return value.isValid() ? value.toUTC() : QDateTime();
}

QString toSql(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QDateTime fromSql(const QString &text)
{
    // Read field by field: QDateTime::fromString consults the local time zone for every value,
    // which made streaming a few hundred thousand rows take a minute.
    const auto number
        = [&text](int from, int length, bool *ok) { return QStringView(text).mid(from, length).toInt(ok); };
    if (text.size() < 19 || text.at(4) != QLatin1Char('-') || text.at(7) != QLatin1Char('-')
        || text.at(13) != QLatin1Char(':') || text.at(16) != QLatin1Char(':'))
        return {};
    bool ok[7] = {true, true, true, true, true, true, true};
    const QDate date(number(0, 4, &ok[0]), number(5, 2, &ok[1]), number(8, 2, &ok[2]));
    int msec = 0;
    if (text.size() >= 23 && text.at(19) == QLatin1Char('.'))
        msec = number(20, 3, &ok[6]);
    const QTime time(number(11, 2, &ok[3]), number(14, 2, &ok[4]), number(17, 2, &ok[5]), msec);
    for (bool fieldOk : ok) {
        if (!fieldOk)
            return {};
    }
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QDateTime parseUserInput(const QString &raw, bool endOfDay)
{
    const QString text = raw.trimmed();
    const QDate date = text.size() == 10 ? QDate::fromString(text, Qt::ISODate) : QDate();
    if (date.isValid())
        return QDateTime(endOfDay ? date.addDays(1) : date, QTime(0, 0)).toUTC();
    QDateTime value = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!value.isValid())
        value = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!value.isValid())
        value = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return value.isValid() ? value.toUTC() : QDateTime();
}

} // namespace Timestamp
