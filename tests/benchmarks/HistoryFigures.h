#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

#include <memory>

class ModelProbe;

// Figures 4, 5 and 6: the history as a view sees it, through HistoryModel on a session of its
// own (ModelProbe): first, oldest and middle pages, and a walk through many rows with
// fetchMore, beside the raw engine reading the same keyset pages.
class HistoryFigures final
{
public:
    explicit HistoryFigures(FigureContext context);
    ~HistoryFigures();

    Status firstPages(); // 4 and 5
    Status walk(); // 6

private:
    FigureContext m_context;
    // The model's session, opened by the first of these figures and kept to the end of the run.
    std::unique_ptr<ModelProbe> m_probe;
};
