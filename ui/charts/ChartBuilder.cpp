#include "ui/charts/ChartBuilder.h"

#include "models/CategoryPalette.h"
#include "ui/charts/CategoryShareChart.h"
#include "ui/charts/ChartFrame.h"
#include "ui/charts/OverTimeChart.h"
#include "ui/charts/SourceTypeChart.h"
#include "ui/charts/TopUsersChart.h"

#include <QBarSet>
#include <QChart>
#include <QObject>
#include <QVariant>

#include <algorithm>

std::unique_ptr<QChart> ChartBuilder::build(ChartKind kind, const ChartData &data, const ChartStyle &style)
{
    switch (kind) {
    case ChartKind::CategoryShare:
        return CategoryShareChart::build(data, style);
    case ChartKind::OverTime:
        return OverTimeChart::build(data, style);
    case ChartKind::SourceType:
        return SourceTypeChart::build(data, style);
    case ChartKind::TopUsers:
        return TopUsersChart::build(data, style);
    }
    return ChartFrame::create(kind, style);
}

std::optional<Category> ChartBuilder::categoryOf(const QObject *sliceOrSet)
{
    const QVariant value = sliceOrSet ? sliceOrSet->property(CategoryProperty) : QVariant();
    if (!value.isValid())
        return std::nullopt;
    return static_cast<Category>(value.toInt());
}

int ChartBuilder::topUserRank(const ChartData &data, int barIndex)
{
    const int count = static_cast<int>(data.topUsers.size());
    return barIndex >= 0 && barIndex < count ? count - 1 - barIndex : -1;
}

SourceType ChartBuilder::sourceTypeAt(int barIndex)
{
    return SourceTypesTopDown[std::clamp(SourceTypeCount - 1 - barIndex, 0, SourceTypeCount - 1)];
}

qint64 ChartBuilder::transactionsOf(const ChartData &data, Category category)
{
    return data.byCategory.transactions[static_cast<int>(category)];
}

QBarSet *ChartBuilder::categorySet(Category category, const ChartStyle &style)
{
    auto *set = new QBarSet(XpEnums::label(category));
    set->setProperty(CategoryProperty, static_cast<int>(category));
    const QColor color = CategoryPalette::color(category, style.palette);
    set->setColor(color);
    set->setBorderColor(color);
    return set;
}
