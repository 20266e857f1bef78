#pragma once

#include "core/roles/Grants.h"
#include "core/roles/Permissions.h"
#include "core/roles/Role.h"

#include <QCoreApplication>
#include <QString>

// Who is connected and what that allows: read from the database on PostgreSQL (enforced there),
// from the settings on SQLite (advisory: anyone with the file can change it).
struct ConnectedRole
{
    Q_DECLARE_TR_FUNCTIONS(ConnectedRole)

public:
    Role role = Role::Unrestricted;
    QString login; // the database login (session_user), or the operating-system user on SQLite
    bool advisory = false; // SQLite: chosen in the settings, not enforced
    bool rolesInstalled = false; // PostgreSQL: `roles install` ran on this database (its grants are here)
    bool superuser = false; // PostgreSQL
    bool owner = false; // PostgreSQL: owns the ledger's tables (or the database before they exist)

    // What the login's own privileges (PostgreSQL) or the file's permissions (SQLite) allow.
    Grants grants;

    Permissions permissions() const { return Permissions(role); }
    // Only what both the role and the grants allow.
    bool may(Action action) const { return permissions().may(action) && grants.allow(action); }
    // The name to blame in messages: "xpadmin_auditor" (PostgreSQL), else the readable label.
    QString name() const;
    // For the status bar: "xpadmin_support (dana)", "Auditor (advisory)".
    QString label() const;
    // Why the action is refused: "Your database role xpadmin_auditor may not roll back transactions".
    QString refusal(Action action) const;
    // Why the login may do less than its role: every privilege it lacks for what the role
    // allows ("SELECT on \"UserXP\", INSERT on \"UserXP\""), empty when nothing is missing.
    QStringList lacking() const;
};
