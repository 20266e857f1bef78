#include "ui/controls/ReasonCodeChart.h"

#include "core/controls/ControlsReport.h"
#include "core/controls/ControlsText.h"
#include "models/CategoryPalette.h"
#include "ui/charts/ChartAxes.h"
#include "ui/charts/ChartFrame.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

ReasonCodeChart::ReasonCodeChart(QWidget *parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("controlsReasonChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    setAccessibleName(ControlsText::reasonsTitle());
}

void ReasonCodeChart::setReport(const ControlsReportData &report)
{
    m_rows.clear();
    // A horizontal bar chart draws its first category lowest: the report's first code goes last.
    for (auto it = report.reasons.crbegin(); it != report.reasons.crend(); ++it) {
        const QString label
            = it->code.isEmpty() ? ControlsText::noReasonCode() : report.catalog.labelWithCode(it->code);
        m_rows << std::pair{label, std::pair{it->given, it->taken}};
    }
    m_shown = true;
    rebuild();
}

void ReasonCodeChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (m_shown && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange))
        rebuild();
}

void ReasonCodeChart::rebuild()
{
    ChartStyle style;
    style.palette = palette();
    style.title = ControlsText::reasonsTitle();
    style.emptyText = tr("No manual changes in this period");
    // The frame of every chart; the kind only names a chart whose style has no title.
    auto chart = ChartFrame::create(ChartKind::SourceType, style);
    if (m_rows.isEmpty()) {
        ChartFrame::showEmpty(chart.get(), style);
        replaceChart(chart.release());
        return;
    }
    auto *given = new QBarSet(tr("XP given"));
    auto *taken = new QBarSet(tr("XP taken"));
    given->setColor(CategoryPalette::positiveAmount(style.palette));
    taken->setColor(CategoryPalette::negativeAmount(style.palette));
    auto *axisY = new QBarCategoryAxis;
    qint64 highest = 0;
    for (const auto &[label, amounts] : std::as_const(m_rows)) {
        given->append(double(amounts.first));
        taken->append(double(amounts.second));
        axisY->append(label);
        highest = std::max({highest, amounts.first, amounts.second});
    }
    auto *series = new QHorizontalBarSeries;
    given->setLabelColor(ChartFrame::textColor(style));
    taken->setLabelColor(ChartFrame::textColor(style));
    series->append(given);
    series->append(taken);
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(15); // whole numbers, never "1.5e+06"
    chart->addSeries(series);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto *axisX = new QValueAxis;
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    ChartAxes::fitValues(chart.get(), axisX, Qt::Horizontal, 0.0, double(highest), true);
    ChartFrame::styleAxis(axisX, style);
    ChartFrame::styleAxis(axisY, style);
    ChartAxes::fitRowLabels(chart.get(), axisY, axisY->labelsFont());
    chart->legend()->setAlignment(Qt::AlignBottom);
    ChartFrame::styleLegend(chart.get(), style);
    replaceChart(chart.release());
}

void ReasonCodeChart::replaceChart(QChart *chart)
{
    // The view takes the new chart and gives up the old one without deleting it.
    QChart *old = this->chart();
    setChart(chart);
    delete old;
}
