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
    // Off and on in turns, so that both see the same machine and the same table.
    constexpr int Blocks = 8;
    const int perBlock = std::max(1, m_context.options.awards / Blocks);
    const QByteArray description("Benchmark award");
    Samples off, on;
    qint64 sealedRecords = 0;
    int next = 0;
    for (int block = 0; block < Blocks; ++block) {
        const bool capturing = block % 2 == 1;
        if (capturing) {
            if (const Status s = CaptureInstaller(m_context.db).install(); !s)
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
            (capturing ? on : off).add(SideBySide::msOf(timer));
        }
        if (capturing) {
            auto status = CaptureInstaller(m_context.db).status();
            if (!status)
                return status.error();
            sealedRecords += status->pending.value_or(0);
            // Seals what the block recorded, then leaves no trace.
            if (const Status s = CaptureInstaller(m_context.db).remove(); !s)
                return s;
        }
    }
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
