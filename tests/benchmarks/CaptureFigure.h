#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

// Figure 11: the web app's own award (one transaction: insert a "UserXP" row, SUM the user's
// amounts, upsert "UserProfile"."totalXP", as the seed's awardXP does it) through libpq as an
// outside client, with capture's triggers installed and without, in alternating blocks of the same
// run. The ratio on/off is what capture costs the web app (goal: at most 1.10). PostgreSQL only.
class CaptureFigure final
{
public:
    explicit CaptureFigure(FigureContext context) : m_context(std::move(context)) { }

    Status run(); // 11

private:
    FigureContext m_context;
};
