#pragma once

#include "core/charts/ChartData.h"
#include "ui/charts/ChartStyle.h"

#include <memory>

class QChart;

// Horizontal stacked bars per source type, split by category.
class SourceTypeChart final
{
public:
    static std::unique_ptr<QChart> build(const ChartData &data, const ChartStyle &style);
};
