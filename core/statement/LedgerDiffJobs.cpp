#include "core/statement/LedgerDiffJobs.h"

namespace LedgerDiffJobs {

Job<LedgerDiff> read(const QDateTime &from, const QDateTime &to, const QString &userId)
{
    return [from, to, userId](Database &db) { return LedgerDiffQuery(db).read(from, to, userId); };
}

} // namespace LedgerDiffJobs
