#include "tests/benchmarks/CaptureFigure.h"

#include "core/capture/CaptureInstaller.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/DataSet.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

#include <QElapsedTimer>

#include <cstdio>

using BenchText::number;
using BenchText::sqlNow;

Status CaptureFigure::run()
{
    if (!m_context.db.dialect().isPostgres()) {
        std::fprintf(stderr, "figure 11: capture is PostgreSQL's; skipped on SQLite\n");
        return {};
    }
    if (auto status = CaptureInstaller(m_context.db).status(); !status)
        return status.error();
    else if (status->installed)
        return Error::input(QStringLiteral("figure 11 measures with capture on and off: remove capture first"));
    // Off, the floor and on in turns, so that all three see the same machine and the same table.
    enum Kind { Off, Floor, On, Kinds };
    constexpr int Blocks = 4 * Kinds;
    const int perBlock = std::max(1, m_context.options.awards / (Blocks / Kinds * 2));
    const QByteArray description("Benchmark award");
    Samples off, floor, on;
    qint64 sealedRecords = 0;
    int next = 0;
    for (int block = 0; block < Blocks; ++block) {
        const Kind kind = Kind(block % Kinds);
        if (kind == On) {
            if (const Status s = CaptureInstaller(m_context.db).install(); !s)
                return s;
        } else if (kind == Floor) {
            if (const Status s = installFloor(); !s)
                return s;
        }
        for (int i = 0; i < perBlock; ++i, ++next) {
            RawAward raw;
            raw.id = Cuid::generate().toUtf8();
            raw.userId = m_context.facts.activeUsers.at(next % m_context.facts.activeUsers.size()).toUtf8();
            raw.amount = 10;
            raw.sourceId = (DataSet::awardSourcePrefix() + QStringLiteral("web-%1").arg(next)).toUtf8();
            raw.description = description;
            raw.now = sqlNow();
            QElapsedTimer timer;
            timer.start();
            if (const Status s = m_context.raw.award(raw); !s)
                return s;
            (kind == On ? on : kind == Floor ? floor : off).add(SideBySide::msOf(timer));
        }
        if (kind == On) {
            auto status = CaptureInstaller(m_context.db).status();
            if (!status)
                return status.error();
            sealedRecords += status->pending.value_or(0);
            // Seals what the block recorded, then leaves no trace.
            if (const Status s = CaptureInstaller(m_context.db).remove(); !s)
                return s;
        } else if (kind == Floor) {
            if (const Status s = removeFloor(); !s)
                return s;
        }
    }
    m_context.add({QStringLiteral("11b"),
                   QStringLiteral("the floor: a trigger that appends an empty row (vs off), median of %1 each")
                       .arg(number(double(floor.size()))),
                   floor.median(),
                   off.median(),
                   QStringLiteral("what any trigger that records each change durably costs the award"),
                   {{QStringLiteral("floor_p50_ms"), floor.median()}, {QStringLiteral("off_p50_ms"), off.median()}}});
    const double offMean = off.sum() / double(std::max<std::size_t>(1, off.size()));
    const double onMean = on.sum() / double(std::max<std::size_t>(1, on.size()));
    m_context.add(
        {QStringLiteral("11"),
         QStringLiteral("web app's award with capture on (vs off), median of %1 each").arg(number(double(on.size()))),
         on.median(),
         off.median(),
         QStringLiteral("mean %1 vs %2 ms; p99 %3 vs %4 ms; %5 records sealed")
             .arg(onMean, 0, 'f', 3)
             .arg(offMean, 0, 'f', 3)
             .arg(on.percentile(99), 0, 'f', 3)
             .arg(off.percentile(99), 0, 'f', 3)
             .arg(sealedRecords),
         {{QStringLiteral("on_p50_ms"), on.median()},
          {QStringLiteral("off_p50_ms"), off.median()},
          {QStringLiteral("on_mean_ms"), onMean},
          {QStringLiteral("off_mean_ms"), offMean},
          {QStringLiteral("on_p99_ms"), on.percentile(99)},
          {QStringLiteral("off_p99_ms"), off.percentile(99)},
          {QStringLiteral("mean_ratio"), offMean > 0 ? onMean / offMean : 0.0},
          {QStringLiteral("awards_each"), int(on.size())},
          {QStringLiteral("records_sealed"), sealedRecords}}});
    return DataSet::removeAwards(m_context.db);
}

Status CaptureFigure::installFloor()
{
    // The least a trigger can do that keeps a durable record of each change: a plpgsql function
    // that appends a row of no columns but its identity. Capture does this and records what
    // changed, who and how.
    const QStringList sql{
        QStringLiteral("CREATE TABLE xpadmin.bench_floor (id bigint GENERATED ALWAYS AS IDENTITY)"),
        QStringLiteral("CREATE FUNCTION xpadmin.bench_floor() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "INSERT INTO xpadmin.bench_floor DEFAULT VALUES; RETURN NULL; END $$"),
        m_context.db.dialect().tables().qualify(QStringLiteral(
            "CREATE TRIGGER bench_floor AFTER INSERT OR UPDATE OR DELETE ON \"UserXP\" FOR EACH ROW EXECUTE "
            "FUNCTION xpadmin.bench_floor()")),
        m_context.db.dialect().tables().qualify(QStringLiteral(
            "CREATE TRIGGER bench_floor AFTER INSERT OR UPDATE OR DELETE ON \"UserProfile\" FOR EACH ROW EXECUTE "
            "FUNCTION xpadmin.bench_floor()"))};
    for (const QString &statement : sql) {
        if (const Status s = m_context.db.execute(statement); !s)
            return s;
    }
    return {};
}

Status CaptureFigure::removeFloor()
{
    // CASCADE: the function's triggers go with it.
    if (const Status s = m_context.db.execute(QStringLiteral("DROP FUNCTION xpadmin.bench_floor() CASCADE")); !s)
        return s;
    return m_context.db.execute(QStringLiteral("DROP TABLE xpadmin.bench_floor"));
}
