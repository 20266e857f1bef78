#pragma once

#include "core/charts/ChartData.h"
#include "ui/charts/ChartStyle.h"

#include <QCoreApplication>

#include <memory>

class QChart;

// A donut of the XP each category earned; net deductions are legend entries, not slices.
class CategoryShareChart final
{
    Q_DECLARE_TR_FUNCTIONS(CategoryShareChart)

public:
    static std::unique_ptr<QChart> build(const ChartData &data, const ChartStyle &style);
};
