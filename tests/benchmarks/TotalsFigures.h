#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

// Figures 2 and 3: recalculating every total (none wrong, then some made wrong) and the totals
// by category (everything, and the last 30 days), beside the raw engine's own statements.
class TotalsFigures final
{
public:
    explicit TotalsFigures(FigureContext context) : m_context(std::move(context)) { }

    Status recalculate(); // 2
    Status totals(); // 3

private:
    FigureContext m_context;
};
