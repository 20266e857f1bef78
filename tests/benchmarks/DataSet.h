#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/BenchOptions.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

class Database;

// What the figures need to know about the data set.
struct DataSetFacts
{
    qint64 transactions = 0;
    qint64 users = 0;
    double generationMs = -1; // DemoGenerator's time in this run; -1 when the data set was reused
    QString busiestUser; // the top of the leaderboard
    qint64 busiestUserRows = 0;
    QDateTime middleCreatedAt; // the row halfway down everyone's history, newest first
    QString middleId;
    QStringList activeUsers; // users drawn in proportion to their transactions (awards, loads)
};

// The data set: made with XP Admin's own bulk path (DemoGenerator) in an empty database, or an
// existing one of the same size taken as it is (--reuse).
class DataSet final
{
public:
    static Result<DataSetFacts> prepare(Database &db, const BenchOptions &options);
    // Deletes what figure 7 added (source ids "bench-award-...") and sets those users' totals
    // again, so that a reused data set keeps its size from run to run.
    static Status removeAwards(Database &db);
    // The user of figure 10a's statement, kept beside the data set (AsOfFigures).
    static QString statementUser() { return QStringLiteral("bench-statement"); }

    static QString awardSourcePrefix() { return QStringLiteral("bench-award-"); }

private:
    static Status generate(Database &db, const BenchOptions &options, DataSetFacts &facts);
    static Status describe(Database &db, const BenchOptions &options, DataSetFacts &facts);
};
