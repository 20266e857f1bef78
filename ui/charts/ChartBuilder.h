#pragma once

#include "core/charts/ChartData.h"

#include <QCoreApplication>
#include <QPalette>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class QAbstractAxis;
class QChart;

// How a chart is drawn, beyond its figures.
struct ChartStyle
{
    QPalette palette; // colours of background, text and categories (light or dark)
    QString title; // empty: the chart's name
    QSet<Category> hidden; // switched off in the legend: zero size, dimmed legend entry
    QString highlightedUser; // drawn in the selection colour in the leaderboard
    QString emptyText; // shown instead of an empty chart; empty: "No transactions in this range"
    qreal fontScale = 1.0; // larger text for exported images
};

// Builds the four charts of XP from one ChartData: the view shows them and the exporter renders
// them, so both draw exactly the same thing. Every slice and category bar set carries its
// category in CategoryProperty; colours come from CategoryPalette, as in the history table.
class ChartBuilder final
{
    Q_DECLARE_TR_FUNCTIONS(ChartBuilder)

public:
    static constexpr const char *CategoryProperty = "xpCategory";

    static std::unique_ptr<QChart> build(ChartKind kind, const ChartData &data, const ChartStyle &style);

    // A donut of the XP each category earned; net deductions are legend entries, not slices.
    static std::unique_ptr<QChart> categoryShare(const ChartData &data, const ChartStyle &style);
    // Stacked bars per time bucket, one bar set per category.
    static std::unique_ptr<QChart> overTime(const ChartData &data, const ChartStyle &style);
    // Horizontal stacked bars per source type, split by category.
    static std::unique_ptr<QChart> sourceType(const ChartData &data, const ChartStyle &style);
    // The leaderboard: horizontal bars, the largest on top.
    static std::unique_ptr<QChart> topUsers(const ChartData &data, const ChartStyle &style);

    // The category a slice or bar set stands for.
    static std::optional<Category> categoryOf(const QObject *sliceOrSet);
    // The rank (index in data.topUsers) of the leaderboard bar at barIndex.
    static int topUserRank(const ChartData &data, int barIndex);
    // The source type of the source-type bar at barIndex.
    static SourceType sourceTypeAt(int barIndex);

private:
    static std::unique_ptr<QChart> newChart(ChartKind kind, const ChartStyle &style);
    static void styleAxis(QAbstractAxis *axis, const ChartStyle &style);
    static void styleLegend(QChart *chart, const ChartStyle &style);
    static void showEmpty(QChart *chart, const ChartStyle &style);
};
