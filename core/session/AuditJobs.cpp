#include "core/session/AuditJobs.h"

#include "core/audit/AuditCsvExport.h"
#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/periods/PeriodReport.h"
#include "core/reasons/ReasonCodes.h"

namespace AuditJobs {

Job<Verification> verify(std::optional<AuditAnchor> anchor, Progress progress)
{
    return [anchor = std::move(anchor), progress = std::move(progress)](Database &db) -> Result<Verification> {
        qint64 total = -1;
        if (auto counted = AuditLog(db).count()) {
            total = *counted;
            if (progress)
                progress(0, total); // the total, before the first page; the verifier checks for a cancel
        }
        Verifier::Progress checked;
        if (progress)
            checked = [&progress, total](qint64 events) { return progress(events, total); };
        auto report = Verifier(db).verify(checked);
        if (!report)
            return report.error();
        if (!anchor)
            return Verification{*report, std::nullopt};
        auto held = AuditAnchorCheck(db).check(*anchor);
        if (!held)
            return held.error();
        return Verification{*report, *held};
    };
}

Job<RecalcSummary> repair()
{
    return [](Database &db) { return Verifier(db).repair(); };
}

Job<qint64> exportCsv(AuditFilter filter, QString fileName, Progress progress, CsvFormat format)
{
    return [filter = std::move(filter), fileName = std::move(fileName), progress = std::move(progress),
            format](Database &db) {
        AuditCsvExport csv(db);
        csv.setFormat(format);
        return csv.write(filter, fileName, progress);
    };
}

Job<AuditAnchor> anchor(QString fileName)
{
    return [fileName = std::move(fileName)](Database &db) -> Result<AuditAnchor> {
        auto anchor = AuditAnchor::take(db);
        if (!anchor)
            return anchor.error();
        if (const Status saved = anchor->save(fileName); !saved)
            return saved.error();
        return anchor;
    };
}

Job<qint64> report(AuditReportRequest request, WriterFactory makeWriter, Progress progress)
{
    return [request = std::move(request), makeWriter = std::move(makeWriter),
            progress = std::move(progress)](Database &db) -> Result<qint64> {
        const std::unique_ptr<AuditReportWriter> writer = makeWriter();
        auto reasons = ReasonCodes(db).catalog();
        if (!reasons)
            return reasons.error();
        AuditReportRequest named = request;
        named.reasons = *reasons;
        // A range in the closed period: the report says so and is the same whenever it is made.
        auto closure = PeriodReport::closureFor(db, named);
        if (!closure)
            return closure.error();
        AuditReport report(db);
        report.setClosure(*closure);
        return report.write(named, *writer, progress);
    };
}

Job<FilterChoices> filterChoices()
{
    return [](Database &db) -> Result<FilterChoices> {
        AuditQuery query(db);
        auto actions = query.distinctActions();
        if (!actions)
            return actions.error();
        auto actors = query.distinctActors();
        if (!actors)
            return actors.error();
        return FilterChoices{*actions, *actors};
    };
}

} // namespace AuditJobs
