#include "tests/benchmarks/CaptureFigure.h"

#include "core/audit/CapturedChanges.h"
#include "core/capture/CaptureInstaller.h"
#include "core/capture/CaptureSealer.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/DataSet.h"
#include "tests/benchmarks/PrismaAwards.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

#include <QElapsedTimer>
#include <QScopeGuard>

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
    // Off, the floor and on in turns, so that all three see the same machine and the same table:
    // many short blocks (a disk that flushes slower as the run goes on slows all three alike),
    // the rounds taking the six orders in turn (each kind follows each other kind as often, so
    // what the sealing and vacuuming after an "on" block costs falls on no kind in particular),
    // and the first awards after each switch not counted.
    enum Kind { Off, Floor, On, Kinds };
    constexpr Kind Orders[6][Kinds]
        = {{Off, Floor, On}, {On, Off, Floor}, {Floor, On, Off}, {Off, On, Floor}, {Floor, Off, On}, {On, Floor, Off}};
    constexpr int Rounds = 30;
    constexpr int Blocks = Rounds * Kinds;
    constexpr int WarmUp = 10;
    const int perBlock = std::max(1, m_context.options.awards / (Rounds * 2)) + WarmUp;
    const QByteArray description("Benchmark award");
    auto started = PrismaAwards::startIfAsked(m_context);
    if (!started)
        return started.error();
    std::unique_ptr<PrismaAwards> prisma = std::move(*started);
    Samples off, floor, on, prismaOff, prismaOn;
    qint64 sealedRecords = 0;
    // Both installed once, as an admin installs capture once; each block switches the triggers
    // it measures on and the others off.
    if (const Status s = CaptureInstaller(m_context.db).install(); !s)
        return s;
    if (const Status s = installFloor(); !s)
        return s;
    // A run that fails half-way leaves no trigger behind either (capture's removal seals).
    bool removed = false;
    const auto removeOnFailure = qScopeGuard([&] {
        if (!removed) {
            static_cast<void>(removeFloor());
            static_cast<void>(CaptureInstaller(m_context.db).remove());
        }
    });
    int next = 0;
    for (int block = 0; block < Blocks; ++block) {
        const Kind kind = Orders[(block / Kinds) % 6][block % Kinds];
        if (const Status s = enableTriggers(kind == On, kind == Floor); !s)
            return s;
        const int first = next;
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
            if (i >= WarmUp)
                (kind == On ? on : kind == Floor ? floor : off).add(SideBySide::msOf(timer));
        }
        // Then the same awards by the web app's own client, after the bare statements rather than
        // in turn with them: each client's awards follow each other as they would in production.
        for (int i = 0; prisma && kind != Floor && i < perBlock; ++i) {
            const QString user = m_context.facts.activeUsers.at((first + i) % m_context.facts.activeUsers.size());
            auto ms
                = prisma->award(user, 10, DataSet::awardSourcePrefix() + QStringLiteral("prisma-%1").arg(first + i));
            if (!ms)
                return ms.error();
            if (i >= WarmUp)
                (kind == On ? prismaOn : prismaOff).add(*ms);
        }
        if (kind == On) {
            // Sealed after the block, as a live desk seals what it hears of, and the emptied
            // table vacuumed, as autovacuum soon does: the records of the next block reuse its
            // pages, as they would on a server where capture has been installed for a while.
            auto sealed = CaptureSealer(m_context.db).seal();
            if (!sealed)
                return sealed.error();
            sealedRecords += *sealed;
            if (const Status s = m_context.db.execute(QStringLiteral("VACUUM %1").arg(CapturedChanges::table())); !s)
                return s;
        } else if (kind == Floor) {
            if (const Status s = m_context.db.execute(QStringLiteral("DELETE FROM xpadmin.bench_floor")); !s)
                return s;
            if (const Status s = m_context.db.execute(QStringLiteral("VACUUM xpadmin.bench_floor")); !s)
                return s;
        }
    }
    // Leaves no trace: capture's removal seals what is left.
    if (const Status s = removeFloor(); !s)
        return s;
    if (const Status s = CaptureInstaller(m_context.db).remove(); !s)
        return s;
    removed = true;
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
    if (prisma) {
        m_context.add(
            {QStringLiteral("11c"),
             QStringLiteral("the web app's award by its own Prisma client, capture on (vs off), median of %1 each")
                 .arg(number(double(prismaOn.size()))),
             prismaOn.median(),
             prismaOff.median(),
             QStringLiteral("timed inside node; p99 %1 vs %2 ms")
                 .arg(prismaOn.percentile(99), 0, 'f', 3)
                 .arg(prismaOff.percentile(99), 0, 'f', 3),
             {{QStringLiteral("on_p50_ms"), prismaOn.median()},
              {QStringLiteral("off_p50_ms"), prismaOff.median()},
              {QStringLiteral("on_p99_ms"), prismaOn.percentile(99)},
              {QStringLiteral("off_p99_ms"), prismaOff.percentile(99)}}});
    }
    prisma.reset(); // node ends, and with it its connection
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

Status CaptureFigure::enableTriggers(bool capture, bool floor)
{
    const auto set = [this](const QString &trigger, bool on) -> Status {
        for (const QString &table : {QStringLiteral("UserXP"), QStringLiteral("UserProfile")}) {
            const QString sql = QStringLiteral("ALTER TABLE \"%1\" %2 TRIGGER %3")
                                    .arg(table, on ? QStringLiteral("ENABLE") : QStringLiteral("DISABLE"), trigger);
            if (const Status s = m_context.db.execute(m_context.db.dialect().tables().qualify(sql)); !s)
                return s;
        }
        return {};
    };
    if (const Status s = set(CaptureInstaller::triggerName(), capture); !s)
        return s;
    return set(QStringLiteral("bench_floor"), floor);
}

Status CaptureFigure::removeFloor()
{
    // CASCADE: the function's triggers go with it.
    if (const Status s = m_context.db.execute(QStringLiteral("DROP FUNCTION xpadmin.bench_floor() CASCADE")); !s)
        return s;
    return m_context.db.execute(QStringLiteral("DROP TABLE xpadmin.bench_floor"));
}
