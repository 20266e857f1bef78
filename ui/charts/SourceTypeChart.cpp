#include "ui/charts/SourceTypeChart.h"

#include "ui/charts/ChartAxes.h"
#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartFrame.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

std::unique_ptr<QChart> SourceTypeChart::build(const ChartData &data, const ChartStyle &style)
{
    auto chart = ChartFrame::create(ChartKind::SourceType, style);
    if (data.isEmpty()) {
        ChartFrame::showEmpty(chart.get(), style);
        return chart;
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.6);
    qint64 lowest = 0;
    qint64 highest = 0;
    for (const SourceType type : ChartBuilder::SourceTypesTopDown) {
        qint64 up = 0;
        qint64 down = 0;
        for (const Category category : ChartBuilder::Categories) {
            if (style.hidden.contains(category))
                continue;
            const qint64 xp = data.bySourceType[static_cast<int>(type)].xp[static_cast<int>(category)];
            (xp > 0 ? up : down) += xp;
        }
        highest = std::max(highest, up);
        lowest = std::min(lowest, down);
    }
    for (const Category category : ChartBuilder::Categories) {
        if (ChartBuilder::transactionsOf(data, category) == 0)
            continue;
        auto *set = ChartBuilder::categorySet(category, style);
        const bool hidden = style.hidden.contains(category);
        for (int bar = 0; bar < SourceTypeCount; ++bar) {
            const SourceType type = ChartBuilder::sourceTypeAt(bar);
            set->append(hidden ? 0.0
                               : double(data.bySourceType[static_cast<int>(type)].xp[static_cast<int>(category)]));
        }
        series->append(set);
    }
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    for (int bar = 0; bar < SourceTypeCount; ++bar)
        y->append(XpEnums::label(ChartBuilder::sourceTypeAt(bar)));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto *x = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    ChartAxes::fitValues(chart.get(), x, Qt::Horizontal, double(lowest), double(highest));
    ChartFrame::styleAxis(x, style);
    ChartFrame::styleAxis(y, style);
    ChartAxes::fitRowLabels(chart.get(), y, y->labelsFont());
    chart->legend()->setAlignment(Qt::AlignBottom);
    ChartFrame::styleLegend(chart.get(), style);
    return chart;
}
