#pragma once

#include "core/charts/ChartData.h"
#include "ui/charts/ChartStyle.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>

#include <functional>
#include <memory>

class QAbstractAxis;
class QChart;
class QFontMetricsF;

// What every chart shares, whatever it shows: the frame (theme, background, title), fonts and
// colours taken from the style, styled axes and legend, and the note shown instead of an empty
// chart.
class ChartFrame final
{
    Q_DECLARE_TR_FUNCTIONS(ChartFrame)

public:
    // An empty chart of this kind, titled and coloured after the style.
    static std::unique_ptr<QChart> create(ChartKind kind, const ChartStyle &style);
    static QFont font(const ChartStyle &style, qreal factor = 1.0, bool bold = false);
    static QColor textColor(const ChartStyle &style);
    // The base font, smaller step by step (down to a size still readable) until the text fits.
    static QFont fittingFont(QFont font, const std::function<bool(const QFontMetricsF &)> &fits);

    static void styleAxis(QAbstractAxis *axis, const ChartStyle &style);
    // Fonts and colours of the legend; the entries of hidden categories dimmed.
    static void styleLegend(QChart *chart, const ChartStyle &style);
    // The style's empty text, or "No transactions in this range", in the middle of the chart.
    static void showEmpty(QChart *chart, const ChartStyle &style);
};
