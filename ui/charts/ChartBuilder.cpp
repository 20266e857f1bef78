#include "ui/charts/ChartBuilder.h"

#include "models/CategoryPalette.h"
#include "ui/charts/ChartText.h"

#include <QBarCategoryAxis>
#include <QBarLegendMarker>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QFontMetrics>
#include <QGraphicsSimpleTextItem>
#include <QGuiApplication>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLocale>
#include <QPieLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <functional>

namespace {

constexpr std::array<Category, CategoryCount> Categories{Category::CorrectAnswer, Category::StreakBonus,
                                                         Category::Achievement, Category::Manual};
// Source types from the top of the chart down; horizontal bar charts draw their first bar lowest.
constexpr std::array<SourceType, SourceTypeCount> SourceTypesTopDown{
    SourceType::UserProblemAttempt, SourceType::DailyStreak, SourceType::SpecialAchievement,
    SourceType::ManualAdjustment};
constexpr int MaxNameLength = 24;
constexpr qreal MinLabelledShare = 0.025; // smaller slices are labelled in the legend and tooltip only

QFont scaledFont(const ChartStyle &style, qreal factor = 1.0, bool bold = false)
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(font.pointSizeF() * factor * style.fontScale);
    font.setBold(bold);
    return font;
}

QColor textColor(const ChartStyle &style)
{
    return style.palette.color(QPalette::Text);
}

QColor dimmedColor(const ChartStyle &style)
{
    QColor color = textColor(style);
    color.setAlphaF(0.35f);
    return color;
}

qint64 categoryTransactions(const ChartData &data, Category category)
{
    return data.byCategory.transactions[static_cast<int>(category)];
}

QString elided(const QString &text)
{
    return text.size() <= MaxNameLength ? text : text.left(MaxNameLength - 1) + QChar(0x2026);
}

// A round step for about `ticks` ticks over span: 1, 2 or 5 times a power of ten.
qreal niceStep(qreal span, int ticks)
{
    const qreal raw = std::max<qreal>(span / std::max(ticks, 1), 1.0);
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const qreal residual = raw / magnitude;
    return magnitude * (residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10);
}

// A value axis that shows every bar, starts at zero (or below, for deductions) and has ticks at
// round numbers, as many as fit along the plot area without their labels running together.
// With labelRoom, the axis goes on beyond the longest bar far enough for its value label.
void fitValueAxis(QChart *chart, QValueAxis *axis, Qt::Orientation orientation, qreal minimum, qreal maximum,
                  bool labelRoom = false)
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

// A time axis labels as many buckets as fit side by side: every one, or every second, third...
// (each label stands under its own bar; the tooltip names every bucket).
void labelBuckets(QChart *chart, QCategoryAxis *axis, const ChartData &data)
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

// Text that does not fit is cut to "...": in a small chart, a smaller font instead (down to a
// point size still readable), chosen again whenever the chart is resized.
QFont fittingFont(QFont font, const std::function<bool(const QFontMetricsF &)> &fits)
{
    constexpr qreal Smallest = 7.0;
    while (font.pointSizeF() > Smallest && !fits(QFontMetricsF(font)))
        font.setPointSizeF(std::max(Smallest, font.pointSizeF() - 0.5));
    return font;
}

// The legend's entries side by side within the chart's width.
void fitLegend(QChart *chart, const QFont &base)
{
    const auto fit = [chart, base] {
        QLegend *legend = chart->legend();
        const QList<QLegendMarker *> markers = legend->markers();
        const qreal room = chart->size().width() - 24;
        const QFont font = fittingFont(base, [&](const QFontMetricsF &metrics) {
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

// Category labels of a vertical axis each in their own row: a smaller font when rows are low,
// never cut to "..." (Qt's rule for that reserves far more than a line of text).
void fitRowLabels(QChart *chart, QBarCategoryAxis *axis, const QFont &base)
{
    axis->setTruncateLabels(false);
    QObject::connect(chart, &QChart::plotAreaChanged, axis, [axis, base](const QRectF &plot) {
        const qreal row = plot.height() / std::max(1, axis->count());
        const QFont font
            = fittingFont(base, [row](const QFontMetricsF &metrics) { return metrics.height() + 2 <= row; });
        if (axis->labelsFont() != font)
            axis->setLabelsFont(font);
    });
}

} // namespace

std::unique_ptr<QChart> ChartBuilder::build(ChartKind kind, const ChartData &data, const ChartStyle &style)
{
    switch (kind) {
    case ChartKind::CategoryShare:
        return categoryShare(data, style);
    case ChartKind::OverTime:
        return overTime(data, style);
    case ChartKind::SourceType:
        return sourceType(data, style);
    case ChartKind::TopUsers:
        return topUsers(data, style);
    }
    return newChart(kind, style);
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

std::unique_ptr<QChart> ChartBuilder::newChart(ChartKind kind, const ChartStyle &style)
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
    chart->setTitleFont(scaledFont(style, 1.1, true));
    chart->setTitle(style.title.isEmpty() ? ChartKinds::title(kind) : style.title.toHtmlEscaped());
    chart->legend()->setFont(scaledFont(style));
    chart->legend()->setLabelColor(textColor(style));
    return chart;
}

void ChartBuilder::styleAxis(QAbstractAxis *axis, const ChartStyle &style)
{
    axis->setLabelsFont(scaledFont(style, 0.9));
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

void ChartBuilder::styleLegend(QChart *chart, const ChartStyle &style)
{
    QLegend *legend = chart->legend();
    legend->setFont(scaledFont(style));
    legend->setLabelColor(textColor(style));
    legend->setMarkerShape(QLegend::MarkerShapeRectangle);
    fitLegend(chart, scaledFont(style));
    for (QLegendMarker *marker : legend->markers()) {
        const QObject *source = nullptr;
        if (auto *bar = qobject_cast<QBarLegendMarker *>(marker))
            source = bar->barset();
        else if (auto *pie = qobject_cast<QPieLegendMarker *>(marker))
            source = pie->slice();
        const auto category = categoryOf(source);
        if (!category || !style.hidden.contains(*category))
            continue;
        QColor faded = CategoryPalette::color(*category, style.palette);
        faded.setAlphaF(0.25f);
        marker->setBrush(faded);
        marker->setPen(QPen(dimmedColor(style)));
        marker->setLabelBrush(dimmedColor(style));
    }
}

void ChartBuilder::showEmpty(QChart *chart, const ChartStyle &style)
{
    chart->legend()->hide();
    auto *note = new QGraphicsSimpleTextItem(
        style.emptyText.isEmpty() ? tr("No transactions in this range") : style.emptyText, chart);
    note->setFont(scaledFont(style, 1.2));
    note->setBrush(style.palette.color(QPalette::PlaceholderText));
    const auto place = [chart, note] { note->setPos(chart->rect().center() - note->boundingRect().center()); };
    QObject::connect(chart, &QGraphicsWidget::geometryChanged, chart, place);
    place();
}

std::unique_ptr<QChart> ChartBuilder::categoryShare(const ChartData &data, const ChartStyle &style)
{
    auto chart = newChart(ChartKind::CategoryShare, style);
    if (data.isEmpty()) {
        showEmpty(chart.get(), style);
        return chart;
    }
    qint64 shown = 0; // the whole of the donut: XP earned by the categories switched on
    qint64 earned = 0;
    for (const Category category : Categories) {
        const qint64 xp = data.byCategory.xp[static_cast<int>(category)];
        earned += std::max<qint64>(xp, 0);
        if (!style.hidden.contains(category))
            shown += std::max<qint64>(xp, 0);
    }
    auto *series = new QPieSeries;
    series->setHoleSize(0.5);
    series->setPieSize(0.62);
    for (const Category category : Categories) {
        if (categoryTransactions(data, category) == 0)
            continue;
        const qint64 xp = data.byCategory.xp[static_cast<int>(category)];
        const bool isSlice = xp > 0 && !style.hidden.contains(category);
        const double share = isSlice && shown > 0 ? double(xp) / double(shown) : 0.0;
        auto *slice = new QPieSlice(tr("%1<br>%2").arg(ChartText::xp(xp), ChartText::percent(share)),
                                    isSlice ? double(xp) : 0.0);
        slice->setProperty(CategoryProperty, static_cast<int>(category));
        slice->setColor(CategoryPalette::color(category, style.palette));
        slice->setBorderColor(style.palette.color(QPalette::Base));
        slice->setBorderWidth(2);
        slice->setLabelColor(textColor(style));
        slice->setLabelFont(scaledFont(style, 0.9));
        slice->setLabelPosition(QPieSlice::LabelOutside);
        slice->setLabelArmLengthFactor(0.18);
        slice->setLabelVisible(isSlice && share >= MinLabelledShare);
        series->append(slice);
    }
    chart->addSeries(series);
    for (QLegendMarker *marker : chart->legend()->markers(series)) {
        const auto *slice = static_cast<QPieLegendMarker *>(marker)->slice();
        const Category category = *categoryOf(slice);
        const qint64 xp = data.byCategory.xp[static_cast<int>(category)];
        // A category that took more XP than it gave has no slice: the legend says so.
        marker->setLabel(xp > 0 ? XpEnums::label(category)
                                : tr("%1 %2 (net)").arg(XpEnums::label(category), ChartText::xp(xp)));
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    styleLegend(chart.get(), style);
    if (earned == 0) {
        ChartStyle note = style;
        note.emptyText = tr("No XP earned in this range, only deductions");
        showEmpty(chart.get(), note);
        chart->legend()->show();
    }
    return chart;
}

std::unique_ptr<QChart> ChartBuilder::overTime(const ChartData &data, const ChartStyle &style)
{
    auto chart = newChart(ChartKind::OverTime, style);
    if (data.isEmpty() || data.buckets.isEmpty()) {
        showEmpty(chart.get(), style);
        return chart;
    }
    auto *series = new QStackedBarSeries;
    series->setBarWidth(data.buckets.size() > 40 ? 0.95 : 0.8);
    qint64 lowest = 0;
    qint64 highest = 0;
    for (qsizetype i = 0; i < data.buckets.size() && i < data.overTime.size(); ++i) {
        qint64 up = 0;
        qint64 down = 0;
        for (const Category category : Categories) {
            if (style.hidden.contains(category))
                continue;
            const qint64 xp = data.overTime.at(i).xp[static_cast<int>(category)];
            (xp > 0 ? up : down) += xp;
        }
        highest = std::max(highest, up);
        lowest = std::min(lowest, down);
    }
    for (const Category category : Categories) {
        if (categoryTransactions(data, category) == 0)
            continue;
        auto *set = new QBarSet(XpEnums::label(category));
        set->setProperty(CategoryProperty, static_cast<int>(category));
        const QColor color = CategoryPalette::color(category, style.palette);
        set->setColor(color);
        set->setBorderColor(color);
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
    labelBuckets(chart.get(), x, data);
    auto *y = new QValueAxis;
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    fitValueAxis(chart.get(), y, Qt::Vertical, double(lowest), double(highest));
    styleAxis(x, style);
    styleAxis(y, style);
    chart->legend()->setAlignment(Qt::AlignBottom);
    styleLegend(chart.get(), style);
    return chart;
}

std::unique_ptr<QChart> ChartBuilder::sourceType(const ChartData &data, const ChartStyle &style)
{
    auto chart = newChart(ChartKind::SourceType, style);
    if (data.isEmpty()) {
        showEmpty(chart.get(), style);
        return chart;
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.6);
    qint64 lowest = 0;
    qint64 highest = 0;
    for (const SourceType type : SourceTypesTopDown) {
        qint64 up = 0;
        qint64 down = 0;
        for (const Category category : Categories) {
            if (style.hidden.contains(category))
                continue;
            const qint64 xp = data.bySourceType[static_cast<int>(type)].xp[static_cast<int>(category)];
            (xp > 0 ? up : down) += xp;
        }
        highest = std::max(highest, up);
        lowest = std::min(lowest, down);
    }
    for (const Category category : Categories) {
        if (categoryTransactions(data, category) == 0)
            continue;
        auto *set = new QBarSet(XpEnums::label(category));
        set->setProperty(CategoryProperty, static_cast<int>(category));
        const QColor color = CategoryPalette::color(category, style.palette);
        set->setColor(color);
        set->setBorderColor(color);
        const bool hidden = style.hidden.contains(category);
        for (int bar = 0; bar < SourceTypeCount; ++bar) {
            const SourceType type = sourceTypeAt(bar);
            set->append(hidden ? 0.0
                               : double(data.bySourceType[static_cast<int>(type)].xp[static_cast<int>(category)]));
        }
        series->append(set);
    }
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    for (int bar = 0; bar < SourceTypeCount; ++bar)
        y->append(XpEnums::label(sourceTypeAt(bar)));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto *x = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    fitValueAxis(chart.get(), x, Qt::Horizontal, double(lowest), double(highest));
    styleAxis(x, style);
    styleAxis(y, style);
    fitRowLabels(chart.get(), y, y->labelsFont());
    chart->legend()->setAlignment(Qt::AlignBottom);
    styleLegend(chart.get(), style);
    return chart;
}

std::unique_ptr<QChart> ChartBuilder::topUsers(const ChartData &data, const ChartStyle &style)
{
    auto chart = newChart(ChartKind::TopUsers, style);
    if (data.topUsers.isEmpty()) {
        showEmpty(chart.get(), style);
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
    set->setLabelColor(textColor(style));
    set->setLabelFont(scaledFont(style, 0.85));
    QStringList names;
    qint64 lowest = 0;
    qint64 highest = 0;
    const int count = static_cast<int>(data.topUsers.size());
    for (int bar = 0; bar < count; ++bar) {
        const TopUser &user = data.topUsers.at(topUserRank(data, bar));
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
            && data.topUsers.at(topUserRank(data, bar)).userId == style.highlightedUser)
            set->selectBar(bar);
    }
    auto *y = new QBarCategoryAxis;
    y->append(names);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto *x = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    fitValueAxis(chart.get(), x, Qt::Horizontal, double(lowest), double(highest), true);
    styleAxis(x, style);
    styleAxis(y, style);
    fitRowLabels(chart.get(), y, y->labelsFont());
    chart->legend()->hide();
    return chart;
}
