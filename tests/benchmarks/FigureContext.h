#pragma once

#include "tests/benchmarks/BenchOptions.h"
#include "tests/benchmarks/DataSet.h"
#include "tests/benchmarks/FigureResult.h"

#include <functional>

class Database;
class RawEngine;

// What every group of figures works with: both sides (XP Admin's connection to the data set and
// the raw engine's), what was asked for, what the data set holds, and where a result goes.
struct FigureContext
{
    Database &db;
    RawEngine &raw;
    const BenchOptions &options;
    const DataSetFacts &facts;
    std::function<void(const FigureResult &)> add; // shows the result's line and keeps it
};
