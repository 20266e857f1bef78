#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

// Figure 8: verify (the whole audit chain hashed, every total checked against SUM, every row held
// against the audit log) beside the raw engine's drift query, a read of the whole audit log, and
// the same row comparison in plain SQL.
class VerifyFigure final
{
public:
    explicit VerifyFigure(FigureContext context) : m_context(std::move(context)) { }

    Status run(); // 8

private:
    FigureContext m_context;
};
