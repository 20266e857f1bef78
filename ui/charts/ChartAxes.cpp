#include "ui/charts/ChartAxes.h"

#include "ui/charts/ChartFrame.h"

#include <QBarCategoryAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QFontMetricsF>
#include <QLocale>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace {

// A round step for about `ticks` ticks over span: 1, 2 or 5 times a power of ten.
qreal niceStep(qreal span, int ticks)
{
    const qreal raw = std::max<qreal>(span / std::max(ticks, 1), 1.0);
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const qreal residual = raw / magnitude;
    return magnitude * (residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10);
}

} // namespace

void ChartAxes::fitValues(QChart *chart, QValueAxis *axis, Qt::Orientation orientation, qreal minimum, qreal maximum,
                          bool labelRoom)
{
    minimum = std::min<qreal>(minimum, 0);
    maximum = std::max<qreal>(maximum, 0);
    if (maximum <= minimum)
        maximum = minimum + 1;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    const auto fit = [axis, orientation, minimum, maximum, labelRoom](qreal length) {
        const QFontMetricsF metrics(axis->labelsFont());
        const QString widest = QLocale().toString(qint64(std::max(std::abs(minimum), std::abs(maximum))));
        const qreal perTick
            = orientation == Qt::Horizontal ? metrics.horizontalAdvance(widest) * 1.8 : metrics.height() * 2.5;
        const int ticks = std::clamp(int(length / std::max<qreal>(perTick, 1)), 2, 8);
        const qreal step = niceStep(maximum - minimum, ticks);
        const qreal low = std::floor(minimum / step) * step;
        const qreal room = std::min<qreal>(0.5, (metrics.horizontalAdvance(widest) + 12) / std::max<qreal>(length, 1));
        const qreal high = labelRoom ? maximum / (1 - room) : std::ceil(maximum / step) * step;
        if (axis->tickInterval() != step || axis->min() != low || axis->max() != high) {
            axis->setRange(low, high);
            axis->setTickInterval(step);
        }
    };
    fit(orientation == Qt::Horizontal ? 500 : 300); // until the chart has been laid out
    QObject::connect(chart, &QChart::plotAreaChanged, axis, [fit, orientation](const QRectF &plot) {
        fit(orientation == Qt::Horizontal ? plot.width() : plot.height());
    });
}

void ChartAxes::labelBuckets(QChart *chart, QCategoryAxis *axis, const ChartData &data)
{
    QStringList labels;
    for (const QDate &bucket : data.buckets)
        labels << ChartBuckets::label(bucket, data.unit).toHtmlEscaped();
    const int count = static_cast<int>(labels.size());
    axis->setStartValue(-0.5);
    axis->setRange(-0.5, count - 0.5);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setTruncateLabels(false); // thinned out instead
    const auto fit = [axis, labels, count](qreal width) {
        const QFontMetricsF metrics(axis->labelsFont());
        qreal widest = 0;
        for (const QString &label : labels)
            widest = std::max(widest, metrics.horizontalAdvance(label));
        const qreal slot = width / std::max(count, 1);
        const int every = std::max(1, int(std::ceil((widest * 1.2 + 12) / std::max<qreal>(slot, 1))));
        if (axis->property("every").toInt() == every)
            return;
        axis->setProperty("every", every);
        for (const QString &label : axis->categoriesLabels())
            axis->remove(label);
        for (int i = 0; i < count; i += every)
            axis->append(labels.at(i), i);
        axis->setRange(-0.5, count - 0.5);
    };
    fit(500); // until the chart has been laid out
    QObject::connect(chart, &QChart::plotAreaChanged, axis, [fit](const QRectF &plot) { fit(plot.width()); });
}

void ChartAxes::fitRowLabels(QChart *chart, QBarCategoryAxis *axis, const QFont &base)
{
    axis->setTruncateLabels(false);
    QObject::connect(chart, &QChart::plotAreaChanged, axis, [axis, base](const QRectF &plot) {
        const qreal row = plot.height() / std::max(1, axis->count());
        const QFont font = ChartFrame::fittingFont(
            base, [row](const QFontMetricsF &metrics) { return metrics.height() + 2 <= row; });
        if (axis->labelsFont() != font)
            axis->setLabelsFont(font);
    });
}
