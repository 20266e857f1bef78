#include "tests/benchmarks/VerifyFigure.h"

#include "core/db/Database.h"
#include "core/ledger/Verifier.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

using BenchText::number;
using SideBySide::compare;
using SideBySide::timed;

Status VerifyFigure::run()
{
    qint64 events = 0;
    qint64 rawEvents = 0;
    qint64 logged = 0;
    qint64 unlogged = 0;
    qint64 rawUnlogged = 0;
    Samples x, r;
    const Status status = compare(
        m_context.options.repeat, timed([&]() -> Status {
            auto report = Verifier(m_context.db).verify();
            if (!report)
                return report.error();
            if (!report->ok())
                return Error::database(QStringLiteral("verify found a problem: %1 (%2 drifted totals, %3 rows "
                                                      "unlike the audit log)")
                                           .arg(report->brokenReason)
                                           .arg(report->drift.size())
                                           .arg(report->rows.findings.size()));
            events = report->eventsChecked;
            logged = report->rows.rowsLogged;
            unlogged = report->rows.unprovable.count;
            return {};
        }),
        timed([&]() -> Status {
            auto report = m_context.raw.verify();
            if (!report)
                return report.error();
            rawEvents = report->eventsRead;
            rawUnlogged = report->rowsUnlogged;
            if (report->rowDifferences != 0)
                return Error::database(QStringLiteral("raw: rows unlike the audit log found"));
            return report->driftRows == 0 ? Status() : Status(Error::database(QStringLiteral("raw drift found")));
        }),
        x, r);
    if (!status)
        return status;
    if (unlogged != rawUnlogged)
        return Error::database(
            QStringLiteral("rows the log never saw: XP Admin counts %1, raw %2").arg(unlogged).arg(rawUnlogged));
    m_context.add(
        {QStringLiteral("8"),
         QStringLiteral("verify: chain, drift and rows, whole database"),
         x.median(),
         r.median(),
         QStringLiteral("%1 audit events hashed (raw reads %2); %3 rows held against the log, %4 not provable")
             .arg(number(double(events)), number(double(rawEvents)), number(double(logged)), number(double(unlogged))),
         {{QStringLiteral("audit_events"), events},
          {QStringLiteral("rows_logged"), logged},
          {QStringLiteral("rows_not_provable"), unlogged},
          {QStringLiteral("runs"), int(x.size())}}});
    return {};
}
