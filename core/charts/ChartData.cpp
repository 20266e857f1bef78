#include "core/charts/ChartData.h"

#include "core/db/SqlRows.h"

#include <QCoreApplication>
#include <QLocale>

#include <numeric>

namespace ChartKinds {

QString name(ChartKind kind)
{
    switch (kind) {
    case ChartKind::CategoryShare:
        return QStringLiteral("category-share");
    case ChartKind::OverTime:
        return QStringLiteral("over-time");
    case ChartKind::SourceType:
        return QStringLiteral("source-type");
    case ChartKind::TopUsers:
        return QStringLiteral("top-users");
    }
    return {};
}

QString title(ChartKind kind)
{
    switch (kind) {
    case ChartKind::CategoryShare:
        return QCoreApplication::translate("ChartKinds", "XP by Category");
    case ChartKind::OverTime:
        return QCoreApplication::translate("ChartKinds", "XP over Time");
    case ChartKind::SourceType:
        return QCoreApplication::translate("ChartKinds", "XP by Source Type");
    case ChartKind::TopUsers:
        return QCoreApplication::translate("ChartKinds", "Top Users");
    }
    return {};
}

QStringList names()
{
    return {name(ChartKind::CategoryShare), name(ChartKind::OverTime), name(ChartKind::SourceType),
            name(ChartKind::TopUsers)};
}

std::optional<ChartKind> fromName(const QString &text)
{
    const qsizetype index = names().indexOf(text.trimmed());
    if (index < 0)
        return std::nullopt;
    return static_cast<ChartKind>(index);
}

} // namespace ChartKinds

qint64 CategorySums::totalXp() const
{
    return std::accumulate(xp.begin(), xp.end(), qint64(0));
}

qint64 CategorySums::totalTransactions() const
{
    return std::accumulate(transactions.begin(), transactions.end(), qint64(0));
}

QString TopUser::displayName() const
{
    if (!name.trimmed().isEmpty())
        return name;
    if (!email.isEmpty())
        return email;
    return userId;
}

QList<TopUser> TopUser::readAll(SqlRows &rows)
{
    QList<TopUser> top;
    while (rows.next())
        top << TopUser{rows.text(0), rows.text(1), rows.text(2), rows.integer(3), rows.integer(4)};
    return top;
}

namespace ChartBuckets {

BucketUnit unitFor(const QDate &first, const QDate &last)
{
    const qint64 days = first.daysTo(last) + 1;
    if (days <= 31)
        return BucketUnit::Day;
    if (days <= 26 * 7)
        return BucketUnit::Week;
    return BucketUnit::Month;
}

QDate bucketStart(const QDate &date, BucketUnit unit)
{
    switch (unit) {
    case BucketUnit::Day:
        return date;
    case BucketUnit::Week:
        return date.addDays(1 - date.dayOfWeek());
    case BucketUnit::Month:
        return QDate(date.year(), date.month(), 1);
    }
    return date;
}

QList<QDate> buckets(const QDate &first, const QDate &last, BucketUnit unit)
{
    QList<QDate> result;
    if (!first.isValid() || !last.isValid() || last < first)
        return result;
    const QDate end = bucketStart(last, unit);
    for (QDate bucket = bucketStart(first, unit); bucket <= end;) {
        result << bucket;
        switch (unit) {
        case BucketUnit::Day:
            bucket = bucket.addDays(1);
            break;
        case BucketUnit::Week:
            bucket = bucket.addDays(7);
            break;
        case BucketUnit::Month:
            bucket = bucket.addMonths(1);
            break;
        }
    }
    return result;
}

QString label(const QDate &bucket, BucketUnit unit)
{
    const QLocale locale;
    if (unit == BucketUnit::Month)
        return locale.toString(bucket, QStringLiteral("MMM yyyy"));
    return locale.toString(bucket, QStringLiteral("MMM d"));
}

QString unitName(BucketUnit unit)
{
    switch (unit) {
    case BucketUnit::Day:
        return QStringLiteral("day");
    case BucketUnit::Week:
        return QStringLiteral("week");
    case BucketUnit::Month:
        return QStringLiteral("month");
    }
    return {};
}

QDate firstDay(const QDateTime &since)
{
    return since.isValid() ? since.toLocalTime().date() : QDate();
}

QDate lastDay(const QDateTime &until)
{
    return until.isValid() ? until.addMSecs(-1).toLocalTime().date() : QDate();
}

} // namespace ChartBuckets
