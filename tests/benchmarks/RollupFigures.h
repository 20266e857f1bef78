#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

// Figure 12: the charts of everyone (category share, over time and source type, which one
// request reads together) and the top users, over all time, a year and a month or a week,
// as the desktop application and `totals --chart` read them, beside the raw engine's plain
// GROUP BY of the same rows. On PostgreSQL the rollups come with capture, which the figure
// installs when it is not (and removes after).
class RollupFigures final
{
public:
    explicit RollupFigures(FigureContext context) : m_context(std::move(context)) { }

    Status run(); // 12a to 12f

private:
    Status charts(const QString &id, int days); // days 0: all time
    Status topUsers(const QString &id, int days);

    FigureContext m_context;
    qint64 m_installMs = -1; // PostgreSQL: capture installed by the figure, the rollups built
};
