#include "tests/benchmarks/TotalsFigures.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/history/TotalsQuery.h"
#include "core/ledger/Ledger.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

#include <QElapsedTimer>

#include <algorithm>

namespace {

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

using BenchText::number;
using BenchText::sqlNow;
using SideBySide::compare;
using SideBySide::msOf;
using SideBySide::timed;

Status TotalsFigures::recalculate()
{
    auto resetTotals = [&](int users) -> Status {
        return m_context.db.writeTransaction([&]() -> Status {
            auto rows
                = m_context.db.run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 1 WHERE "
                                                  "\"userId\" IN (SELECT \"userId\" FROM \"UserProfile\" ORDER BY "
                                                  "\"userId\" LIMIT :users)"),
                                   {{QStringLiteral(":users"), users}});
            return rows ? Status() : Status(rows.error());
        });
    };
    const int drifted = static_cast<int>(std::max<qint64>(1, m_context.facts.users / 100));
    for (const int wrong : {0, drifted}) {
        if (!m_context.options.wants(wrong == 0 ? QStringLiteral("2a") : QStringLiteral("2b")))
            continue;
        qint64 xFixed = 0;
        qint64 rFixed = 0;
        Samples x, r;
        const Status status = compare(
            m_context.options.repeat,
            [&]() -> Result<double> {
                if (wrong > 0) {
                    if (const Status s = resetTotals(wrong); !s)
                        return s.error();
                }
                QElapsedTimer timer;
                timer.start();
                auto summary = Ledger(m_context.db).recalculateAll();
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
                auto changed = m_context.raw.recalculateAll(sqlNow());
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
        result.info = wrong == 0 ? QStringLiteral("%1 users").arg(number(double(m_context.facts.users)))
                                 : QStringLiteral("XP Admin also writes %1 audit events").arg(number(wrong));
        result.extra = {{QStringLiteral("totals_fixed"), wrong}, {QStringLiteral("runs"), int(x.size())}};
        m_context.add(result);
    }
    return {};
}

Status TotalsFigures::totals()
{
    HistoryFilter recent;
    recent.since = Timestamp::now().addDays(-30);
    const QByteArray since = Timestamp::toSql(recent.since).toUtf8();
    for (const bool ranged : {false, true}) {
        if (!m_context.options.wants(ranged ? QStringLiteral("3b") : QStringLiteral("3a")))
            continue;
        QList<TotalsRow> xRows;
        QList<RawTotal> rRows;
        Samples x, r;
        const Status status
            = compare(m_context.options.repeat, timed([&]() -> Status {
                          auto rows = TotalsQuery(m_context.db)
                                          .totals(TotalsQuery::GroupBy::Category, ranged ? recent : HistoryFilter());
                          if (!rows)
                              return rows.error();
                          xRows = *rows;
                          return {};
                      }),
                      timed([&]() -> Status {
                          auto rows = m_context.raw.totalsByCategory(ranged ? since : QByteArray());
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
        m_context.add(result);
    }
    return {};
}
