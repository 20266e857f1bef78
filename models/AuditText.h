#pragma once

#include "core/audit/AuditEvent.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

// What an audit event means, in words: the translated label of its action ("Rollback", not
// "rollback") and its effect read from the snapshot ("Total XP 125,590 → 120,590",
// "Transaction +30 removed: Correct answer, attempt_642"). Numbers and times as XpFormat writes
// them. For the audit table, its detail pane and the printed report.
class AuditText final
{
    Q_DECLARE_TR_FUNCTIONS(AuditText)

public:
    // The readable label of an action code; an unknown code is shown as it is.
    static QString actionLabel(const QString &action);
    // What the action does, one sentence, for tooltips.
    static QString actionDescription(const QString &action);
    // The event's effect, one line per change; never empty.
    static QString effect(const AuditEvent &event);
    // The person who acted: the operator named at start, else the login; for a change captured
    // in the database, its role and application ("app_user (psql)").
    static QString actor(const AuditEvent &event);
    // The user the event is about, as a person recognises them; empty when it has none.
    static QString user(const AuditEvent &event);

    // A change captured in the database: "Changed in the database by app_user (psql), from
    // 10.0.0.7"; empty for XP Admin's own events.
    static QString databaseOrigin(const AuditEvent &event);

private:
    static QString rowEffect(const AuditEvent &event);
    static QString databaseEffect(const AuditEvent &event);
    static QString requestEffect(const AuditEvent &event);
    static QString alertRulesEffect(const QJsonObject &snapshot);
    static QString reasonCodeEffect(const QJsonObject &snapshot);
};
