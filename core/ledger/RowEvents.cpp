#include "core/ledger/RowEvents.h"

#include "core/domain/JsonText.h"

QList<AuditEvent> RowEvents::make(const QString &action, const QString &operationId, const QList<XpTransaction> &rows,
                                  Effect effect, const QString &reason, const QHash<QString, StoredTotal> &totals,
                                  const ReasonTag &tag)
{
    // Each user's last row, where the walk ends at the stored total.
    QHash<QString, qsizetype> lastRow;
    for (qsizetype i = 0; i < rows.size(); ++i)
        lastRow.insert(rows.at(i).userId, i);
    QHash<QString, qint64> running;
    QList<AuditEvent> events;
    events.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const XpTransaction &row = rows.at(i);
        const StoredTotal stored = totals.value(row.userId);
        const qint64 before = running.value(row.userId, stored.before);
        const qint64 after = lastRow.value(row.userId) == i
            ? stored.after
            : before + (effect == Effect::Added ? row.amount : -qint64(row.amount));
        running.insert(row.userId, after);
        // As strings, like every total in a snapshot.
        JsonText snapshot = row.toJsonText();
        snapshot.add(QLatin1StringView("totalXP_before"), QString::number(before))
            .add(QLatin1StringView("totalXP_after"), QString::number(after));
        tag.addTo(snapshot);
        events << AuditEvent::forRow(action, operationId, row, reason, snapshot.text());
    }
    return events;
}
