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
    Samples x, r;
    const Status status = compare(
        m_context.options.repeat, timed([&]() -> Status {
            auto report = Verifier(m_context.db).verify();
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
            auto report = m_context.raw.verify();
            if (!report)
                return report.error();
            rawEvents = report->eventsRead;
            return report->driftRows == 0 ? Status() : Status(Error::database(QStringLiteral("raw drift found")));
        }),
        x, r);
    if (!status)
        return status;
    m_context.add(
        {QStringLiteral("8"),
         QStringLiteral("verify: chain and drift, whole database"),
         x.median(),
         r.median(),
         QStringLiteral("%1 audit events hashed (raw reads %2)").arg(number(double(events)), number(double(rawEvents))),
         {{QStringLiteral("audit_events"), events}, {QStringLiteral("runs"), int(x.size())}}});
    return {};
}
