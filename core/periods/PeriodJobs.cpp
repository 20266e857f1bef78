#include "core/periods/PeriodJobs.h"

#include "core/periods/PeriodGuard.h"

namespace PeriodJobs {

Job<PeriodState> state(const QDate &day, bool closing)
{
    return [day, closing](Database &db) -> Result<PeriodState> {
        Periods periods(db);
        PeriodState state;
        auto current = periods.current();
        if (!current)
            return current.error();
        state.current = *current;
        if (!closing)
            return state;
        auto preview = periods.preview(day);
        if (preview)
            state.preview = *preview;
        else if (preview.error().kind == Error::Kind::Input)
            state.refused = preview.error().message;
        else
            return preview.error();
        return state;
    };
}

Job<ClosedPeriod> close(const QDate &day, const QString &reason)
{
    return [day, reason](Database &db) { return Periods(db).close(day, reason); };
}

Job<ClosedPeriod> reopen(const QDate &day, const QString &reason)
{
    return [day, reason](Database &db) { return Periods(db).reopen(day, reason); };
}

Job<QString> rowsInClosedPeriod(const QList<XpTransaction> &rows)
{
    return [rows](Database &db) { return PeriodGuard(db).rowsInPeriod(rows); };
}

} // namespace PeriodJobs
