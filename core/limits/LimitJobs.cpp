#include "core/limits/LimitJobs.h"

#include "core/limits/LimitCheck.h"

namespace LimitJobs {

Job<PersonLimits> connected()
{
    return [](Database &db) { return LimitCheck(db).readConnected(); };
}

Job<QList<LimitRules::Rule>> rules()
{
    return [](Database &db) { return LimitRules(db).list(); };
}

Job<QList<LimitRules::Rule>> set(LimitRules::Scope scope, const QString &subject, const LimitRules::Change &change)
{
    return [scope, subject, change](Database &db) -> Result<QList<LimitRules::Rule>> {
        LimitRules rules(db);
        if (const Status s = rules.set(scope, subject, change); !s)
            return s.error();
        return rules.list();
    };
}

} // namespace LimitJobs
