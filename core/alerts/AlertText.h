#pragma once

#include "core/alerts/Alert.h"

#include <QString>

// How an alert reads for people, in the window, the CLI and a monitoring system's log: one
// sentence naming who did what to whom, with amounts as the window writes them ("+1,250").
namespace AlertText {

// Who made the change: the operator and their login, or for a change captured in the database
// its role and application ("database role web_app (prisma)").
QString actor(const AuditEvent &event);
// "+1,250", "-25": with the locale's grouping, as XpFormat::signedAmount.
QString signedAmount(qint64 value);
// "1,250"
QString number(qint64 value);
// The sentence for an alert whose user, actor, limit and count are filled in.
QString sentence(const Alert &alert);

} // namespace AlertText
