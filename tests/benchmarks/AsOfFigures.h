#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

// Figure 10: a user's statement (10a), and the leaderboard as of a past moment (10b) and now
// (10c), beside the raw engine's window SUM over the user's rows and its plain leaderboard.
class AsOfFigures final
{
public:
    explicit AsOfFigures(FigureContext context) : m_context(std::move(context)) { }

    Status statement(); // 10a
    Status leaderboards(); // 10b, 10c

private:
    // The user of figure 10a: options.statementRows rows written as the web app writes them
    // (unknown to the audit log), then some rolled back and restored by XP Admin, so that the
    // statement reads both kinds. Made once; a reused data set keeps it.
    Result<QString> statementUser();

    FigureContext m_context;
};
