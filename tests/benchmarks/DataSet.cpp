#include "tests/benchmarks/DataSet.h"

#include "core/db/Database.h"
#include "core/db/Schema.h"
#include "core/domain/Timestamp.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

namespace {

Result<qint64> count(Database &db, const QString &table)
{
    auto rows = db.run(QStringLiteral("SELECT count(*) FROM %1").arg(table));
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}

} // namespace

Result<DataSetFacts> DataSet::prepare(Database &db, const BenchOptions &options)
{
    DataSetFacts facts;
    auto state = Schema::inspect(db);
    if (!state)
        return state.error();
    qint64 users = 0;
    qint64 transactions = 0;
    if (state->ledgerExists) {
        if (state->version > 0) {
            if (const Status s = removeAwards(db); !s)
                return s.error();
        }
        // Figure 10a's user is the benchmark's own, beside the data set.
        auto u = count(db, QStringLiteral("\"User\" WHERE \"id\" <> '%1'").arg(DataSet::statementUser()));
        auto t = count(db, QStringLiteral("\"UserXP\" WHERE \"userId\" <> '%1'").arg(DataSet::statementUser()));
        if (!u)
            return u.error();
        if (!t)
            return t.error();
        users = *u;
        transactions = *t;
    }
    if (users > 0 || transactions > 0) {
        if (!options.reuse)
            return Error::input(QStringLiteral("%1 already holds %2 users and %3 transactions: give an empty "
                                               "database, or --reuse to measure a data set of the same size")
                                    .arg(db.spec().displayName())
                                    .arg(users)
                                    .arg(transactions));
        if (users != options.users || transactions != options.transactions)
            return Error::input(QStringLiteral("--reuse: %1 holds %2 users and %3 transactions, not the %4 and %5 "
                                               "asked for")
                                    .arg(db.spec().displayName())
                                    .arg(users)
                                    .arg(transactions)
                                    .arg(options.users)
                                    .arg(options.transactions));
        if (const Status s = Schema::requireReady(db); !s)
            return s.error();
    } else if (const Status s = generate(db, options, facts); !s) {
        return s.error();
    }
    facts.users = options.users;
    facts.transactions = options.transactions;
    if (const Status s = describe(db, options, facts); !s)
        return s.error();
    return facts;
}

Status DataSet::generate(Database &db, const BenchOptions &options, DataSetFacts &facts)
{
    auto state = Schema::ensure(db);
    if (!state)
        return state.error();
    DemoOptions demo;
    demo.users = options.users;
    demo.transactions = options.transactions;
    demo.days = options.days;
    std::fprintf(stderr,
                 "xpadmin-bench: generating %d users and %lld transactions over %d days with DemoGenerator...\n",
                 options.users, static_cast<long long>(options.transactions), options.days);
    QElapsedTimer timer;
    timer.start();
    qint64 lastReport = 0;
    auto summary = DemoGenerator(db).generate(demo, [&](qint64 done, qint64 total) {
        if (timer.elapsed() - lastReport > 10000) {
            lastReport = timer.elapsed();
            std::fprintf(stderr, "  %lld of %lld rows, %.0f s\n", static_cast<long long>(done),
                         static_cast<long long>(total), double(lastReport) / 1000);
        }
        return true;
    });
    if (!summary)
        return summary.error();
    facts.generationMs = double(timer.nsecsElapsed()) / 1e6;
    std::fprintf(stderr, "  done in %.1f s (%.0f rows/s)\n", facts.generationMs / 1000,
                 double(options.transactions) / (facts.generationMs / 1000));
    return {};
}

Status DataSet::describe(Database &db, const BenchOptions &options, DataSetFacts &facts)
{
    {
        // The generated users' busiest: not the statement figure's user (figure 10a), whose
        // 99,500 rows would make figure 4 the first page of that user instead.
        auto rows = db.run(QStringLiteral("SELECT \"userId\" FROM \"UserProfile\" WHERE \"userId\" <> :statement "
                                          "ORDER BY \"totalXP\" DESC, \"userId\" LIMIT 1"),
                           {{QStringLiteral(":statement"), statementUser()}});
        if (!rows)
            return rows.error();
        if (!rows->next())
            return Error::input(QStringLiteral("The data set has no users with XP"));
        facts.busiestUser = rows->text(0);
    }
    {
        auto rows = db.run(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :user"),
                           {{QStringLiteral(":user"), facts.busiestUser}});
        if (!rows)
            return rows.error();
        facts.busiestUserRows = rows->next() ? rows->integer(0) : 0;
    }
    {
        auto rows = db.run(QStringLiteral("SELECT \"createdAt\" FROM \"UserXP\" ORDER BY \"createdAt\" DESC "
                                          "LIMIT 1 OFFSET :half"),
                           {{QStringLiteral(":half"), options.transactions / 2}});
        if (!rows)
            return rows.error();
        if (!rows->next())
            return Error::input(QStringLiteral("The data set has no transactions"));
        facts.middleCreatedAt = db.dialect().readTimestamp(rows->value(0));
    }
    {
        auto rows = db.run(QStringLiteral("SELECT max(\"id\") FROM \"UserXP\" WHERE \"createdAt\" = %1")
                               .arg(db.dialect().timestampParam(QStringLiteral(":at"))),
                           {{QStringLiteral(":at"), Timestamp::toSql(facts.middleCreatedAt)}});
        if (!rows)
            return rows.error();
        facts.middleId = rows->next() ? rows->text(0) : QString();
    }
    // Users in proportion to their activity: the user of randomly chosen transactions.
    constexpr int Wanted = 2000;
    QRandomGenerator random(7);
    if (db.dialect().isPostgres()) {
        const double percent = std::min(100.0, 100.0 * 2 * Wanted / double(std::max<qint64>(1, options.transactions)));
        auto rows = db.run(QStringLiteral("SELECT \"userId\" FROM \"UserXP\" TABLESAMPLE BERNOULLI (:percent) "
                                          "REPEATABLE (7) LIMIT :wanted"),
                           {{QStringLiteral(":percent"), percent}, {QStringLiteral(":wanted"), Wanted}});
        if (!rows)
            return rows.error();
        while (rows->next())
            facts.activeUsers << rows->text(0);
    } else {
        qint64 maxRowid = 0;
        {
            auto rows = db.run(QStringLiteral("SELECT max(rowid) FROM \"UserXP\""));
            if (!rows)
                return rows.error();
            maxRowid = rows->next() ? rows->integer(0) : 0;
        }
        for (int attempt = 0; attempt < 4 * Wanted && facts.activeUsers.size() < Wanted; ++attempt) {
            auto rows = db.run(QStringLiteral("SELECT \"userId\" FROM \"UserXP\" WHERE rowid = :rowid"),
                               {{QStringLiteral(":rowid"), 1 + qint64(random.bounded(quint64(maxRowid)))}});
            if (!rows)
                return rows.error();
            if (rows->next())
                facts.activeUsers << rows->text(0);
        }
    }
    std::shuffle(facts.activeUsers.begin(), facts.activeUsers.end(), random);
    if (facts.activeUsers.isEmpty())
        return Error::input(QStringLiteral("No users could be drawn from the data set"));
    return {};
}

Status DataSet::removeAwards(Database &db)
{
    const Dialect &d = db.dialect();
    const QString prefix = awardSourcePrefix();
    // A range on ("sourceType", "sourceId"), the index delete-source uses.
    QStringList ids;
    {
        auto rows = db.run(QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE \"sourceType\" = %1 AND \"sourceId\" >= "
                                          ":from AND \"sourceId\" < :to")
                               .arg(d.sourceTypeParam(QStringLiteral(":type"))),
                           {{QStringLiteral(":type"), QVariant(QStringLiteral("USER_PROBLEM_ATTEMPT"))},
                            {QStringLiteral(":from"), QVariant(prefix)},
                            {QStringLiteral(":to"), QVariant(QString(prefix.chopped(1) + QLatin1Char('.')))}});
        if (!rows)
            return rows.error();
        while (rows->next())
            ids << rows->text(0);
    }
    if (ids.isEmpty())
        return {};
    // Rolled back as the ledger does it, audited: verify holds every row against the log, and a
    // row deleted behind the log's back would be a difference.
    auto removed = Ledger(db).rollback(ids, QStringLiteral("benchmark awards removed"));
    return removed ? Status() : Status(removed.error());
}
