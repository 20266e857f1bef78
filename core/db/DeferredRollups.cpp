#include "core/db/DeferredRollups.h"

#include "core/db/Database.h"
#include "core/db/RollupDdl.h"

Result<DeferredRollups> DeferredRollups::defer(Database &db, qint64 rows)
{
    Q_ASSERT(db.inTransaction());
    DeferredRollups deferred(db);
    if (rows < MinRows)
        return deferred;
    auto kept = RollupDdl::isKept(db);
    if (!kept)
        return kept.error();
    if (!*kept)
        return deferred; // PostgreSQL, or a ledger without the rollups' triggers
    auto last = db.run(QStringLiteral("SELECT COALESCE(MAX(rowid), 0) FROM \"UserXP\""));
    if (!last)
        return last.error();
    const qint64 after = last->next() ? last->integer(0) : 0;
    if (const Status s = db.execute(QStringLiteral("DROP TRIGGER %1").arg(RollupDdl::insertTriggerName())); !s)
        return s.error();
    deferred.m_after = after;
    return deferred;
}

Status DeferredRollups::restore()
{
    if (!m_after)
        return {};
    const Dialect &d = m_db->dialect();
    for (const QString &sql : RollupDdl::addSums(d, QStringLiteral("rowid > :after"))) {
        if (auto done = m_db->run(sql, {{QStringLiteral(":after"), *m_after}}); !done)
            return done.error();
    }
    if (const Status s = m_db->execute(RollupDdl::insertTrigger(d)); !s)
        return s;
    m_after.reset();
    return {};
}
