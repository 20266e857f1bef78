#include "core/alerts/AlertJobs.h"

#include "core/alerts/AlertCheck.h"
#include "core/alerts/AlertSettings.h"

namespace AlertJobs {

Job<AlertRules> rules()
{
    return [](Database &db) { return AlertSettings(db).rules(); };
}

Job<AlertRules> setRules(const AlertRules &rules)
{
    return [rules](Database &db) -> Result<AlertRules> {
        AlertSettings settings(db);
        if (const Status s = settings.setRules(rules); !s)
            return s.error();
        return settings.rules();
    };
}

Job<QList<Alert>> check(const QList<AuditEvent> &events)
{
    return [events](Database &db) -> Result<QList<Alert>> {
        auto rules = AlertSettings(db).rules();
        if (!rules)
            return rules.error();
        return AlertCheck(db, *rules).check(events);
    };
}

} // namespace AlertJobs
