#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

// Figures 1 and 7, the ones that write: a bulk load through BulkInsert (rolled back, so that the
// data set stays as it is) and single awards, each one transaction, beside the raw engine.
class WriteFigures final
{
public:
    explicit WriteFigures(FigureContext context) : m_context(std::move(context)) { }

    Status bulkLoad(); // 1
    Status awards(); // 7

private:
    FigureContext m_context;
};
