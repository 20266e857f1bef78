#pragma once

#include "core/roles/Role.h"

#include <QString>

// Everything XP Admin does that a role may or may not do.
enum class Action {
    Read, // history, totals, charts, audit log, verify without repair, exports
    Award,
    Adjust, // manual adjustments, also those that wait for approval
    Rollback,
    DeleteSource,
    Restore,
    Import, // legacy totals, bulk adjustments, demo data
    Repair, // recalc and verify --repair
    AddUser,
    Approve, // approve or reject a pending adjustment
    ManageReasonCodes, // add, relabel and retire reason codes; the ticket link pattern
    ClosePeriod, // close the ledger up to a day, or reopen it
    Configure, // the approval threshold (xpadmin.meta, the owner's)
    ConfigureAlerts, // the alert rules (xpadmin.meta too)
    SetLimits, // the limits per role and per person (xpadmin.adjust_limit)
    ManageRoles, // roles install, roles grant
    Migrate // create the ledger or migrate XP Admin's own tables
};

// What one role may do. Auditor: read. Support: read, award, adjust. Admin: all of support's,
// plus rollback, delete source, restore, import, repair, add users, approve, keep the reason
// codes, close periods and set limits. Unrestricted (a
// database owner, SQLite without a chosen role): everything, also the approval threshold, the
// alert rules, roles and schema.
class Permissions final
{
public:
    explicit Permissions(Role role) : m_role(role) { }

    Role role() const { return m_role; }
    bool may(Action action) const;

    bool canRead() const { return may(Action::Read); }
    bool canAward() const { return may(Action::Award); }
    bool canAdjust() const { return may(Action::Adjust); }
    bool canRollback() const { return may(Action::Rollback); }
    bool canDeleteSource() const { return may(Action::DeleteSource); }
    bool canRestore() const { return may(Action::Restore); }
    bool canImport() const { return may(Action::Import); }
    bool canRepair() const { return may(Action::Repair); }
    bool canAddUser() const { return may(Action::AddUser); }
    bool canApprove() const { return may(Action::Approve); }
    bool canConfigure() const { return may(Action::Configure); }
    bool canManageRoles() const { return may(Action::ManageRoles); }
    bool canMigrate() const { return may(Action::Migrate); }

    // What the action is, to finish "may not ...": "roll back transactions" (translated).
    static QString phrase(Action action);
    // Every action, in the order `roles show` lists them.
    static QList<Action> allActions();
    // A short name for JSON: "rollback", "delete-source", ...
    static QString key(Action action);

private:
    Role m_role;
};
