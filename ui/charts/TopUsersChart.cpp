#include "ui/charts/TopUsersChart.h"

#include "models/CategoryPalette.h"
#include "ui/charts/ChartAxes.h"
#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartFrame.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

namespace {

constexpr int MaxNameLength = 24;

QString elided(const QString &text)
{
    return text.size() <= MaxNameLength ? text : text.left(MaxNameLength - 1) + QChar(0x2026);
}

} // namespace

std::unique_ptr<QChart> TopUsersChart::build(const ChartData &data, const ChartStyle &style)
{
    auto chart = ChartFrame::create(ChartKind::TopUsers, style);
    if (data.topUsers.isEmpty()) {
        ChartFrame::showEmpty(chart.get(), style);
        return chart;
    }
    auto *series = new QHorizontalBarSeries;
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(15); // significant digits: whole numbers, never "1e+05"
    auto *set = new QBarSet(tr("XP"));
    set->setColor(CategoryPalette::positiveAmount(style.palette));
    set->setBorderColor(CategoryPalette::positiveAmount(style.palette));
    set->setSelectedColor(style.palette.color(QPalette::Highlight));
    set->setLabelColor(ChartFrame::textColor(style));
    set->setLabelFont(ChartFrame::font(style, 0.85));
    QStringList names;
    qint64 lowest = 0;
    qint64 highest = 0;
    const int count = static_cast<int>(data.topUsers.size());
    for (int bar = 0; bar < count; ++bar) {
        const TopUser &user = data.topUsers.at(ChartBuilder::topUserRank(data, bar));
        set->append(double(user.xp));
        lowest = std::min(lowest, user.xp);
        highest = std::max(highest, user.xp);
        QString name = elided(user.displayName()).toHtmlEscaped();
        while (names.contains(name))
            name += QChar(0x200B); // two users of one name: the axis needs distinct labels
        names << name;
    }
    series->append(set);
    chart->addSeries(series);
    for (int bar = 0; bar < count; ++bar) {
        if (!style.highlightedUser.isEmpty()
            && data.topUsers.at(ChartBuilder::topUserRank(data, bar)).userId == style.highlightedUser)
            set->selectBar(bar);
    }
    auto *y = new QBarCategoryAxis;
    y->append(names);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto *x = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    ChartAxes::fitValues(chart.get(), x, Qt::Horizontal, double(lowest), double(highest), true);
    ChartFrame::styleAxis(x, style);
    ChartFrame::styleAxis(y, style);
    ChartAxes::fitRowLabels(chart.get(), y, y->labelsFont());
    chart->legend()->hide();
    return chart;
}
