#include "tests/benchmarks/WriteFigures.h"

#include "core/db/BulkInsert.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/TransactionRows.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/DataSet.h"
#include "tests/benchmarks/LoadRows.h"
#include "tests/benchmarks/PrismaAwards.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

#include <QSet>

#include <memory>

using BenchText::number;
using BenchText::sqlNow;
using SideBySide::compare;
using SideBySide::timed;

Status WriteFigures::bulkLoad()
{
    const int count = m_context.options.loadRows;
    const LoadRows rows = LoadRows::generate(m_context.facts.activeUsers, count, 11);
    const QStringList expressions = TransactionRows::valueExpressions(m_context.db.dialect());
    // XP Admin's bulk path (DemoGenerator, imports): BulkInsert in one write transaction, which
    // the body then rolls back by failing, so the data set stays as it is.
    auto xpadmin = [&]() -> Status {
        const Status status = m_context.db.writeTransaction([&]() -> Status {
            BulkInsert insert(m_context.db, QStringLiteral("\"UserXP\""), TransactionRows::columnNames(), expressions);
            for (int row = 0; row < rows.size(); ++row) {
                if (const Status s = insert.add(rows.values(row)); !s)
                    return s;
            }
            if (const Status s = insert.finish(); !s)
                return s;
            return Error::cancelled(QStringLiteral("rolled back on purpose"));
        });
        if (!status && status.error().kind == Error::Kind::Cancelled)
            return {};
        return status ? Status(Error::database(QStringLiteral("the load was committed"))) : status;
    };
    auto raw = [&]() { return m_context.raw.bulkLoad(rows); };
    Samples x, r;
    if (const Status s = compare(m_context.options.repeat, timed(xpadmin), timed(raw), x, r); !s)
        return s;
    FigureResult result{QStringLiteral("1"),
                        QStringLiteral("bulk load %1 rows (rolled back)").arg(number(count)),
                        x.median(),
                        r.median(),
                        {},
                        {}};
    const double xRate = count / (x.median() / 1000);
    const double rRate = count / (r.median() / 1000);
    result.info = QStringLiteral("%1 vs %2 rows/s").arg(number(xRate), number(rRate));
    result.extra = {{QStringLiteral("rows"), count},
                    {QStringLiteral("xpadmin_rows_per_s"), xRate},
                    {QStringLiteral("raw_rows_per_s"), rRate},
                    {QStringLiteral("runs"), int(x.size())}};
    if (m_context.facts.generationMs > 0) {
        const double demoRate = double(m_context.facts.transactions) / (m_context.facts.generationMs / 1000);
        result.extra.insert(QStringLiteral("demo_generator_rows_per_s"), demoRate);
        result.info += QStringLiteral("; DemoGenerator end to end %1 rows/s").arg(number(demoRate));
    }
    m_context.add(result);
    return {};
}

Status WriteFigures::awards()
{
    // The model's workers sit idle from here on; they hold no transaction.
    const QString description = QStringLiteral("Benchmark award");
    const QByteArray rawDescription = description.toUtf8();
    auto started = PrismaAwards::startIfAsked(m_context);
    if (!started)
        return started.error();
    std::unique_ptr<PrismaAwards> prisma = std::move(*started);
    Samples x, r, p;
    QSet<QString> users;
    for (int i = 0; i < m_context.options.awards; ++i) {
        const QString user = m_context.facts.activeUsers.at(i % m_context.facts.activeUsers.size());
        users.insert(user);
        AwardRequest request;
        request.userId = user;
        request.amount = 10;
        request.sourceType = SourceType::UserProblemAttempt;
        request.sourceId = DataSet::awardSourcePrefix() + QStringLiteral("xp-%1").arg(i);
        request.description = description;
        request.category = Category::CorrectAnswer;
        RawAward raw;
        raw.id = Cuid::generate().toUtf8();
        raw.userId = user.toUtf8();
        raw.amount = 10;
        raw.sourceId = (DataSet::awardSourcePrefix() + QStringLiteral("raw-%1").arg(i)).toUtf8();
        raw.description = rawDescription;
        const Status status = compare(1, timed([&]() -> Status {
                                          auto change = Ledger(m_context.db).award(request);
                                          return change ? Status() : Status(change.error());
                                      }),
                                      timed([&]() -> Status {
                                          raw.now = sqlNow(); // as Ledger::award takes the time inside its transaction
                                          return m_context.raw.award(raw);
                                      }),
                                      x, r);
        if (!status)
            return status;
        if (prisma) {
            // Third, after both: the web app's award as the web app makes it, timed in node.
            auto ms = prisma->award(user, 10, DataSet::awardSourcePrefix() + QStringLiteral("prisma-%1").arg(i));
            if (!ms)
                return ms.error();
            p.add(*ms);
        }
        if (const Status s = SideBySide::sealOthersWrites(m_context.db); !s)
            return s;
    }
    QString info = QStringLiteral("p99 %1 vs %2 ms; %3 users")
                       .arg(x.percentile(99), 0, 'f', 2)
                       .arg(r.percentile(99), 0, 'f', 2)
                       .arg(users.size());
    QJsonObject extra{{QStringLiteral("xpadmin_p99_ms"), x.percentile(99)},
                      {QStringLiteral("raw_p99_ms"), r.percentile(99)},
                      {QStringLiteral("xpadmin_p50_ms"), x.median()},
                      {QStringLiteral("raw_p50_ms"), r.median()},
                      {QStringLiteral("awards"), m_context.options.awards}};
    if (prisma) {
        info += QStringLiteral("; the web app's Prisma client %1 ms (p99 %2), XP Admin %3x of it")
                    .arg(p.median(), 0, 'f', 2)
                    .arg(p.percentile(99), 0, 'f', 2)
                    .arg(x.median() / p.median(), 0, 'f', 2);
        extra.insert(QStringLiteral("prisma_p50_ms"), p.median());
        extra.insert(QStringLiteral("prisma_p99_ms"), p.percentile(99));
    }
    m_context.add({QStringLiteral("7"),
                   QStringLiteral("award, median of %1 (one transaction each)").arg(number(m_context.options.awards)),
                   x.median(), r.median(), info, extra});
    prisma.reset(); // node ends, and with it its connection
    return DataSet::removeAwards(m_context.db);
}
