#pragma once

#include "core/charts/ChartData.h"

#include <QFont>
#include <Qt>

class QBarCategoryAxis;
class QCategoryAxis;
class QChart;
class QValueAxis;

// Axes that keep fitting their chart as it is resized: round ticks on a value axis, as many time
// buckets labelled as fit, row labels that shrink rather than being cut.
class ChartAxes final
{
public:
    // A value axis that shows every bar, starts at zero (or below, for deductions) and has ticks at
    // round numbers, as many as fit along the plot area without their labels running together.
    // With labelRoom, the axis goes on beyond the longest bar far enough for its value label.
    static void fitValues(QChart *chart, QValueAxis *axis, Qt::Orientation orientation, qreal minimum, qreal maximum,
                          bool labelRoom = false);
    // A time axis labels as many buckets as fit side by side: every one, or every second, third...
    // (each label stands under its own bar; the tooltip names every bucket).
    static void labelBuckets(QChart *chart, QCategoryAxis *axis, const ChartData &data);
    // Category labels of a vertical axis each in their own row: a smaller font when rows are low,
    // never cut to "..." (Qt's rule for that reserves far more than a line of text).
    static void fitRowLabels(QChart *chart, QBarCategoryAxis *axis, const QFont &base);
};
