#include "core/audit/CapturedChanges.h"

#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/XpTransaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CapturedChanges", text);
}

// Where a change came from, as every captured event's snapshot says it.
struct Origin
{
    QString role;
    QString application;
    QString client;
    QString txid;

    JsonText &addTo(JsonText &json) const
    {
        return json.add(QLatin1StringView("origin"), QStringLiteral("database"))
            .add(QLatin1StringView("role"), role)
            .add(QLatin1StringView("application"), application)
            .add(QLatin1StringView("client"), client)
            .add(QLatin1StringView("txid"), txid);
    }
};

// A timestamp as to_jsonb writes it ("2026-12-06T02:00:00.12", the zone-less UTC the column
// holds) in the form snapshots keep ("2026-12-06T02:00:00.120Z").
QJsonObject utcTimes(QJsonObject row)
{
    for (const QLatin1StringView key : {QLatin1StringView("createdAt"), QLatin1StringView("updatedAt")}) {
        QString text = row.value(key).toString();
        if (text.isEmpty())
            continue;
        if (!text.endsWith(QLatin1Char('Z')) && !text.contains(QLatin1Char('+')))
            text += QLatin1Char('Z');
        const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (at.isValid())
            row.insert(key, Timestamp::toIso(at.toUTC()));
    }
    return row;
}

// A "UserXP" row image as an event: the row's snapshot as XP Admin writes it, with its origin.
AuditEvent rowEvent(const QString &action, const QString &operationId, const QString &rowText, const Origin &origin)
{
    const QJsonObject object = utcTimes(QJsonDocument::fromJson(rowText.toUtf8()).object());
    AuditEvent event;
    if (const std::optional<XpTransaction> row = XpTransaction::fromJson(object)) {
        JsonText snapshot = row->toJsonText();
        event = AuditEvent::forRow(action, operationId, *row, QString(), origin.addTo(snapshot).text());
    } else {
        // A row XP Admin cannot read as a transaction: kept as the database wrote it.
        QJsonObject snapshot = object;
        snapshot.insert(QStringLiteral("origin"), QStringLiteral("database"));
        snapshot.insert(QStringLiteral("role"), origin.role);
        snapshot.insert(QStringLiteral("application"), origin.application);
        snapshot.insert(QStringLiteral("client"), origin.client);
        snapshot.insert(QStringLiteral("txid"), origin.txid);
        event.action = action;
        event.operationId = operationId;
        event.userId = object.value(QStringLiteral("userId")).toString();
        event.xpId = object.value(QStringLiteral("id")).toString();
        if (object.value(QStringLiteral("amount")).isDouble())
            event.amount = object.value(QStringLiteral("amount")).toInteger();
        event.snapshot = JsonText::compact(snapshot);
    }
    return event;
}

AuditEvent totalEvent(const QString &operationId, const QString &oldText, const QString &newText, bool direct,
                      const Origin &origin)
{
    const QJsonObject before = QJsonDocument::fromJson(oldText.toUtf8()).object();
    const QJsonObject after = QJsonDocument::fromJson(newText.toUtf8()).object();
    AuditEvent event;
    event.action = QStringLiteral("db-total");
    event.operationId = operationId;
    event.userId = (after.isEmpty() ? before : after).value(QStringLiteral("userId")).toString();
    JsonText snapshot;
    snapshot.add(QLatin1StringView("userId"), event.userId);
    // As strings, like every total in a snapshot; null where there was no profile row.
    const QLatin1StringView beforeKey("totalXP_before");
    const QLatin1StringView afterKey("totalXP_after");
    if (before.isEmpty())
        snapshot.addNull(beforeKey);
    else
        snapshot.add(beforeKey, QString::number(before.value(QStringLiteral("totalXP")).toInteger()));
    if (after.isEmpty()) {
        snapshot.addNull(afterKey);
    } else {
        event.amount = after.value(QStringLiteral("totalXP")).toInteger();
        snapshot.add(afterKey, QString::number(*event.amount));
    }
    snapshot.addJson(QLatin1StringView("direct"), direct ? QStringLiteral("true") : QStringLiteral("false"));
    event.snapshot = origin.addTo(snapshot).text();
    return event;
}

} // namespace

QString CapturedChanges::table()
{
    return QStringLiteral("xpadmin.captured_change");
}

QString CapturedChanges::function()
{
    return QStringLiteral("xpadmin.capture_change");
}

QStringList CapturedChanges::actions()
{
    return {QStringLiteral("db-insert"), QStringLiteral("db-delete"), QStringLiteral("db-update-before"),
            QStringLiteral("db-update"), QStringLiteral("db-total")};
}

QString CapturedChanges::stateExpression()
{
    return QStringLiteral("CASE WHEN to_regclass('%1') IS NULL THEN 0 "
                          "WHEN has_table_privilege('%1', 'SELECT') AND has_table_privilege('%1', 'DELETE') THEN 2 "
                          "ELSE 1 END")
        .arg(table());
}

Result<QList<AuditEvent>> CapturedChanges::take()
{
    Q_ASSERT(m_db.inTransaction());
    // DELETE ... RETURNING: exactly the records this statement saw go, so a record committed
    // meanwhile stays for the next sealer. A total is direct when no "UserXP" row of its user
    // changed in the same database transaction.
    auto rows = m_db.run(
        QStringLiteral(
            "WITH d AS (DELETE FROM %1 RETURNING *) "
            "SELECT d.id, to_char(d.at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS'), d.role, d.application, "
            "d.client, "
            "CAST(d.txid AS TEXT), d.table_name, d.operation, CAST(d.old_row AS TEXT), CAST(d.new_row AS TEXT), "
            "CASE WHEN d.table_name = 'UserProfile' AND NOT EXISTS (SELECT 1 FROM d x WHERE x.txid = d.txid AND "
            "x.table_name = 'UserXP' AND COALESCE(x.new_row, x.old_row) ->> 'userId' = "
            "COALESCE(d.new_row, d.old_row) ->> 'userId') THEN 1 ELSE 0 END "
            "FROM d ORDER BY d.id")
            .arg(table()));
    if (!rows)
        return Error::database(
            tr("The changes capture recorded could not be sealed into the audit log: %1").arg(rows.error().message));
    QList<AuditEvent> events;
    QHash<QString, QString> operations; // one operation per database transaction
    while (rows->next()) {
        const QDateTime at = Timestamp::fromSql(rows->text(1));
        Origin origin{rows->text(2), rows->text(3), rows->text(4), rows->text(5)};
        QString &operationId = operations[origin.txid];
        if (operationId.isEmpty())
            operationId = Cuid::generate();
        const QString tableName = rows->text(6);
        const QString operation = rows->text(7);
        const QString oldRow = rows->text(8);
        const QString newRow = rows->text(9);
        QList<AuditEvent> made;
        if (tableName == QLatin1StringView("UserProfile"))
            made << totalEvent(operationId, oldRow, newRow, rows->integer(10) != 0, origin);
        else if (operation == QLatin1StringView("INSERT"))
            made << rowEvent(QStringLiteral("db-insert"), operationId, newRow, origin);
        else if (operation == QLatin1StringView("DELETE"))
            made << rowEvent(QStringLiteral("db-delete"), operationId, oldRow, origin);
        else
            made << rowEvent(QStringLiteral("db-update-before"), operationId, oldRow, origin)
                 << rowEvent(QStringLiteral("db-update"), operationId, newRow, origin);
        for (AuditEvent &event : made) {
            event.at = at;
            event.actor = origin.role;
            event.operatorName = origin.application;
            events << event;
        }
    }
    return events;
}
