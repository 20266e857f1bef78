#pragma once

#include "core/charts/ChartData.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>

class CancelToken;
class Database;

// What one chart request yields: every figure, and whose they are in words.
struct ChartFiguresOf
{
    ChartData data;
    QString scope; // "Everyone" or "User: Alice Example"
};

// Runs a chart request: checks the user exists, then ChartQuery. Slow on big ranges; the view
// posts it to its own worker thread (ChartJobs::load), the command line calls it directly.
class ChartLoader final
{
    Q_DECLARE_TR_FUNCTIONS(ChartLoader)

public:
    // cancel, when given, stops a request that a newer one has replaced (between time buckets).
    static Result<ChartFiguresOf> load(Database &db, const ChartRequest &request, const CancelToken *cancel = nullptr);
    // "Everyone", or "User: Alice Example" (the id when there is no name).
    static QString scope(const QString &userId, const QString &displayName);
};
