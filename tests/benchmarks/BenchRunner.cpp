#include "tests/benchmarks/BenchRunner.h"

#include "core/db/Database.h"
#include "tests/benchmarks/AsOfFigures.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/CaptureFigure.h"
#include "tests/benchmarks/HistoryFigures.h"
#include "tests/benchmarks/LegacyFigure.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/ResultTable.h"
#include "tests/benchmarks/RollbackFigure.h"
#include "tests/benchmarks/RollupFigures.h"
#include "tests/benchmarks/TotalsFigures.h"
#include "tests/benchmarks/VerifyFigure.h"
#include "tests/benchmarks/WriteFigures.h"

#include <QFile>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

QString firstLineOf(const QString &path, const QString &prefix = {})
{
    // Files in /proc report no size: read them whole rather than asking atEnd().
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(prefix))
            return prefix.isEmpty() ? line : line.section(QLatin1Char(':'), 1).trimmed();
    }
    return {};
}

QString loadAverage()
{
    return firstLineOf(QStringLiteral("/proc/loadavg")).section(QLatin1Char(' '), 0, 2);
}

} // namespace

using BenchText::number;

BenchRunner::BenchRunner(BenchOptions options) : m_options(std::move(options)) { }

BenchRunner::~BenchRunner()
{
    m_raw.reset();
    m_db.reset();
}

QString BenchRunner::header() const
{
    return QStringLiteral("machine: %1 cores, %2; load average %3 at the start, %4 at the end\n"
                          "engine: %5 (%6); raw baseline: %7\n"
                          "data set: %8 users, %9 transactions%10\n")
        .arg(QThread::idealThreadCount())
        .arg(firstLineOf(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name")), m_loadStart, loadAverage(),
             m_db ? m_db->serverVersion() : QString(), m_db ? m_db->spec().displayName() : QString(),
             m_raw ? m_raw->name() : QString())
        .arg(m_facts.users)
        .arg(m_facts.transactions)
        .arg(m_facts.generationMs >= 0 ? QStringLiteral(", made by DemoGenerator in this run in %1 s (%2 rows/s)")
                                             .arg(m_facts.generationMs / 1000, 0, 'f', 1)
                                             .arg(number(double(m_facts.transactions) / (m_facts.generationMs / 1000)))
                                       : QStringLiteral(" (reused)"));
}

QJsonObject BenchRunner::common() const
{
    return {{QStringLiteral("backend"),
             m_db && m_db->dialect().isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite")},
            {QStringLiteral("users"), m_facts.users},
            {QStringLiteral("transactions"), m_facts.transactions}};
}

void BenchRunner::add(const FigureResult &result)
{
    std::fprintf(stderr, "%s\n", qPrintable(ResultTable::line(result)));
    m_results << result;
}

Status BenchRunner::run()
{
    m_loadStart = loadAverage();
    auto spec = ConnectionSpec::parse(m_options.db);
    if (!spec)
        return spec.error();
    auto db = Database::open(*spec, QStringLiteral("xpadmin-bench"));
    if (!db)
        return db.error();
    m_db = std::move(*db);
    auto facts = DataSet::prepare(*m_db, m_options);
    if (!facts)
        return facts.error();
    m_facts = *facts;
    auto raw = RawEngine::open(*spec);
    if (!raw)
        return raw.error();
    m_raw = std::move(*raw);
    std::fprintf(stderr, "%s", qPrintable(header()));

    const FigureContext context{*m_db, *m_raw, m_options, m_facts, [this](const FigureResult &result) { add(result); }};
    WriteFigures writes(context);
    TotalsFigures totals(context);
    HistoryFigures history(context);
    VerifyFigure verify(context);
    AsOfFigures asOf(context);
    RollupFigures rollups(context);
    CaptureFigure capture(context);
    RollbackFigure rollbacks(context);
    const auto legacyImport = [&]() -> Status {
        auto results = LegacyFigure(*m_db, m_options).run();
        if (!results)
            return results.error();
        for (const FigureResult &result : std::as_const(*results))
            add(result);
        return {};
    };
    // Reads first, then the figures that write; verify last, over everything written.
    const std::pair<QStringList, std::function<Status()>> figures[] = {
        {{QStringLiteral("1")}, [&] { return writes.bulkLoad(); }},
        {{QStringLiteral("3a"), QStringLiteral("3b")}, [&] { return totals.totals(); }},
        {{QStringLiteral("4a"), QStringLiteral("4b"), QStringLiteral("5a"), QStringLiteral("5b"), QStringLiteral("5c")},
         [&] { return history.firstPages(); }},
        {{QStringLiteral("6a"), QStringLiteral("6b")}, [&] { return history.walk(); }},
        {{QStringLiteral("2a"), QStringLiteral("2b")}, [&] { return totals.recalculate(); }},
        {{QStringLiteral("10a")}, [&] { return asOf.statement(); }},
        {{QStringLiteral("10b"), QStringLiteral("10c")}, [&] { return asOf.leaderboards(); }},
        {{QStringLiteral("12a"), QStringLiteral("12b"), QStringLiteral("12c"), QStringLiteral("12d"),
          QStringLiteral("12e"), QStringLiteral("12f")},
         [&] { return rollups.run(); }},
        {{QStringLiteral("7")}, [&] { return writes.awards(); }},
        {{QStringLiteral("13a"), QStringLiteral("13b")}, [&] { return rollbacks.run(); }},
        {{QStringLiteral("8")}, [&] { return verify.run(); }},
        {{QStringLiteral("9")}, legacyImport},
        {{QStringLiteral("11")}, [&] { return capture.run(); }}};
    for (const auto &[ids, figure] : figures) {
        if (std::none_of(ids.begin(), ids.end(), [this](const QString &id) { return m_options.wants(id); }))
            continue;
        if (const Status s = figure(); !s)
            return Error::database(QStringLiteral("figure %1: %2").arg(ids.constFirst(), s.error().message));
    }
    std::sort(m_results.begin(), m_results.end(),
              [](const FigureResult &a, const FigureResult &b) { return a.figure < b.figure; });
    return {};
}
