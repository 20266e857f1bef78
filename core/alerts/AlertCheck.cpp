#include "core/alerts/AlertCheck.h"

#include "core/alerts/AlertText.h"
#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/users/UserQuery.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

QStringList AlertCheck::changeActions()
{
    return {QStringLiteral("award"),         QStringLiteral("adjust"),    QStringLiteral("restore"),
            QStringLiteral("import-legacy"), QStringLiteral("rollback"),  QStringLiteral("delete-source"),
            QStringLiteral("db-insert"),     QStringLiteral("db-delete"), QStringLiteral("db-update")};
}

bool AlertCheck::isDirectTotal(const AuditEvent &event)
{
    if (event.action != QLatin1String("db-total"))
        return false;
    const QJsonValue direct = QJsonDocument::fromJson(event.snapshot.toUtf8()).object().value(QStringLiteral("direct"));
    return direct.toBool(false);
}

Result<QList<Alert>> AlertCheck::check(const QList<AuditEvent> &events)
{
    QList<Alert> alerts;
    if (events.isEmpty() || !m_rules.anyOn())
        return alerts;
    QHash<qint64, HourCount> busy;
    if (m_rules.maxPerHour > 0) {
        auto found = busyEvents(events);
        if (!found)
            return found.error();
        busy = *found;
    }
    const QStringList changes = changeActions();
    for (const AuditEvent &event : events) {
        const bool isChange = changes.contains(event.action);
        if (m_rules.maxChange > 0 && isChange && event.amount && qAbs(*event.amount) > m_rules.maxChange) {
            Alert alert;
            alert.rule = Alert::Rule::LargeChange;
            alert.event = event;
            alert.limit = m_rules.maxChange;
            alerts << alert;
        }
        if (const auto hour = busy.constFind(event.seq); hour != busy.constEnd()) {
            Alert alert;
            alert.rule = Alert::Rule::BusyActor;
            alert.event = event;
            alert.limit = m_rules.maxPerHour;
            alert.count = hour->count;
            alert.firstSeq = hour->firstSeq;
            alerts << alert;
        }
        if (m_rules.directTotal && isDirectTotal(event)) {
            Alert alert;
            alert.rule = Alert::Rule::DirectTotal;
            alert.event = event;
            alerts << alert;
        }
    }
    if (alerts.isEmpty())
        return alerts;

    // The users by name or email, for those the events do not name already.
    QStringList ids;
    for (const Alert &alert : std::as_const(alerts)) {
        if (!alert.event.userId.isEmpty() && alert.event.userName.isEmpty() && alert.event.userEmail.isEmpty()
            && !ids.contains(alert.event.userId))
            ids << alert.event.userId;
    }
    QHash<QString, QString> labels;
    if (!ids.isEmpty()) {
        auto found = UserQuery(m_db).labels(ids);
        if (!found)
            return found.error();
        labels = *found;
    }
    for (Alert &alert : alerts) {
        const AuditEvent &event = alert.event;
        if (!event.userName.trimmed().isEmpty())
            alert.user = event.userName;
        else if (!event.userEmail.isEmpty())
            alert.user = event.userEmail;
        else
            alert.user = labels.value(event.userId, event.userId);
        alert.actor = AlertText::actor(event);
        if (alert.firstSeq == 0)
            alert.firstSeq = event.seq;
        alert.sentence = AlertText::sentence(alert);
    }
    return alerts;
}

Result<QList<Alert>> AlertCheck::checkLog(qint64 afterSeq, int pageSize)
{
    QList<Alert> alerts;
    AuditLog log(m_db);
    for (qint64 after = afterSeq;;) {
        auto page = log.page(after, pageSize);
        if (!page)
            return page.error();
        if (page->isEmpty())
            return alerts;
        auto found = check(*page);
        if (!found)
            return found.error();
        alerts << *found;
        after = page->constLast().seq;
    }
}

Result<qint64> AlertCheck::seqBefore(Database &db, const QDateTime &since)
{
    const QString table = db.dialect().ownTable(QStringLiteral("audit_event"));
    auto rows = db.run(QStringLiteral("SELECT COALESCE(MIN(seq), (SELECT COALESCE(MAX(seq), 0) + 1 FROM %1)) - 1 "
                                      "FROM %1 WHERE at >= %2")
                           .arg(table, db.dialect().timestampParam(QStringLiteral(":since"))),
                       {{QStringLiteral(":since"), Timestamp::toSql(since)}});
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}

Result<QHash<qint64, AlertCheck::HourCount>> AlertCheck::busyEvents(const QList<AuditEvent> &events)
{
    QHash<qint64, HourCount> result;
    const QStringList changes = changeActions();
    QJsonObject actors;
    QDateTime earliest;
    qint64 first = 0;
    qint64 last = 0;
    QSet<qint64> wanted;
    for (const AuditEvent &event : events) {
        if (!changes.contains(event.action))
            continue;
        actors.insert(event.actor, 1);
        if (!earliest.isValid() || event.at < earliest)
            earliest = event.at;
        first = first == 0 ? event.seq : std::min(first, event.seq);
        last = std::max(last, event.seq);
        wanted.insert(event.seq);
    }
    if (wanted.isEmpty())
        return result;
    const Dialect &d = m_db.dialect();
    QStringList quoted;
    for (const QString &action : changes)
        quoted << QLatin1Char('\'') + action + QLatin1Char('\'');
    // The hour as a window frame over the time: an interval on PostgreSQL; on SQLite, whose times
    // are text, the milliseconds since 1970 (exact, where julianday() would round).
    const QString key = d.isPostgres()
        ? QStringLiteral("e.at")
        : QStringLiteral("(CAST(strftime('%s', e.at) AS INTEGER) * 1000 + CAST(substr(e.at, 21, 3) AS INTEGER))");
    const QString hour = d.isPostgres() ? QStringLiteral("INTERVAL '1 hour'") : QStringLiteral("3600000");
    // n: the changes of the actor in the hour up to the event, those of the same moment counted
    // up to the event itself (the frame holds the whole moment: its later events are taken off).
    const QString sql
        = QStringLiteral("SELECT seq, n, first_seq FROM ("
                         "SELECT e.seq AS seq, "
                         "COUNT(*) OVER hour_before - COUNT(*) OVER (PARTITION BY e.actor, e.at) "
                         "+ ROW_NUMBER() OVER (PARTITION BY e.actor, e.at ORDER BY e.seq) AS n, "
                         "MIN(e.seq) OVER hour_before AS first_seq "
                         "FROM %1 e "
                         "WHERE e.at >= %2 AND e.seq <= :last AND e.action IN (%3) "
                         "AND e.actor IN (SELECT key FROM %4) "
                         "WINDOW hour_before AS (PARTITION BY e.actor ORDER BY %5 "
                         "RANGE BETWEEN %6 PRECEDING AND CURRENT ROW)"
                         ") c WHERE c.seq >= :first AND c.n = :n ORDER BY c.seq")
              .arg(d.ownTable(QStringLiteral("audit_event")), d.timestampParam(QStringLiteral(":from")),
                   quoted.join(QStringLiteral(", ")), d.jsonObjectEntries(QStringLiteral(":actors")), key, hour);
    auto rows = m_db.run(
        sql,
        {{QStringLiteral(":from"), Timestamp::toSql(earliest.addSecs(-3600))},
         {QStringLiteral(":last"), last},
         {QStringLiteral(":actors"), QString::fromUtf8(QJsonDocument(actors).toJson(QJsonDocument::Compact))},
         {QStringLiteral(":first"), first},
         {QStringLiteral(":n"), m_rules.maxPerHour + 1}});
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qint64 seq = rows->integer(0);
        if (wanted.contains(seq))
            result.insert(seq, HourCount{rows->integer(1), rows->integer(2)});
    }
    return result;
}
