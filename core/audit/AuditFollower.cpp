#include "core/audit/AuditFollower.h"

#include "core/audit/AuditLog.h"
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
    Bindings bindings{{QStringLiteral(":after"), m_lastSeq}, {QStringLiteral(":limit"), limit}};
    QString where = QStringLiteral("seq > :after");
    if (!m_userId.isEmpty()) {
        // On the log's (user_id, seq) index.
        where += QStringLiteral(" AND user_id = :user");
        bindings << std::pair{QStringLiteral(":user"), QVariant(m_userId)};
    }
    QStringList outer;
    for (const QString &column : AuditLog::columns().split(QStringLiteral(", ")))
        outer << QStringLiteral("e.") + column;
    // The events first, on the primary key, then the names of their users only.
    auto rows
        = m_db.run(QStringLiteral("SELECT %1, u.\"name\", u.\"email\" FROM (SELECT %2 FROM %3 WHERE %4 ORDER BY "
                                  "seq LIMIT :limit) e LEFT JOIN \"User\" u ON u.\"id\" = e.user_id ORDER BY e.seq")
                       .arg(outer.join(QStringLiteral(", ")), AuditLog::columns(),
                            m_db.dialect().ownTable(QStringLiteral("audit_event")), where),
                   bindings);
    if (!rows)
        return rows.error();
    QList<AuditEvent> events;
    const int nameColumn = int(outer.size());
    while (rows->next()) {
        AuditEvent event = AuditLog::read(*rows, m_db.dialect());
        event.userName = rows->text(nameColumn);
        event.userEmail = rows->text(nameColumn + 1);
        events << event;
    }
    if (!events.isEmpty())
        m_lastSeq = events.constLast().seq;
    return events;
}
