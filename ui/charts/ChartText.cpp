#include "ui/charts/ChartText.h"

#include "core/charts/ChartLoader.h"

#include <QLocale>

namespace {

constexpr QChar Minus(0x2212);

qint64 positiveTotal(const CategorySums &sums)
{
    qint64 total = 0;
    for (const qint64 xp : sums.xp)
        total += std::max<qint64>(xp, 0);
    return total;
}

} // namespace

QString ChartText::number(qint64 value)
{
    QString text = QLocale().toString(value);
    if (value < 0 && text.startsWith(QLatin1Char('-')))
        text[0] = Minus;
    return text;
}

QString ChartText::xp(qint64 value)
{
    return tr("%1 XP").arg(number(value));
}

QString ChartText::percent(double fraction)
{
    return tr("%1%").arg(QLocale().toString(100.0 * fraction, 'f', 1));
}

QString ChartText::transactions(qint64 count)
{
    return tr("%Ln transaction(s)", nullptr, static_cast<int>(count));
}

QString ChartText::scope(const QString &userId, const QString &displayName)
{
    return ChartLoader::scope(userId, displayName);
}

QString ChartText::range(const ChartData &data)
{
    if (!data.first.isValid() || !data.last.isValid())
        return tr("All time");
    const QLocale locale;
    if (data.first == data.last)
        return locale.toString(data.first, QLocale::ShortFormat);
    return tr("%1 – %2").arg(locale.toString(data.first, QLocale::ShortFormat),
                             locale.toString(data.last, QLocale::ShortFormat));
}

QString ChartText::bucket(const QDate &start, BucketUnit unit)
{
    const QLocale locale;
    switch (unit) {
    case BucketUnit::Day:
        return locale.toString(start, QLocale::LongFormat);
    case BucketUnit::Week:
        return tr("Week of %1").arg(locale.toString(start, QLocale::ShortFormat));
    case BucketUnit::Month:
        return locale.toString(start, QStringLiteral("MMMM yyyy"));
    }
    return {};
}

QString ChartText::exportTitle(ChartKind kind, const ChartData &data, const QString &scope)
{
    // The leaderboard always ranks everyone; it says so even when a user was chosen.
    const QString who = kind == ChartKind::TopUsers ? ChartText::scope({}, {}) : scope;
    return tr("%1 — %2 — %3").arg(ChartKinds::title(kind), who, range(data));
}

QString ChartText::categoryShareTip(const ChartData &data, Category category)
{
    const int c = static_cast<int>(category);
    const qint64 xp = data.byCategory.xp[c];
    const qint64 total = positiveTotal(data.byCategory);
    QString text = XpEnums::label(category) + QLatin1Char('\n') + ChartText::xp(xp);
    if (xp > 0 && total > 0)
        text += tr(" (%1 of the XP earned)").arg(percent(double(xp) / double(total)));
    else
        text += tr(" (a net deduction: not part of the share)");
    text += QLatin1Char('\n') + transactions(data.byCategory.transactions[c]);
    return text;
}

QString ChartText::overTimeTip(const ChartData &data, Category category, int bucket)
{
    if (bucket < 0 || bucket >= data.overTime.size() || bucket >= data.buckets.size())
        return {};
    const int c = static_cast<int>(category);
    const CategorySums &sums = data.overTime.at(bucket);
    return tr("%1\n%2: %3\n%4\nAll categories: %5")
        .arg(ChartText::bucket(data.buckets.at(bucket), data.unit), XpEnums::label(category), xp(sums.xp[c]),
             transactions(sums.transactions[c]), xp(sums.totalXp()));
}

QString ChartText::sourceTypeTip(const ChartData &data, Category category, SourceType type)
{
    const int c = static_cast<int>(category);
    const CategorySums &sums = data.bySourceType[static_cast<int>(type)];
    return tr("%1\n%2: %3\n%4\nAll categories: %5")
        .arg(XpEnums::label(type), XpEnums::label(category), xp(sums.xp[c]), transactions(sums.transactions[c]),
             xp(sums.totalXp()));
}

QString ChartText::topUserTip(const ChartData &data, int rank)
{
    if (rank < 0 || rank >= data.topUsers.size())
        return {};
    const TopUser &user = data.topUsers.at(rank);
    QString who = user.displayName();
    if (!user.email.isEmpty() && user.email != who)
        who += QStringLiteral(" <") + user.email + QLatin1Char('>');
    return tr("#%1 %2\n%3 · %4\nClick to select this user")
        .arg(QString::number(rank + 1), who, xp(user.xp), transactions(user.transactions));
}
