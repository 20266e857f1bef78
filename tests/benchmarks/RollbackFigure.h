#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

class LoadRows;

// Figure 13: a support desk's rollback of many transactions and its restore (Ledger::rollback and
// Ledger::restore, audited) beside the raw engine deleting the same rows and inserting them again
// with the totals (RawRollback). Each run leaves the data set as it was.
class RollbackFigure final
{
public:
    explicit RollbackFigure(FigureContext context) : m_context(std::move(context)) { }

    Status run(); // 13a, 13b

private:
    // count transactions of the data set picked at random, every column as the database keeps it.
    Result<LoadRows> sample(int count);

    FigureContext m_context;
};
