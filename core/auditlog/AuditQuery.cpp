#include "AuditQuery.h"

#include "db/Database.h"
#include "domain/Timestamp.h"

namespace {

const QString Columns = QStringLiteral(
    "seq, at, actor, operator, action, operation_id, user_id, xp_id, amount, reason, snapshot, prev_hash, hash");

AuditEvent readEvent(const SqlRows &rows, const Dialect &dialect)
{
    AuditEvent event;
    event.seq = rows.integer(0);
    event.at = dialect.readTimestamp(rows.value(1));
    event.actor = rows.text(2);
    event.operatorName = rows.text(3);
    event.action = rows.text(4);
    event.operationId = rows.text(5);
    event.userId = rows.text(6);
    event.xpId = rows.text(7);
    if (!rows.isNull(8))
        event.amount = rows.integer(8);
    event.reason = rows.text(9);
    event.snapshot = rows.text(10);
    event.prevHash = rows.text(11);
    event.hash = rows.text(12);
    return event;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

QStringList AuditQuery::knownActions()
{
    return {QStringLiteral("award"),         QStringLiteral("adjust"),   QStringLiteral("rollback"),
            QStringLiteral("delete-source"), QStringLiteral("restore"),  QStringLiteral("recalc"),
            QStringLiteral("repair"),        QStringLiteral("user-add"), QStringLiteral("demo")};
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
    if (!filter.actor.trimmed().isEmpty()) {
        // The same pattern twice under two names: QPSQL binds each placeholder once.
        conditions << QStringLiteral("(actor %1 :actor ESCAPE '\\' OR operator %1 :operator ESCAPE '\\')")
                          .arg(d.likeOperator());
        const QString pattern = likePattern(filter.actor.trimmed());
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
    Bindings bindings;
    const QString where = whereClause(filter, beforeSeq, afterSeq, bindings);
    bindings << std::pair{QStringLiteral(":limit"), QVariant(limit)};
    auto rows = m_db.run(QStringLiteral("SELECT %1 FROM %2%3 ORDER BY seq DESC LIMIT :limit")
                             .arg(Columns, m_db.dialect().ownTable(QStringLiteral("audit_event")), where),
                         bindings);
    if (!rows)
        return rows.error();
    QList<AuditEvent> events;
    events.reserve(limit);
    while (rows->next())
        events << readEvent(*rows, m_db.dialect());
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
