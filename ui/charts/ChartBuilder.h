#pragma once

#include "core/charts/ChartData.h"
#include "ui/charts/ChartStyle.h"

#include <array>
#include <memory>
#include <optional>

class QBarSet;
class QChart;
class QObject;

// Builds the four charts of XP from one ChartData: the view shows them and the exporter renders
// them, so both draw exactly the same thing. Every slice and category bar set carries its
// category in CategoryProperty; colours come from CategoryPalette, as in the history table.
class ChartBuilder final
{
public:
    static constexpr const char *CategoryProperty = "xpCategory";
    // The order of categories in every chart: slices, bar sets and legend entries.
    static constexpr std::array<Category, CategoryCount> Categories{Category::CorrectAnswer, Category::StreakBonus,
                                                                    Category::Achievement, Category::Manual};
    // Source types from the top of the chart down; horizontal bar charts draw their first bar lowest.
    static constexpr std::array<SourceType, SourceTypeCount> SourceTypesTopDown{
        SourceType::UserProblemAttempt, SourceType::DailyStreak, SourceType::SpecialAchievement,
        SourceType::ManualAdjustment};

    static std::unique_ptr<QChart> build(ChartKind kind, const ChartData &data, const ChartStyle &style);

    // The category a slice or bar set stands for.
    static std::optional<Category> categoryOf(const QObject *sliceOrSet);
    // The rank (index in data.topUsers) of the leaderboard bar at barIndex.
    static int topUserRank(const ChartData &data, int barIndex);
    // The source type of the source-type bar at barIndex.
    static SourceType sourceTypeAt(int barIndex);
    // How many transactions of this category the figures hold: none, and it has no slice or bar set.
    static qint64 transactionsOf(const ChartData &data, Category category);
    // An empty bar set of one category, in its colour and tagged for categoryOf(); the caller's
    // series takes it.
    static QBarSet *categorySet(Category category, const ChartStyle &style);
};
