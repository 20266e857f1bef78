#pragma once

#include "core/charts/ChartData.h"
#include "ui/charts/ChartStyle.h"

#include <QCoreApplication>

#include <memory>

class QChart;

// The leaderboard: horizontal bars, the largest on top.
class TopUsersChart final
{
    Q_DECLARE_TR_FUNCTIONS(TopUsersChart)

public:
    static std::unique_ptr<QChart> build(const ChartData &data, const ChartStyle &style);
};
