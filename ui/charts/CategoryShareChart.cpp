#include "ui/charts/CategoryShareChart.h"

#include "models/CategoryPalette.h"
#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartFrame.h"
#include "ui/charts/ChartText.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QPieLegendMarker>
#include <QPieSeries>
#include <QPieSlice>

#include <algorithm>

namespace {

constexpr qreal MinLabelledShare = 0.025; // smaller slices are labelled in the legend and tooltip only

} // namespace

std::unique_ptr<QChart> CategoryShareChart::build(const ChartData &data, const ChartStyle &style)
{
    auto chart = ChartFrame::create(ChartKind::CategoryShare, style);
    if (data.isEmpty()) {
        ChartFrame::showEmpty(chart.get(), style);
        return chart;
    }
    qint64 shown = 0; // the whole of the donut: XP earned by the categories switched on
    qint64 earned = 0;
    for (const Category category : ChartBuilder::Categories) {
        const qint64 xp = data.byCategory.xp[static_cast<int>(category)];
        earned += std::max<qint64>(xp, 0);
        if (!style.hidden.contains(category))
            shown += std::max<qint64>(xp, 0);
    }
    auto *series = new QPieSeries;
    series->setHoleSize(0.5);
    series->setPieSize(0.62);
    for (const Category category : ChartBuilder::Categories) {
        if (ChartBuilder::transactionsOf(data, category) == 0)
            continue;
        const qint64 xp = data.byCategory.xp[static_cast<int>(category)];
        const bool isSlice = xp > 0 && !style.hidden.contains(category);
        const double share = isSlice && shown > 0 ? double(xp) / double(shown) : 0.0;
        auto *slice = new QPieSlice(tr("%1<br>%2").arg(ChartText::xp(xp), ChartText::percent(share)),
                                    isSlice ? double(xp) : 0.0);
        slice->setProperty(ChartBuilder::CategoryProperty, static_cast<int>(category));
        slice->setColor(CategoryPalette::color(category, style.palette));
        slice->setBorderColor(style.palette.color(QPalette::Base));
        slice->setBorderWidth(2);
        slice->setLabelColor(ChartFrame::textColor(style));
        slice->setLabelFont(ChartFrame::font(style, 0.9));
        slice->setLabelPosition(QPieSlice::LabelOutside);
        slice->setLabelArmLengthFactor(0.18);
        slice->setLabelVisible(isSlice && share >= MinLabelledShare);
        series->append(slice);
    }
    chart->addSeries(series);
    for (QLegendMarker *marker : chart->legend()->markers(series)) {
        const auto *slice = static_cast<QPieLegendMarker *>(marker)->slice();
        const Category category = *ChartBuilder::categoryOf(slice);
        const qint64 xp = data.byCategory.xp[static_cast<int>(category)];
        // A category that took more XP than it gave has no slice: the legend says so.
        marker->setLabel(xp > 0 ? XpEnums::label(category)
                                : tr("%1 %2 (net)").arg(XpEnums::label(category), ChartText::xp(xp)));
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    ChartFrame::styleLegend(chart.get(), style);
    if (earned == 0) {
        ChartStyle note = style;
        note.emptyText = tr("No XP earned in this range, only deductions");
        ChartFrame::showEmpty(chart.get(), note);
        chart->legend()->show();
    }
    return chart;
}
