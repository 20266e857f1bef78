#pragma once

#include "core/audit/AuditEvent.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

// How `xpadmin-cli watch` shows one audit event: a line in words, or a JSON object with stable
// keys (docs/live.md lists them). A change captured in the database (actions db-*) names the
// database role and application from its snapshot instead of an XP Admin operator.
class WatchEventText final
{
    Q_DECLARE_TR_FUNCTIONS(WatchEventText)

public:
    // "2026-12-06 03:01:02  #42  alice: awarded +50 XP to Ada Lovelace <ada@example.com>: Quiz 7"
    static QString line(const AuditEvent &event);
    static QJsonObject json(const AuditEvent &event);

    // Who made the change, in words: "alice", "alice (as Bob)", "role postgres via psql".
    static QString who(const AuditEvent &event);
    // What was done, with the amount and the user.
    static QString what(const AuditEvent &event);
};
