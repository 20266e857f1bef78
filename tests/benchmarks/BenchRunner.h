#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/BenchOptions.h"
#include "tests/benchmarks/DataSet.h"
#include "tests/benchmarks/FigureResult.h"
#include "tests/benchmarks/Samples.h"

#include <QList>

#include <functional>
#include <memory>

class Database;
class ModelProbe;
class RawEngine;

// Runs the figures of issue 6, each as XP Admin's own code path beside the raw engine doing the
// same work, interleaved run by run so that both see the same machine.
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
    Status bulkLoad(); // 1
    Status recalculate(); // 2
    Status totals(); // 3
    Status firstPages(); // 4 and 5
    Status walk(); // 6
    Status awards(); // 7
    Status verify(); // 8
    Status legacyImport(); // 9

    // A step that times itself (so that it can leave its preparation out), in milliseconds.
    using TimedStep = std::function<Result<double>()>;
    // The whole of action, timed.
    static TimedStep timed(std::function<Status()> action);
    // Runs xpadmin and raw alternately `runs` times; the samples of each.
    static Status compare(int runs, const TimedStep &xpadmin, const TimedStep &raw, Samples &xpadminMs, Samples &rawMs);
    void add(FigureResult result);

    BenchOptions m_options;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<RawEngine> m_raw;
    std::unique_ptr<ModelProbe> m_probe;
    DataSetFacts m_facts;
    QList<FigureResult> m_results;
    QString m_loadStart;
};
