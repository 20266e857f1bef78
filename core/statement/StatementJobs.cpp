#include "core/statement/StatementJobs.h"

#include "core/statement/StatementQuery.h"

namespace StatementJobs {

Job<Statement> read(QString userId, QDateTime since, QDateTime until)
{
    return [userId = std::move(userId), since = std::move(since), until = std::move(until)](Database &db) {
        return StatementQuery(db).read(userId, since, until);
    };
}

} // namespace StatementJobs
