#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

// Figure 11: the web app's own award (one transaction: insert a "UserXP" row, SUM the user's
// amounts, upsert "UserProfile"."totalXP", as the seed's awardXP does it) through libpq as an
// outside client, with capture's triggers installed and without, in alternating blocks of the same
// run. The ratio on/off is what capture costs the web app (goal: at most 1.10); 11b, the same with
// the cheapest trigger that keeps a durable row per change, is the floor of any trigger-based
// capture. With --prisma-client, 11c: the same award made by the web app's own Prisma client, in
// turn with the bare statements, capture on against off. PostgreSQL only.
class CaptureFigure final
{
public:
    explicit CaptureFigure(FigureContext context) : m_context(std::move(context)) { }

    Status run(); // 11, 11b, 11c

private:
    // 11b: the same award with the cheapest trigger that records each change durably.
    Status installFloor();
    Status removeFloor();
    // Switches capture's triggers and the floor's on or off (both stay installed).
    Status enableTriggers(bool capture, bool floor);

    FigureContext m_context;
};
