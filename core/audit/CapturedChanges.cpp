#include "core/audit/CapturedChanges.h"

#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/XpTransaction.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace {

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

// A timestamp as row_to_json writes it ("2026-12-06T02:00:00.12", the zone-less UTC the column
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
AuditEvent rowEvent(const QString &action, const QString &operationId, const QJsonObject &row, const Origin &origin)
{
    const QJsonObject object = utcTimes(row);
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

// A "UserProfile" change: its user and the totals before and after (absent: no profile row).
struct TotalChange
{
    QString userId;
    std::optional<qint64> before;
    std::optional<qint64> after;
};

AuditEvent totalEvent(const QString &operationId, const TotalChange &change, bool direct, const Origin &origin)
{
    AuditEvent event;
    event.action = QStringLiteral("db-total");
    event.operationId = operationId;
    event.userId = change.userId;
    JsonText snapshot;
    snapshot.add(QLatin1StringView("userId"), event.userId);
    // As strings, like every total in a snapshot; null where there was no profile row.
    const QLatin1StringView beforeKey("totalXP_before");
    const QLatin1StringView afterKey("totalXP_after");
    if (change.before)
        snapshot.add(beforeKey, QString::number(*change.before));
    else
        snapshot.addNull(beforeKey);
    if (change.after) {
        event.amount = *change.after;
        snapshot.add(afterKey, QString::number(*change.after));
    } else {
        snapshot.addNull(afterKey);
    }
    snapshot.addJson(QLatin1StringView("direct"), direct ? QStringLiteral("true") : QStringLiteral("false"));
    event.snapshot = origin.addTo(snapshot).text();
    return event;
}

// One record of the table, as to_jsonb(record) gives it.
struct Record
{
    QDateTime at;
    Origin origin;
    QString table;
    QString operation;
    QJsonObject oldRow; // "UserXP": the row's image (empty: none)
    QJsonObject newRow;
    TotalChange total; // "UserProfile"

    // A row image: the JSON text the trigger keeps, or a jsonb object (tables capture made before
    // it kept text).
    static QJsonObject image(const QJsonValue &value)
    {
        return value.isObject() ? value.toObject() : QJsonDocument::fromJson(value.toString().toUtf8()).object();
    }
    static std::optional<qint64> number(const QJsonValue &value)
    {
        return value.isDouble() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
    }

    static Record read(const QString &at, const QString &json)
    {
        const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
        Record r;
        r.at = Timestamp::fromSql(at);
        r.origin = {o.value(QStringLiteral("role")).toString(), o.value(QStringLiteral("application")).toString(),
                    o.value(QStringLiteral("client")).toString(),
                    QString::number(o.value(QStringLiteral("txid")).toInteger())};
        r.table = o.value(QStringLiteral("table_name")).toString();
        r.operation = o.value(QStringLiteral("operation")).toString();
        r.oldRow = image(o.value(QStringLiteral("old_row")));
        r.newRow = image(o.value(QStringLiteral("new_row")));
        const QString userKey = QStringLiteral("userId");
        r.total.userId = o.value(QStringLiteral("user_id")).toString();
        if (r.total.userId.isEmpty())
            r.total.userId = (r.newRow.isEmpty() ? r.oldRow : r.newRow).value(userKey).toString();
        if (r.table == QLatin1StringView("UserProfile")) {
            const QString totalKey = QStringLiteral("totalXP");
            const bool kept = o.contains(QStringLiteral("total_after"));
            r.total.before = kept ? number(o.value(QStringLiteral("total_before")))
                                  : (r.oldRow.isEmpty() ? std::nullopt : number(r.oldRow.value(totalKey)));
            r.total.after = kept ? number(o.value(QStringLiteral("total_after")))
                                 : (r.newRow.isEmpty() ? std::nullopt : number(r.newRow.value(totalKey)));
        }
        return r;
    }
};

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
    // meanwhile stays for the next sealer. Each record whole, as JSON: the columns differ between
    // capture's versions.
    auto rows = m_db.run(QStringLiteral("WITH d AS (DELETE FROM %1 RETURNING *) "
                                        "SELECT to_char(d.at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS'), "
                                        "CAST(to_jsonb(d) AS TEXT) FROM d ORDER BY d.id")
                             .arg(table()));
    if (!rows)
        return Error::database(
            tr("The changes capture recorded could not be sealed into the audit log: %1").arg(rows.error().message));
    QList<Record> records;
    QSet<QString> rowChanges; // txid + user of every "UserXP" change
    while (rows->next()) {
        const Record &r = records.emplace_back(Record::read(rows->text(0), rows->text(1)));
        if (r.table == QLatin1StringView("UserProfile"))
            continue;
        for (const QJsonObject *row : {&r.oldRow, &r.newRow}) {
            if (!row->isEmpty())
                rowChanges.insert(r.origin.txid + QLatin1Char(' ') + row->value(QStringLiteral("userId")).toString());
        }
    }
    QList<AuditEvent> events;
    QHash<QString, QString> operations; // one operation per database transaction
    for (const Record &r : std::as_const(records)) {
        QString &operationId = operations[r.origin.txid];
        if (operationId.isEmpty())
            operationId = Cuid::generate();
        QList<AuditEvent> made;
        if (r.table == QLatin1StringView("UserProfile")) {
            // Direct: no "UserXP" row of the user changed in the same database transaction.
            const bool direct = !rowChanges.contains(r.origin.txid + QLatin1Char(' ') + r.total.userId);
            made << totalEvent(operationId, r.total, direct, r.origin);
        } else if (r.operation == QLatin1StringView("INSERT")) {
            made << rowEvent(QStringLiteral("db-insert"), operationId, r.newRow, r.origin);
        } else if (r.operation == QLatin1StringView("DELETE")) {
            made << rowEvent(QStringLiteral("db-delete"), operationId, r.oldRow, r.origin);
        } else {
            made << rowEvent(QStringLiteral("db-update-before"), operationId, r.oldRow, r.origin)
                 << rowEvent(QStringLiteral("db-update"), operationId, r.newRow, r.origin);
        }
        for (AuditEvent &event : made) {
            event.at = r.at;
            event.actor = r.origin.role;
            event.operatorName = r.origin.application;
            events << event;
        }
    }
    return events;
}
