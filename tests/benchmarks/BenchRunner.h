#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/BenchOptions.h"
#include "tests/benchmarks/DataSet.h"
#include "tests/benchmarks/FigureResult.h"

#include <QList>

#include <memory>

class Database;
class RawEngine;

// Runs the figures of issue 6, each as XP Admin's own code path beside the raw engine doing the
// same work, interleaved run by run so that both see the same machine: opens both sides,
// prepares the data set, and hands them to the groups of figures in the order they run.
class BenchRunner final
{
public:
    explicit BenchRunner(BenchOptions options);
    ~BenchRunner();

    // Prepares the data set and runs the figures asked for; the results are in results().
    Status run();
    const QList<FigureResult> &results() const { return m_results; }
    // The machine, the engine and the data set, as printed above the table.
    QString header() const;
    QJsonObject common() const;

private:
    // Shows the result's line on stderr as it comes, and keeps it for the table.
    void add(const FigureResult &result);

    BenchOptions m_options;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<RawEngine> m_raw;
    DataSetFacts m_facts;
    QList<FigureResult> m_results;
    QString m_loadStart;
};
