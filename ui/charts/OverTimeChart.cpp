#include "ui/charts/OverTimeChart.h"

#include "ui/charts/ChartAxes.h"
#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartFrame.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QLegend>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>

std::unique_ptr<QChart> OverTimeChart::build(const ChartData &data, const ChartStyle &style)
{
    auto chart = ChartFrame::create(ChartKind::OverTime, style);
    if (data.isEmpty() || data.buckets.isEmpty()) {
        ChartFrame::showEmpty(chart.get(), style);
        return chart;
    }
    auto *series = new QStackedBarSeries;
    series->setBarWidth(data.buckets.size() > 40 ? 0.95 : 0.8);
    qint64 lowest = 0;
    qint64 highest = 0;
    for (qsizetype i = 0; i < data.buckets.size() && i < data.overTime.size(); ++i) {
        qint64 up = 0;
        qint64 down = 0;
        for (const Category category : ChartBuilder::Categories) {
            if (style.hidden.contains(category))
                continue;
            const qint64 xp = data.overTime.at(i).xp[static_cast<int>(category)];
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
        for (qsizetype i = 0; i < data.buckets.size(); ++i)
            set->append(
                hidden || i >= data.overTime.size() ? 0.0 : double(data.overTime.at(i).xp[static_cast<int>(category)]));
        series->append(set);
    }
    chart->addSeries(series);
    auto *x = new QCategoryAxis;
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    ChartAxes::labelBuckets(chart.get(), x, data);
    auto *y = new QValueAxis;
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    ChartAxes::fitValues(chart.get(), y, Qt::Vertical, double(lowest), double(highest));
    ChartFrame::styleAxis(x, style);
    ChartFrame::styleAxis(y, style);
    chart->legend()->setAlignment(Qt::AlignBottom);
    ChartFrame::styleLegend(chart.get(), style);
    return chart;
}
