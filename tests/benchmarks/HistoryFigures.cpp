#include "tests/benchmarks/HistoryFigures.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "models/HistoryModel.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/ModelProbe.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

#include <QElapsedTimer>

#include <algorithm>

using BenchText::number;
using SideBySide::compare;
using SideBySide::msOf;
using SideBySide::timed;

HistoryFigures::HistoryFigures(FigureContext context) : m_context(std::move(context)) { }

HistoryFigures::~HistoryFigures() = default;

Status HistoryFigures::firstPages()
{
    m_probe = std::make_unique<ModelProbe>(m_context.db.spec());
    if (const Status s = m_probe->open(); !s)
        return s;
    const int runs = 5 * m_context.options.repeat;
    const QByteArray middleAt = Timestamp::toSql(m_context.facts.middleCreatedAt).toUtf8();
    struct Page
    {
        QString figure;
        QString title;
        HistoryFilter filter;
        Qt::SortOrder order;
        RawPageRequest raw;
    };
    HistoryFilter oneUser;
    oneUser.userId = m_context.facts.busiestUser;
    HistoryFilter beforeMiddle;
    beforeMiddle.until = m_context.facts.middleCreatedAt;
    RawPageRequest rawOneUser;
    rawOneUser.userId = m_context.facts.busiestUser.toUtf8();
    RawPageRequest rawOldest;
    rawOldest.oldestFirst = true;
    RawPageRequest rawMiddle;
    rawMiddle.until = middleAt;
    const QList<Page> pages{
        {QStringLiteral("4a"),
         QStringLiteral("first page, busiest user (%1 rows)").arg(number(double(m_context.facts.busiestUserRows))),
         oneUser, Qt::DescendingOrder, rawOneUser},
        {QStringLiteral("4b"), QStringLiteral("first page, everyone"), {}, Qt::DescendingOrder, {}},
        {QStringLiteral("5a"), QStringLiteral("oldest page, everyone"), {}, Qt::AscendingOrder, rawOldest},
        {QStringLiteral("5b"), QStringLiteral("middle page, everyone (until the middle)"), beforeMiddle,
         Qt::DescendingOrder, rawMiddle},
    };
    for (const Page &page : pages) {
        if (!m_context.options.wants(page.figure))
            continue;
        Samples x, r;
        int rawRows = 0;
        const Status status = compare(
            runs, [&]() { return m_probe->show(page.filter, page.order); }, timed([&]() -> Status {
                auto rows = m_context.raw.historyPage(page.raw);
                if (!rows)
                    return rows.error();
                rawRows = rows->rows;
                return {};
            }),
            x, r);
        if (!status)
            return status;
        m_context.add({page.figure,
                       page.title,
                       x.median(),
                       r.median(),
                       QStringLiteral("p99 %1 ms; %2 rows a page").arg(x.percentile(99), 0, 'f', 1).arg(rawRows),
                       {{QStringLiteral("xpadmin_p99_ms"), x.percentile(99)},
                        {QStringLiteral("raw_p99_ms"), r.percentile(99)},
                        {QStringLiteral("runs"), int(x.size())}}});
    }
    if (m_context.options.wants(QStringLiteral("5c"))) {
        // What fetchMore asks for in the middle of everyone's history: the keyset query itself.
        const HistoryCursor cursor{m_context.facts.middleCreatedAt, m_context.facts.middleId};
        RawPageRequest raw;
        raw.afterCreatedAt = middleAt;
        raw.afterId = m_context.facts.middleId.toUtf8();
        Samples x, r;
        const Status status = compare(runs, timed([&]() -> Status {
                                          auto rows
                                              = HistoryQuery(m_context.db).page({}, cursor, HistoryModel::PageSize);
                                          return rows ? Status() : Status(rows.error());
                                      }),
                                      timed([&]() -> Status {
                                          auto rows = m_context.raw.historyPage(raw);
                                          return rows ? Status() : Status(rows.error());
                                      }),
                                      x, r);
        if (!status)
            return status;
        m_context.add({QStringLiteral("5c"),
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

namespace {

struct RawWalk
{
    double ms = 0;
    qint64 rows = 0;
    qint64 bytes = 0;
};

// The newest rows, newest first, in the model's keyset pages, as the raw engine reads them.
Result<RawWalk> rawWalk(RawEngine &raw, qint64 rows)
{
    RawWalk walk;
    QElapsedTimer timer;
    timer.start();
    RawPageRequest request;
    while (walk.rows < rows) {
        auto page = raw.historyPage(request);
        if (!page)
            return page.error();
        walk.rows += page->rows;
        walk.bytes += page->bytes;
        if (page->rows < request.limit)
            break;
        request.afterCreatedAt = page->lastCreatedAt;
        request.afterId = page->lastId;
    }
    walk.ms = msOf(timer);
    return walk;
}

} // namespace

Status HistoryFigures::walk()
{
    if (!m_probe) {
        m_probe = std::make_unique<ModelProbe>(m_context.db.spec());
        if (const Status s = m_probe->open(); !s)
            return s;
    }
    const qint64 rows = std::min(m_context.options.walkRows, m_context.facts.transactions);
    // The raw engine reads the same rows in the same keyset pages: once on its own connection to
    // bring them into the caches, as the model's walks find them; then timed twice on a
    // connection opened for the walk. The model walks on its session's connection, which has not
    // walked before its first walk: on PostgreSQL a server process's first touch of each shared
    // buffer is a page fault of that process, and a walk through a million rows touches most of
    // them (docs/benchmarks.md, History).
    const auto warm = rawWalk(m_context.raw, rows);
    if (!warm)
        return warm.error();
    auto fresh = RawEngine::open(m_context.db.spec());
    if (!fresh)
        return fresh.error();
    const auto rawFirst = rawWalk(**fresh, rows);
    if (!rawFirst)
        return rawFirst.error();
    const auto rawAgain = rawWalk(**fresh, rows);
    if (!rawAgain)
        return rawAgain.error();
    const qint64 rawRows = rawFirst->rows;
    const qint64 rawBytes = rawFirst->bytes;
    const double dataBytesPerRow = double(rawBytes) / double(std::max<qint64>(1, rawRows));
    const struct
    {
        QString figure;
        int maxRows;
    } walks[] = {{QStringLiteral("6a"), HistoryModel::DefaultMaxRows},
                 {QStringLiteral("6b"), static_cast<int>(rows + HistoryModel::PageSize)}};
    bool walkedBefore = false;
    for (const auto &w : walks) {
        if (!m_context.options.wants(w.figure))
            continue;
        // Each walk beside the raw walk on a connection in the same state: the first of the
        // session's beside the fresh connection's first, a later one beside its second.
        const double rawMs = walkedBefore ? rawAgain->ms : rawFirst->ms;
        walkedBefore = true;
        auto walked = m_probe->walk(rows, w.maxRows);
        if (!walked)
            return walked.error();
        const double perRow = double(walked->heapBytesHeld) / double(std::max(1, walked->rowsHeld));
        m_context.add({w.figure,
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
