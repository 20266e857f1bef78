#pragma once

#include "core/alerts/Alert.h"
#include "core/alerts/AlertRules.h"
#include "core/db/Job.h"

#include <QList>

// The window's alert work as jobs for the session's workers: the rules read and set
// (AlertSettings), and a batch of new audit events checked against the stored rules (AlertCheck).
namespace AlertJobs {

Job<AlertRules> rules();
// Sets the rules and reads back what is stored now.
Job<AlertRules> setRules(const AlertRules &rules);
// Reads the rules, then the alerts the events (oldest first) raise.
Job<QList<Alert>> check(const QList<AuditEvent> &events);

} // namespace AlertJobs
