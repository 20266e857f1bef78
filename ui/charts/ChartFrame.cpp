#include "ui/charts/ChartFrame.h"

#include "models/CategoryPalette.h"
#include "ui/charts/ChartBuilder.h"

#include <QAbstractAxis>
#include <QBarLegendMarker>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QGuiApplication>
#include <QLegend>
#include <QLegendMarker>
#include <QPieLegendMarker>

#include <algorithm>

namespace {

QColor dimmedColor(const ChartStyle &style)
{
    QColor color = ChartFrame::textColor(style);
    color.setAlphaF(0.35f);
    return color;
}

// The legend's entries side by side within the chart's width.
void fitLegend(QChart *chart, const QFont &base)
{
    const auto fit = [chart, base] {
        QLegend *legend = chart->legend();
        const QList<QLegendMarker *> markers = legend->markers();
        const qreal room = chart->size().width() - 24;
        const QFont font = ChartFrame::fittingFont(base, [&](const QFontMetricsF &metrics) {
            qreal needed = 0;
            for (const QLegendMarker *marker : markers)
                needed += metrics.horizontalAdvance(marker->label()) + metrics.height() * 1.8;
            return needed <= room;
        });
        if (legend->font() != font)
            legend->setFont(font);
    };
    QObject::connect(chart, &QGraphicsWidget::geometryChanged, chart, fit);
}

} // namespace

std::unique_ptr<QChart> ChartFrame::create(ChartKind kind, const ChartStyle &style)
{
    auto chart = std::make_unique<QChart>();
    // The theme first: it resets colours and fonts, which are then set from the palette.
    chart->setTheme(CategoryPalette::isDark(style.palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(style.palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setLocalizeNumbers(true); // "12,340" on axes and bars, as everywhere else
    chart->setTitleBrush(textColor(style));
    chart->setTitleFont(font(style, 1.1, true));
    chart->setTitle(style.title.isEmpty() ? ChartKinds::title(kind) : style.title.toHtmlEscaped());
    chart->legend()->setFont(font(style));
    chart->legend()->setLabelColor(textColor(style));
    return chart;
}

QFont ChartFrame::font(const ChartStyle &style, qreal factor, bool bold)
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(font.pointSizeF() * factor * style.fontScale);
    font.setBold(bold);
    return font;
}

QColor ChartFrame::textColor(const ChartStyle &style)
{
    return style.palette.color(QPalette::Text);
}

// Text that does not fit is cut to "...": in a small chart, a smaller font instead (down to a
// point size still readable), chosen again whenever the chart is resized.
QFont ChartFrame::fittingFont(QFont font, const std::function<bool(const QFontMetricsF &)> &fits)
{
    constexpr qreal Smallest = 7.0;
    while (font.pointSizeF() > Smallest && !fits(QFontMetricsF(font)))
        font.setPointSizeF(std::max(Smallest, font.pointSizeF() - 0.5));
    return font;
}

void ChartFrame::styleAxis(QAbstractAxis *axis, const ChartStyle &style)
{
    axis->setLabelsFont(font(style, 0.9));
    axis->setLabelsColor(textColor(style));
    QColor line = textColor(style);
    line.setAlphaF(0.45f);
    axis->setLinePenColor(line);
    QColor grid = textColor(style);
    grid.setAlphaF(0.12f);
    axis->setGridLineColor(grid);
    axis->setGridLineVisible(axis->type() == QAbstractAxis::AxisTypeValue);
    axis->setMinorGridLineVisible(false);
}

void ChartFrame::styleLegend(QChart *chart, const ChartStyle &style)
{
    QLegend *legend = chart->legend();
    legend->setFont(font(style));
    legend->setLabelColor(textColor(style));
    legend->setMarkerShape(QLegend::MarkerShapeRectangle);
    fitLegend(chart, font(style));
    for (QLegendMarker *marker : legend->markers()) {
        const QObject *source = nullptr;
        if (auto *bar = qobject_cast<QBarLegendMarker *>(marker))
            source = bar->barset();
        else if (auto *pie = qobject_cast<QPieLegendMarker *>(marker))
            source = pie->slice();
        const auto category = ChartBuilder::categoryOf(source);
        if (!category || !style.hidden.contains(*category))
            continue;
        QColor faded = CategoryPalette::color(*category, style.palette);
        faded.setAlphaF(0.25f);
        marker->setBrush(faded);
        marker->setPen(QPen(dimmedColor(style)));
        marker->setLabelBrush(dimmedColor(style));
    }
}

void ChartFrame::showEmpty(QChart *chart, const ChartStyle &style)
{
    chart->legend()->hide();
    auto *note = new QGraphicsSimpleTextItem(
        style.emptyText.isEmpty() ? tr("No transactions in this range") : style.emptyText, chart);
    note->setFont(font(style, 1.2));
    note->setBrush(style.palette.color(QPalette::PlaceholderText));
    const auto place = [chart, note] { note->setPos(chart->rect().center() - note->boundingRect().center()); };
    QObject::connect(chart, &QGraphicsWidget::geometryChanged, chart, place);
    place();
}
