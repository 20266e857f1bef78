#pragma once

#include "core/charts/ChartData.h"
#include "ui/charts/ChartStyle.h"

#include <memory>

class QChart;

// Stacked bars per time bucket, one bar set per category.
class OverTimeChart final
{
public:
    static std::unique_ptr<QChart> build(const ChartData &data, const ChartStyle &style);
};
