#pragma once

#include "core/alerts/Alert.h"
#include "core/alerts/AlertRules.h"
#include "core/domain/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

class Database;

// The alerts a batch of new audit events raises under the rules (AlertRules), in the order of
// the events (oldest first):
// - a single change (a row added or removed: award, adjust, restore, import, rollback, delete
//   source, and the database's own db-insert, db-delete, db-update) whose amount, up or down, is
//   above maxChange;
// - the (maxPerHour + 1)th change by one actor within an hour (the hour before the event, that
//   moment included; events of one moment counted in their order), once, not again for the
//   later changes of that hour; counted by one set-based query for the whole batch over the
//   audit log's (actor, at), including the changes before the batch;
// - a "db-total" event whose snapshot says "direct": true.
class AlertCheck final
{
public:
    AlertCheck(Database &db, const AlertRules &rules) : m_db(db), m_rules(rules) { }

    // events: consecutive or not, oldest first, as read from the log (AuditLog::page).
    Result<QList<Alert>> check(const QList<AuditEvent> &events);

    // Every alert of the log after afterSeq, read page by page (pageSize events at a time).
    Result<QList<Alert>> checkLog(qint64 afterSeq, int pageSize = 5000);
    // The seq just before the first event at or after since (the last seq when there is none).
    static Result<qint64> seqBefore(Database &db, const QDateTime &since);

    // The actions that change a "UserXP" row, which the first two rules count.
    static QStringList changeActions();
    static bool isDirectTotal(const AuditEvent &event);

private:
    struct HourCount
    {
        qint64 count = 0;
        qint64 firstSeq = 0;
    };
    // For the changes of the batch that are the (maxPerHour + 1)th of their actor within an hour.
    Result<QHash<qint64, HourCount>> busyEvents(const QList<AuditEvent> &events);

    Database &m_db;
    AlertRules m_rules;
};
