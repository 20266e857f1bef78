#pragma once

#include "core/domain/Result.h"

#include <functional>

#include <QCoreApplication>

class Database;

struct DemoOptions
{
    int users = 200;
    qint64 transactions = 20000;
    int days = 90;
    quint32 seed = 42;
};

struct DemoSummary
{
    int users = 0;
    qint64 transactions = 0;
    qint64 totalXP = 0;
};

// Realistic sample data: a few very active learners and many occasional ones, most XP from
// correct answers, daily streak bonuses, some achievements and a few manual adjustments, spread
// over the days with more activity in the daytime. Written in one transaction with batched
// prepared inserts (fast enough for millions of rows), totals set from SUM, audited as one event.
class DemoGenerator final
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)

public:
    // progress(done, total) is called now and then; returning false cancels (nothing is kept).
    using Progress = std::function<bool(qint64, qint64)>;

    explicit DemoGenerator(Database &db) : m_db(db) { }

    static Status check(const DemoOptions &options);
    Result<DemoSummary> generate(const DemoOptions &options, const Progress &progress = {});

private:
    Database &m_db;
};
