#include "core/audit/AuditQuery.h"

#include "core/audit/AuditLog.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

QStringList AuditQuery::knownActions()
{
    return {QStringLiteral("award"),
            QStringLiteral("adjust"),
            QStringLiteral("rollback"),
            QStringLiteral("delete-source"),
            QStringLiteral("restore"),
            QStringLiteral("recalc"),
            QStringLiteral("repair"),
            QStringLiteral("user-add"),
            QStringLiteral("demo"),
            QStringLiteral("import-legacy"),
            QStringLiteral("adjust-request"),
            QStringLiteral("adjust-approve"),
            QStringLiteral("adjust-reject"),
            QStringLiteral("approval-threshold"),
            QStringLiteral("db-insert"),
            QStringLiteral("db-delete"),
            QStringLiteral("db-update-before"),
            QStringLiteral("db-update"),
            QStringLiteral("db-total"),
            QStringLiteral("capture-install"),
            QStringLiteral("capture-remove"),
            QStringLiteral("alert-rules"),
            QStringLiteral("reason-code"),
            QStringLiteral("period-close"),
            QStringLiteral("period-reopen"),
            QStringLiteral("limits-set")};
}

QString AuditQuery::whereClause(const AuditFilter &filter, std::optional<qint64> beforeSeq,
                                std::optional<qint64> afterSeq, Bindings &bindings) const
{
    const Dialect &d = m_db.dialect();
    QStringList conditions;
    if (!filter.userId.trimmed().isEmpty()) {
        conditions << QStringLiteral("user_id = :user");
        bindings << std::pair{QStringLiteral(":user"), QVariant(filter.userId.trimmed())};
    }
    if (!filter.action.isEmpty()) {
        conditions << QStringLiteral("action = :action");
        bindings << std::pair{QStringLiteral(":action"), QVariant(filter.action)};
    }
    if (!filter.operationId.isEmpty()) {
        conditions << QStringLiteral("operation_id = :operation");
        bindings << std::pair{QStringLiteral(":operation"), QVariant(filter.operationId)};
    }
    if (!filter.actor.trimmed().isEmpty()) {
        // The same pattern twice under two names: QPSQL binds each placeholder once.
        conditions << QStringLiteral("(actor %1 :actor ESCAPE '\\' OR operator %1 :operator ESCAPE '\\')")
                          .arg(d.likeOperator());
        const QString pattern = Dialect::containsPattern(filter.actor.trimmed());
        bindings << std::pair{QStringLiteral(":actor"), QVariant(pattern)}
                 << std::pair{QStringLiteral(":operator"), QVariant(pattern)};
    }
    if (filter.since.isValid()) {
        conditions << QStringLiteral("at >= %1").arg(d.timestampParam(QStringLiteral(":since")));
        bindings << std::pair{QStringLiteral(":since"), QVariant(Timestamp::toSql(filter.since))};
    }
    if (filter.until.isValid()) {
        conditions << QStringLiteral("at < %1").arg(d.timestampParam(QStringLiteral(":until")));
        bindings << std::pair{QStringLiteral(":until"), QVariant(Timestamp::toSql(filter.until))};
    }
    if (filter.maxSeq) {
        conditions << QStringLiteral("seq <= :max_seq");
        bindings << std::pair{QStringLiteral(":max_seq"), QVariant(*filter.maxSeq)};
    }
    if (beforeSeq) {
        conditions << QStringLiteral("seq < :before");
        bindings << std::pair{QStringLiteral(":before"), QVariant(*beforeSeq)};
    }
    if (afterSeq) {
        conditions << QStringLiteral("seq > :after");
        bindings << std::pair{QStringLiteral(":after"), QVariant(*afterSeq)};
    }
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

Result<QList<AuditEvent>> AuditQuery::page(const AuditFilter &filter, std::optional<qint64> beforeSeq,
                                           std::optional<qint64> afterSeq, int limit)
{
    return read(filter, beforeSeq, afterSeq, limit, false);
}

Result<QList<AuditEvent>> AuditQuery::pageAfter(const AuditFilter &filter, qint64 afterSeq, int limit)
{
    return read(filter, std::nullopt, afterSeq, limit, true);
}

Result<QList<AuditEvent>> AuditQuery::read(const AuditFilter &filter, std::optional<qint64> beforeSeq,
                                           std::optional<qint64> afterSeq, int limit, bool oldestFirst)
{
    Bindings bindings;
    const QString where = whereClause(filter, beforeSeq, afterSeq, bindings);
    bindings << std::pair{QStringLiteral(":limit"), QVariant(limit)};
    // The page first, on the primary key, then the names of its users only: as fast as the page.
    QStringList outer;
    for (const QString &column : AuditLog::columns().split(QStringLiteral(", ")))
        outer << QStringLiteral("e.") + column;
    const QString order = oldestFirst ? QStringLiteral("ASC") : QStringLiteral("DESC");
    auto rows
        = m_db.run(QStringLiteral("SELECT %1, u.\"name\", u.\"email\" FROM (SELECT %2 FROM %3%4 ORDER BY seq %5 "
                                  "LIMIT :limit) e LEFT JOIN \"User\" u ON u.\"id\" = e.user_id ORDER BY e.seq %5")
                       .arg(outer.join(QStringLiteral(", ")), AuditLog::columns(),
                            m_db.dialect().ownTable(QStringLiteral("audit_event")), where, order),
                   bindings);
    if (!rows)
        return rows.error();
    QList<AuditEvent> events;
    events.reserve(limit);
    const int nameColumn = int(outer.size());
    while (rows->next()) {
        AuditEvent event = AuditLog::read(*rows, m_db.dialect());
        event.userName = rows->text(nameColumn);
        event.userEmail = rows->text(nameColumn + 1);
        events << event;
    }
    return events;
}

Result<qint64> AuditQuery::count(const AuditFilter &filter, std::optional<qint64> afterSeq,
                                 std::optional<qint64> beforeSeq)
{
    Bindings bindings;
    const QString where = whereClause(filter, beforeSeq, afterSeq, bindings);
    auto rows = m_db.run(
        QStringLiteral("SELECT count(*) FROM %1%2").arg(m_db.dialect().ownTable(QStringLiteral("audit_event")), where),
        bindings);
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}

Result<bool> AuditQuery::matches(const AuditFilter &filter, qint64 seq)
{
    auto found = count(filter, seq - 1, seq + 1);
    if (!found)
        return found.error();
    return *found > 0;
}

Result<QStringList> AuditQuery::strings(const QString &sql)
{
    auto rows = m_db.run(sql);
    if (!rows)
        return rows.error();
    QStringList values;
    while (rows->next()) {
        const QString value = rows->text(0);
        if (!value.isEmpty())
            values << value;
    }
    return values;
}

Result<QStringList> AuditQuery::distinctActions()
{
    return strings(QStringLiteral("SELECT DISTINCT action FROM %1 ORDER BY action")
                       .arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))));
}

Result<QStringList> AuditQuery::distinctActors()
{
    return strings(QStringLiteral("SELECT actor FROM %1 UNION SELECT operator FROM %1 ORDER BY 1")
                       .arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))));
}
