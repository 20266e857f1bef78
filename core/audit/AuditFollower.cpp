#include "core/audit/AuditFollower.h"

#include "core/audit/AuditQuery.h"
#include "core/db/Database.h"

Result<qint64> AuditFollower::latestSeq(Database &db)
{
    // One step down the primary key.
    auto rows
        = db.run(QStringLiteral("SELECT MAX(seq) FROM %1").arg(db.dialect().ownTable(QStringLiteral("audit_event"))));
    if (!rows)
        return rows.error();
    return rows->next() && !rows->isNull(0) ? rows->integer(0) : qint64(0);
}

Result<QList<AuditEvent>> AuditFollower::next(int limit)
{
    AuditFilter filter;
    filter.userId = m_userId; // on the log's (user_id, seq) index
    auto events = AuditQuery(m_db).pageAfter(filter, m_lastSeq, limit);
    if (events && !events->isEmpty())
        m_lastSeq = events->constLast().seq;
    return events;
}
