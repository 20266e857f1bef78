#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/BenchOptions.h"
#include "tests/benchmarks/FigureResult.h"

#include <QList>

class Database;

// Figure 9 (issue 5's speed goal): a legacy file of N new users imported by BatchImporter
// (read, checked, written with an audit event per user and per transaction, totals set), beside
// the raw engine loading the same rows into an empty ledger of its own. Each side gets a fresh,
// empty ledger next to the data set (another SQLite file, or another PostgreSQL database), made
// before the clock starts and removed afterwards.
class LegacyFigure final
{
public:
    LegacyFigure(Database &db, const BenchOptions &options) : m_db(db), m_options(options) { }

    // 9a against the raw load of users, transactions and totals; 9b against the same and an
    // audit row a user, every row the import writes.
    Result<QList<FigureResult>> run();

private:
    Database &m_db; // the data set's connection: creates and drops the PostgreSQL databases
    const BenchOptions &m_options;
};
