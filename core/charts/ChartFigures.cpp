#include "core/charts/ChartFigures.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ChartFigures {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ChartFigures", text);
}

QJsonObject categoryObject(const CategorySums &sums)
{
    QJsonObject object;
    for (int c = 0; c < CategoryCount; ++c)
        object.insert(XpEnums::name(static_cast<Category>(c)), sums.xp[c]);
    return object;
}

QStringList categoryCells(const CategorySums &sums)
{
    QStringList cells;
    for (int c = 0; c < CategoryCount; ++c)
        cells << QString::number(sums.xp[c]);
    cells << QString::number(sums.totalXp()) << QString::number(sums.totalTransactions());
    return cells;
}

QStringList categoryHeadings()
{
    QStringList headings;
    for (int c = 0; c < CategoryCount; ++c)
        headings << XpEnums::name(static_cast<Category>(c));
    return headings << QCoreApplication::translate("ChartFigures", "XP")
                    << QCoreApplication::translate("ChartFigures", "TRANSACTIONS");
}

QString percent(qint64 part, qint64 whole)
{
    if (whole <= 0 || part <= 0)
        return QStringLiteral("-");
    return QString::number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 'f', 1) + QLatin1Char('%');
}

// The share of a category among the categories that add XP (a share of a net loss means nothing).
qint64 positivePart(const CategorySums &sums)
{
    qint64 total = 0;
    for (const qint64 xp : sums.xp)
        total += std::max<qint64>(xp, 0);
    return total;
}

} // namespace

QList<QStringList> table(const ChartData &data, ChartKind kind)
{
    QList<QStringList> rows;
    switch (kind) {
    case ChartKind::CategoryShare: {
        rows << QStringList{tr("CATEGORY"), tr("XP"), tr("TRANSACTIONS"), tr("SHARE")};
        const qint64 whole = positivePart(data.byCategory);
        for (int c = 0; c < CategoryCount; ++c)
            rows << QStringList{XpEnums::name(static_cast<Category>(c)), QString::number(data.byCategory.xp[c]),
                                QString::number(data.byCategory.transactions[c]),
                                percent(data.byCategory.xp[c], whole)};
        rows << QStringList{tr("(all)"), QString::number(data.byCategory.totalXp()),
                            QString::number(data.byCategory.totalTransactions()), QString()};
        break;
    }
    case ChartKind::OverTime:
        rows << (QStringList{data.unit == BucketUnit::Day        ? tr("DAY")
                                 : data.unit == BucketUnit::Week ? tr("WEEK OF")
                                                                 : tr("MONTH OF")}
                 + categoryHeadings());
        for (qsizetype i = 0; i < data.buckets.size(); ++i)
            rows << (QStringList{data.buckets.at(i).toString(Qt::ISODate)} + categoryCells(data.overTime.at(i)));
        break;
    case ChartKind::SourceType:
        rows << (QStringList{tr("SOURCE TYPE")} + categoryHeadings());
        for (int s = 0; s < SourceTypeCount; ++s)
            rows << (QStringList{XpEnums::name(static_cast<SourceType>(s))} + categoryCells(data.bySourceType[s]));
        break;
    case ChartKind::TopUsers: {
        rows << QStringList{tr("RANK"), tr("USER"), tr("NAME"), tr("XP"), tr("TRANSACTIONS")};
        int rank = 0;
        for (const TopUser &user : data.topUsers)
            rows << QStringList{QString::number(++rank), user.userId, user.displayName(), QString::number(user.xp),
                                QString::number(user.transactions)};
        break;
    }
    }
    return rows;
}

QJsonObject toJson(const ChartData &data, ChartKind kind)
{
    QJsonObject object{{QStringLiteral("chart"), ChartKinds::name(kind)},
                       {QStringLiteral("user"), data.request.userId.isEmpty() ? QJsonValue() : data.request.userId},
                       {QStringLiteral("first"), data.first.toString(Qt::ISODate)},
                       {QStringLiteral("last"), data.last.toString(Qt::ISODate)},
                       {QStringLiteral("xp"), data.byCategory.totalXp()},
                       {QStringLiteral("transactions"), data.byCategory.totalTransactions()}};
    QJsonArray items;
    switch (kind) {
    case ChartKind::CategoryShare:
        for (int c = 0; c < CategoryCount; ++c)
            items.append(QJsonObject{{QStringLiteral("category"), XpEnums::name(static_cast<Category>(c))},
                                     {QStringLiteral("xp"), data.byCategory.xp[c]},
                                     {QStringLiteral("transactions"), data.byCategory.transactions[c]}});
        object.insert(QStringLiteral("categories"), items);
        break;
    case ChartKind::OverTime:
        object.insert(QStringLiteral("unit"), ChartBuckets::unitName(data.unit));
        for (qsizetype i = 0; i < data.buckets.size(); ++i)
            items.append(QJsonObject{{QStringLiteral("start"), data.buckets.at(i).toString(Qt::ISODate)},
                                     {QStringLiteral("xp"), data.overTime.at(i).totalXp()},
                                     {QStringLiteral("transactions"), data.overTime.at(i).totalTransactions()},
                                     {QStringLiteral("byCategory"), categoryObject(data.overTime.at(i))}});
        object.insert(QStringLiteral("buckets"), items);
        break;
    case ChartKind::SourceType:
        for (int s = 0; s < SourceTypeCount; ++s)
            items.append(QJsonObject{{QStringLiteral("sourceType"), XpEnums::name(static_cast<SourceType>(s))},
                                     {QStringLiteral("xp"), data.bySourceType[s].totalXp()},
                                     {QStringLiteral("transactions"), data.bySourceType[s].totalTransactions()},
                                     {QStringLiteral("byCategory"), categoryObject(data.bySourceType[s])}});
        object.insert(QStringLiteral("sourceTypes"), items);
        break;
    case ChartKind::TopUsers:
        for (const TopUser &user : data.topUsers)
            items.append(QJsonObject{{QStringLiteral("userId"), user.userId},
                                     {QStringLiteral("email"), user.email},
                                     {QStringLiteral("name"), user.name},
                                     {QStringLiteral("xp"), user.xp},
                                     {QStringLiteral("transactions"), user.transactions}});
        object.insert(QStringLiteral("users"), items);
        break;
    }
    return object;
}

} // namespace ChartFigures
