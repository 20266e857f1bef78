#pragma once

#include "core/audit/AuditEvent.h"

#include <QJsonObject>
#include <QString>

// One alert raised by an audit event under the rules an admin set (AlertRules).
struct Alert
{
    enum class Rule {
        LargeChange, // a single change above maxChange XP
        BusyActor, // the (maxPerHour + 1)th change by one actor within an hour
        DirectTotal // a cached total changed directly in the database
    };

    Rule rule = Rule::LargeChange;
    AuditEvent event; // the event that raised it
    qint64 limit = 0; // the rule's N or M (0 for DirectTotal)
    qint64 count = 0; // BusyActor: the actor's changes in the hour up to the event, this one included
    qint64 firstSeq = 0; // BusyActor: the earliest of those changes (else the event's seq)
    QString user; // the user as a person knows them: name, else email, else id (empty: none)
    QString actor; // who made the change, as a person reads it
    QString sentence; // what happened, in one sentence

    // "large-change", "busy-actor", "direct-total": stable names for scripts.
    static QString ruleKey(Rule rule);
    // "Large change", "Many changes in an hour", "Direct change of a total" (translated).
    static QString ruleLabel(Rule rule);
    // One JSON object with stable keys (docs/alerts-readme.md): alert, seq, firstSeq, at, action,
    // actor, operator, userId, user, xpId, amount, limit, count, message.
    QJsonObject toJson() const;
};
