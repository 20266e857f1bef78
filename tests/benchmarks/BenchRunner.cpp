#include "tests/benchmarks/BenchRunner.h"

#include "core/db/BulkInsert.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "core/history/TotalsQuery.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "models/HistoryModel.h"
#include "tests/benchmarks/LegacyFigure.h"
#include "tests/benchmarks/LoadRows.h"
#include "tests/benchmarks/ModelProbe.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/ResultTable.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <cstdio>

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

double msOf(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

QString number(double value)
{
    return QLocale(QLocale::English).toString(value, 'f', 0);
}

QByteArray sqlNow()
{
    return Timestamp::toSql(Timestamp::now()).toUtf8();
}

// Both sides' totals, as "KEY=total/count" in key order (PostgreSQL orders enums by declaration).
QStringList normalized(const QList<TotalsRow> &rows)
{
    QStringList out;
    for (const TotalsRow &row : rows)
        out << QStringLiteral("%1=%2/%3").arg(row.key).arg(row.total).arg(row.count);
    out.sort();
    return out;
}

QStringList normalized(const QList<RawTotal> &rows)
{
    QStringList out;
    for (const RawTotal &row : rows)
        out << QStringLiteral("%1=%2/%3").arg(QString::fromUtf8(row.key)).arg(row.total).arg(row.count);
    out.sort();
    return out;
}

} // namespace

BenchRunner::BenchRunner(BenchOptions options) : m_options(std::move(options)) { }

BenchRunner::~BenchRunner()
{
    m_probe.reset();
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

void BenchRunner::add(FigureResult result)
{
    std::fprintf(stderr, "%s\n", qPrintable(ResultTable::line(result)));
    m_results << result;
}

BenchRunner::TimedStep BenchRunner::timed(std::function<Status()> action)
{
    return [action = std::move(action)]() -> Result<double> {
        QElapsedTimer timer;
        timer.start();
        if (const Status s = action(); !s)
            return s.error();
        return msOf(timer);
    };
}

Status BenchRunner::compare(int runs, const TimedStep &xpadmin, const TimedStep &raw, Samples &xpadminMs,
                            Samples &rawMs)
{
    // The two sides take turns going first: whichever runs second finds the pages the first one
    // read in the cache.
    const auto one = [](const TimedStep &step, Samples &samples) -> Status {
        auto ms = step();
        if (!ms)
            return ms.error();
        samples.add(*ms);
        return {};
    };
    for (int run = 0; run < runs; ++run) {
        const bool rawFirst = run % 2 == 1;
        if (const Status s = rawFirst ? one(raw, rawMs) : one(xpadmin, xpadminMs); !s)
            return s;
        if (const Status s = rawFirst ? one(xpadmin, xpadminMs) : one(raw, rawMs); !s)
            return s;
    }
    return {};
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

    // Reads first, then the figures that write; verify last, over everything written.
    const std::pair<QStringList, Status (BenchRunner::*)()> figures[] = {
        {{QStringLiteral("1")}, &BenchRunner::bulkLoad},
        {{QStringLiteral("3a"), QStringLiteral("3b")}, &BenchRunner::totals},
        {{QStringLiteral("4a"), QStringLiteral("4b"), QStringLiteral("5a"), QStringLiteral("5b"), QStringLiteral("5c")},
         &BenchRunner::firstPages},
        {{QStringLiteral("6a"), QStringLiteral("6b")}, &BenchRunner::walk},
        {{QStringLiteral("2a"), QStringLiteral("2b")}, &BenchRunner::recalculate},
        {{QStringLiteral("7")}, &BenchRunner::awards},
        {{QStringLiteral("8")}, &BenchRunner::verify},
        {{QStringLiteral("9")}, &BenchRunner::legacyImport}};
    for (const auto &[ids, figure] : figures) {
        if (std::none_of(ids.begin(), ids.end(), [this](const QString &id) { return m_options.wants(id); }))
            continue;
        if (const Status s = (this->*figure)(); !s)
            return Error::database(QStringLiteral("figure %1: %2").arg(ids.constFirst(), s.error().message));
    }
    std::sort(m_results.begin(), m_results.end(),
              [](const FigureResult &a, const FigureResult &b) { return a.figure < b.figure; });
    return {};
}

Status BenchRunner::bulkLoad()
{
    const int count = m_options.loadRows;
    const LoadRows rows = LoadRows::generate(m_facts.activeUsers, count, 11);
    const Dialect &d = m_db->dialect();
    const QString p = QStringLiteral("?");
    const QStringList expressions{
        p, p, p, d.sourceTypeParam(p), p, p, d.categoryParam(p), d.timestampParam(p), d.timestampParam(p)};
    // XP Admin's bulk path (DemoGenerator, imports): BulkInsert in one write transaction, which
    // the body then rolls back by failing, so the data set stays as it is.
    auto xpadmin = [&]() -> Status {
        const Status status = m_db->writeTransaction([&]() -> Status {
            BulkInsert insert(*m_db, QStringLiteral("\"UserXP\""), LoadRows::columns(), expressions);
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
    auto raw = [&]() { return m_raw->bulkLoad(rows); };
    Samples x, r;
    if (const Status s = compare(m_options.repeat, timed(xpadmin), timed(raw), x, r); !s)
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
    if (m_facts.generationMs > 0) {
        const double demoRate = double(m_facts.transactions) / (m_facts.generationMs / 1000);
        result.extra.insert(QStringLiteral("demo_generator_rows_per_s"), demoRate);
        result.info += QStringLiteral("; DemoGenerator end to end %1 rows/s").arg(number(demoRate));
    }
    add(result);
    return {};
}

Status BenchRunner::recalculate()
{
    auto resetTotals = [&](int users) -> Status {
        return m_db->writeTransaction([&]() -> Status {
            auto rows = m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 1 WHERE "
                                                 "\"userId\" IN (SELECT \"userId\" FROM \"UserProfile\" ORDER BY "
                                                 "\"userId\" LIMIT :users)"),
                                  {{QStringLiteral(":users"), users}});
            return rows ? Status() : Status(rows.error());
        });
    };
    const int drifted = static_cast<int>(std::max<qint64>(1, m_facts.users / 100));
    for (const int wrong : {0, drifted}) {
        if (!m_options.wants(wrong == 0 ? QStringLiteral("2a") : QStringLiteral("2b")))
            continue;
        qint64 xFixed = 0;
        qint64 rFixed = 0;
        Samples x, r;
        const Status status = compare(
            m_options.repeat,
            [&]() -> Result<double> {
                if (wrong > 0) {
                    if (const Status s = resetTotals(wrong); !s)
                        return s.error();
                }
                QElapsedTimer timer;
                timer.start();
                auto summary = Ledger(*m_db).recalculateAll();
                if (!summary)
                    return summary.error();
                xFixed = summary->fixed.size();
                return msOf(timer);
            },
            [&]() -> Result<double> {
                if (wrong > 0) {
                    if (const Status s = resetTotals(wrong); !s)
                        return s.error();
                }
                QElapsedTimer timer;
                timer.start();
                auto changed = m_raw->recalculateAll(sqlNow());
                if (!changed)
                    return changed.error();
                rFixed = *changed;
                return msOf(timer);
            },
            x, r);
        if (!status)
            return status;
        if (xFixed != wrong || rFixed != wrong)
            return Error::database(QStringLiteral("recalculate fixed %1 (XP Admin) and %2 (raw) totals, not %3")
                                       .arg(xFixed)
                                       .arg(rFixed)
                                       .arg(wrong));
        FigureResult result{wrong == 0 ? QStringLiteral("2a") : QStringLiteral("2b"),
                            wrong == 0 ? QStringLiteral("recalculate all totals, none wrong")
                                       : QStringLiteral("recalculate all totals, %1 wrong").arg(number(wrong)),
                            x.median(),
                            r.median(),
                            {},
                            {}};
        result.info = wrong == 0 ? QStringLiteral("%1 users").arg(number(double(m_facts.users)))
                                 : QStringLiteral("XP Admin also writes %1 audit events").arg(number(wrong));
        result.extra = {{QStringLiteral("totals_fixed"), wrong}, {QStringLiteral("runs"), int(x.size())}};
        add(result);
    }
    return {};
}

Status BenchRunner::totals()
{
    HistoryFilter recent;
    recent.since = Timestamp::now().addDays(-30);
    const QByteArray since = Timestamp::toSql(recent.since).toUtf8();
    for (const bool ranged : {false, true}) {
        if (!m_options.wants(ranged ? QStringLiteral("3b") : QStringLiteral("3a")))
            continue;
        QList<TotalsRow> xRows;
        QList<RawTotal> rRows;
        Samples x, r;
        const Status status = compare(m_options.repeat, timed([&]() -> Status {
                                          auto rows = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::Category,
                                                                                ranged ? recent : HistoryFilter());
                                          if (!rows)
                                              return rows.error();
                                          xRows = *rows;
                                          return {};
                                      }),
                                      timed([&]() -> Status {
                                          auto rows = m_raw->totalsByCategory(ranged ? since : QByteArray());
                                          if (!rows)
                                              return rows.error();
                                          rRows = *rows;
                                          return {};
                                      }),
                                      x, r);
        if (!status)
            return status;
        if (normalized(xRows) != normalized(rRows))
            return Error::database(
                QStringLiteral("the totals differ: %1 (XP Admin) and %2 (raw)")
                    .arg(normalized(xRows).join(QLatin1Char(' ')), normalized(rRows).join(QLatin1Char(' '))));
        qint64 rows = 0;
        for (const TotalsRow &row : std::as_const(xRows))
            rows += row.count;
        FigureResult result{ranged ? QStringLiteral("3b") : QStringLiteral("3a"),
                            ranged ? QStringLiteral("totals by category, last 30 days")
                                   : QStringLiteral("totals by category, everything"),
                            x.median(),
                            r.median(),
                            QStringLiteral("%1 rows summed").arg(number(double(rows))),
                            {{QStringLiteral("rows_summed"), rows}, {QStringLiteral("runs"), int(x.size())}}};
        add(result);
    }
    return {};
}

Status BenchRunner::firstPages()
{
    m_probe = std::make_unique<ModelProbe>(m_db->spec());
    if (const Status s = m_probe->open(); !s)
        return s;
    const int runs = 5 * m_options.repeat;
    const QByteArray middleAt = Timestamp::toSql(m_facts.middleCreatedAt).toUtf8();
    struct Page
    {
        QString figure;
        QString title;
        HistoryFilter filter;
        Qt::SortOrder order;
        RawPageRequest raw;
    };
    HistoryFilter oneUser;
    oneUser.userId = m_facts.busiestUser;
    HistoryFilter beforeMiddle;
    beforeMiddle.until = m_facts.middleCreatedAt;
    RawPageRequest rawOneUser;
    rawOneUser.userId = m_facts.busiestUser.toUtf8();
    RawPageRequest rawOldest;
    rawOldest.oldestFirst = true;
    RawPageRequest rawMiddle;
    rawMiddle.until = middleAt;
    const QList<Page> pages{
        {QStringLiteral("4a"),
         QStringLiteral("first page, busiest user (%1 rows)").arg(number(double(m_facts.busiestUserRows))), oneUser,
         Qt::DescendingOrder, rawOneUser},
        {QStringLiteral("4b"), QStringLiteral("first page, everyone"), {}, Qt::DescendingOrder, {}},
        {QStringLiteral("5a"), QStringLiteral("oldest page, everyone"), {}, Qt::AscendingOrder, rawOldest},
        {QStringLiteral("5b"), QStringLiteral("middle page, everyone (until the middle)"), beforeMiddle,
         Qt::DescendingOrder, rawMiddle},
    };
    for (const Page &page : pages) {
        if (!m_options.wants(page.figure))
            continue;
        Samples x, r;
        int rawRows = 0;
        const Status status = compare(
            runs, [&]() { return m_probe->show(page.filter, page.order); }, timed([&]() -> Status {
                auto rows = m_raw->historyPage(page.raw);
                if (!rows)
                    return rows.error();
                rawRows = rows->rows;
                return {};
            }),
            x, r);
        if (!status)
            return status;
        add({page.figure,
             page.title,
             x.median(),
             r.median(),
             QStringLiteral("p99 %1 ms; %2 rows a page").arg(x.percentile(99), 0, 'f', 1).arg(rawRows),
             {{QStringLiteral("xpadmin_p99_ms"), x.percentile(99)},
              {QStringLiteral("raw_p99_ms"), r.percentile(99)},
              {QStringLiteral("runs"), int(x.size())}}});
    }
    if (m_options.wants(QStringLiteral("5c"))) {
        // What fetchMore asks for in the middle of everyone's history: the keyset query itself.
        const HistoryCursor cursor{m_facts.middleCreatedAt, m_facts.middleId};
        RawPageRequest raw;
        raw.afterCreatedAt = middleAt;
        raw.afterId = m_facts.middleId.toUtf8();
        Samples x, r;
        const Status status = compare(runs, timed([&]() -> Status {
                                          auto rows = HistoryQuery(*m_db).page({}, cursor, HistoryModel::PageSize);
                                          return rows ? Status() : Status(rows.error());
                                      }),
                                      timed([&]() -> Status {
                                          auto rows = m_raw->historyPage(raw);
                                          return rows ? Status() : Status(rows.error());
                                      }),
                                      x, r);
        if (!status)
            return status;
        add({QStringLiteral("5c"),
             QStringLiteral("middle page, everyone (keyset, HistoryQuery)"),
             x.median(),
             r.median(),
             QStringLiteral("p99 %1 ms").arg(x.percentile(99), 0, 'f', 1),
             {{QStringLiteral("xpadmin_p99_ms"), x.percentile(99)},
              {QStringLiteral("raw_p99_ms"), r.percentile(99)},
              {QStringLiteral("runs"), int(x.size())}}});
    }
    return {};
}

Status BenchRunner::walk()
{
    if (!m_probe) {
        m_probe = std::make_unique<ModelProbe>(m_db->spec());
        if (const Status s = m_probe->open(); !s)
            return s;
    }
    const qint64 rows = std::min(m_options.walkRows, m_facts.transactions);
    // The raw engine reads the same rows in the same keyset pages: once to bring them into the
    // caches, as the model's walks after it find them, then timed.
    qint64 rawRows = 0;
    qint64 rawBytes = 0;
    double rawMs = 0;
    for (int pass = 0; pass < 2; ++pass) {
        QElapsedTimer timer;
        timer.start();
        RawPageRequest request;
        rawRows = 0;
        rawBytes = 0;
        while (rawRows < rows) {
            auto page = m_raw->historyPage(request);
            if (!page)
                return page.error();
            rawRows += page->rows;
            rawBytes += page->bytes;
            if (page->rows < request.limit)
                break;
            request.afterCreatedAt = page->lastCreatedAt;
            request.afterId = page->lastId;
        }
        rawMs = msOf(timer);
    }
    const double dataBytesPerRow = double(rawBytes) / double(std::max<qint64>(1, rawRows));
    const struct
    {
        QString figure;
        int maxRows;
    } walks[] = {{QStringLiteral("6a"), HistoryModel::DefaultMaxRows},
                 {QStringLiteral("6b"), static_cast<int>(rows + HistoryModel::PageSize)}};
    for (const auto &w : walks) {
        if (!m_options.wants(w.figure))
            continue;
        auto walked = m_probe->walk(rows, w.maxRows);
        if (!walked)
            return walked.error();
        const double perRow = double(walked->heapBytesHeld) / double(std::max(1, walked->rowsHeld));
        add({w.figure,
             w.maxRows == HistoryModel::DefaultMaxRows
                 ? QStringLiteral("fetch %1 rows into the model (window)").arg(number(double(rows)))
                 : QStringLiteral("fetch %1 rows into the model (all held)").arg(number(double(rows))),
             walked->ms,
             rawMs,
             QStringLiteral("holds %1 rows, %2 B/row (data %3 B/row); fetchMore p50 %4 p99 %5 ms")
                 .arg(number(walked->rowsHeld), number(perRow), number(dataBytesPerRow))
                 .arg(walked->fetchMs.median(), 0, 'f', 1)
                 .arg(walked->fetchMs.percentile(99), 0, 'f', 1),
             {{QStringLiteral("rows_fetched"), walked->rowsFetched},
              {QStringLiteral("rows_held"), walked->rowsHeld},
              {QStringLiteral("heap_bytes_held"), walked->heapBytesHeld},
              {QStringLiteral("bytes_per_row"), perRow},
              {QStringLiteral("data_bytes_per_row"), dataBytesPerRow},
              {QStringLiteral("fetch_p50_ms"), walked->fetchMs.median()},
              {QStringLiteral("fetch_p99_ms"), walked->fetchMs.percentile(99)},
              {QStringLiteral("runs"), 1}}});
    }
    return {};
}

Status BenchRunner::awards()
{
    // The model's workers sit idle from here on; they hold no transaction.
    const QString description = QStringLiteral("Benchmark award");
    const QByteArray rawDescription = description.toUtf8();
    Samples x, r;
    QSet<QString> users;
    for (int i = 0; i < m_options.awards; ++i) {
        const QString user = m_facts.activeUsers.at(i % m_facts.activeUsers.size());
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
                                          auto change = Ledger(*m_db).award(request);
                                          return change ? Status() : Status(change.error());
                                      }),
                                      timed([&]() -> Status {
                                          raw.now = sqlNow(); // as Ledger::award takes the time inside its transaction
                                          return m_raw->award(raw);
                                      }),
                                      x, r);
        if (!status)
            return status;
    }
    add({QStringLiteral("7"),
         QStringLiteral("award, median of %1 (one transaction each)").arg(number(m_options.awards)),
         x.median(),
         r.median(),
         QStringLiteral("p99 %1 vs %2 ms; %3 users")
             .arg(x.percentile(99), 0, 'f', 2)
             .arg(r.percentile(99), 0, 'f', 2)
             .arg(users.size()),
         {{QStringLiteral("xpadmin_p99_ms"), x.percentile(99)},
          {QStringLiteral("raw_p99_ms"), r.percentile(99)},
          {QStringLiteral("xpadmin_p50_ms"), x.median()},
          {QStringLiteral("raw_p50_ms"), r.median()},
          {QStringLiteral("awards"), m_options.awards}}});
    return DataSet::removeAwards(*m_db);
}

Status BenchRunner::verify()
{
    qint64 events = 0;
    qint64 rawEvents = 0;
    Samples x, r;
    const Status status = compare(
        m_options.repeat, timed([&]() -> Status {
            auto report = Verifier(*m_db).verify();
            if (!report)
                return report.error();
            if (!report->ok())
                return Error::database(QStringLiteral("verify found a problem: %1 (%2 drifted totals)")
                                           .arg(report->brokenReason)
                                           .arg(report->drift.size()));
            events = report->eventsChecked;
            return {};
        }),
        timed([&]() -> Status {
            auto report = m_raw->verify();
            if (!report)
                return report.error();
            rawEvents = report->eventsRead;
            return report->driftRows == 0 ? Status() : Status(Error::database(QStringLiteral("raw drift found")));
        }),
        x, r);
    if (!status)
        return status;
    add({QStringLiteral("8"),
         QStringLiteral("verify: chain and drift, whole database"),
         x.median(),
         r.median(),
         QStringLiteral("%1 audit events hashed (raw reads %2)").arg(number(double(events)), number(double(rawEvents))),
         {{QStringLiteral("audit_events"), events}, {QStringLiteral("runs"), int(x.size())}}});
    return {};
}

Status BenchRunner::legacyImport()
{
    auto results = LegacyFigure(*m_db, m_options).run();
    if (!results)
        return results.error();
    for (const FigureResult &result : std::as_const(*results))
        add(result);
    return {};
}
