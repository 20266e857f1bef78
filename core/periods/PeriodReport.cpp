#include "core/periods/PeriodReport.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/periods/Periods.h"

namespace PeriodReport {

Result<std::optional<AuditReportClosure>> closureFor(Database &db, const AuditReportRequest &request)
{
    if (!request.until.isValid())
        return std::optional<AuditReportClosure>(); // up to now: never closed
    const QDateTime last = request.until.addMSecs(-1);
    std::optional<AuditReportClosure> closure;
    const Status status = db.readTransaction([&]() -> Status {
        closure.reset();
        auto periods = Periods(db).list();
        if (!periods)
            return periods.error();
        // The oldest close since which the range has stayed closed.
        std::optional<ClosedPeriod> since;
        for (const ClosedPeriod &period : std::as_const(*periods)) {
            if (period.boundary < last)
                since.reset();
            else if (!since)
                since = period;
        }
        if (!since)
            return {};
        AuditReportClosure found;
        found.day = since->day.toString(Qt::ISODate);
        found.closedBy = since->who();
        found.closedAt = since->at;
        found.eventSeq = since->auditSeq;
        auto rows = db.run(
            QStringLiteral("SELECT (SELECT hash FROM %1 WHERE seq = :seq), (SELECT total FROM %2 WHERE period_id = "
                           ":period AND user_id = :user), (SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE "
                           "\"userId\" = :user2 AND \"createdAt\" <= %3)")
                .arg(db.dialect().ownTable(QStringLiteral("audit_event")),
                     db.dialect().ownTable(QStringLiteral("period_total")),
                     db.dialect().timestampParam(QStringLiteral(":boundary"))),
            {{QStringLiteral(":seq"), since->auditSeq},
             {QStringLiteral(":period"), since->id},
             {QStringLiteral(":user"), request.userId},
             {QStringLiteral(":user2"), request.userId},
             {QStringLiteral(":boundary"), Timestamp::toSql(since->boundary)}});
        if (!rows)
            return rows.error();
        if (rows->next()) {
            found.eventHash = rows->text(0);
            found.totalAtClose = rows->isNull(1) ? 0 : rows->integer(1);
            found.totalNow = rows->integer(2);
        }
        closure = found;
        return {};
    });
    if (!status)
        return status.error();
    return closure;
}

} // namespace PeriodReport
