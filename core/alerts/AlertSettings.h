#pragma once

#include "core/alerts/AlertRules.h"
#include "core/domain/Result.h"

#include <QCoreApplication>

class Database;

// Reads and sets the alert rules, a setting of the database shared by every desk (XP Admin's meta
// table, keys alert_max_change, alert_max_per_hour and alert_direct_total), like the approval
// threshold (ApprovalGate). Setting them is audited as "alert-rules" with the rules before and
// after. Who may set them is the owner's, as for the threshold: PostgreSQL's grants refuse the
// others (only the owner writes xpadmin.meta), and the CLI and the window check the role first
// (Action::ConfigureAlerts).
class AlertSettings final
{
    Q_DECLARE_TR_FUNCTIONS(AlertSettings)

public:
    explicit AlertSettings(Database &db) : m_db(db) { }

    // The rules stored, or the defaults (AlertRules{}) for those never set.
    Result<AlertRules> rules();
    // Stores the rules in one transaction with their audit event; unchanged rules write nothing.
    // Refuses a value out of range (naming the field) and changes nothing.
    Status setRules(const AlertRules &rules);

private:
    Database &m_db;
};
