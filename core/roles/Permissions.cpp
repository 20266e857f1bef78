#include "core/roles/Permissions.h"

#include <QCoreApplication>

bool Permissions::may(Action action) const
{
    switch (action) {
    case Action::Read:
        return true; // None included: what it may read, the database decides
    case Action::Award:
    case Action::Adjust:
        return m_role == Role::Support || m_role == Role::Admin || m_role == Role::Unrestricted;
    case Action::Rollback:
    case Action::DeleteSource:
    case Action::Restore:
    case Action::Import:
    case Action::Repair:
    case Action::AddUser:
    case Action::Approve:
    case Action::ManageReasonCodes:
    case Action::ClosePeriod:
    case Action::SetLimits:
        return m_role == Role::Admin || m_role == Role::Unrestricted;
    case Action::Configure:
    case Action::ConfigureAlerts:
    case Action::ManageRoles:
    case Action::Migrate:
        return m_role == Role::Unrestricted;
    }
    return false;
}

QString Permissions::phrase(Action action)
{
    switch (action) {
    case Action::Read:
        return QCoreApplication::translate("Permissions", "read the ledger");
    case Action::Award:
        return QCoreApplication::translate("Permissions", "award XP");
    case Action::Adjust:
        return QCoreApplication::translate("Permissions", "adjust XP");
    case Action::Rollback:
        return QCoreApplication::translate("Permissions", "roll back transactions");
    case Action::DeleteSource:
        return QCoreApplication::translate("Permissions", "delete sources");
    case Action::Restore:
        return QCoreApplication::translate("Permissions", "restore rolled-back transactions");
    case Action::Import:
        return QCoreApplication::translate("Permissions", "import files or add demo data");
    case Action::Repair:
        return QCoreApplication::translate("Permissions", "recalculate or repair totals");
    case Action::AddUser:
        return QCoreApplication::translate("Permissions", "add users");
    case Action::Approve:
        return QCoreApplication::translate("Permissions", "approve or reject adjustments");
    case Action::ManageReasonCodes:
        return QCoreApplication::translate("Permissions", "change the reason codes");
    case Action::ClosePeriod:
        return QCoreApplication::translate("Permissions", "close or reopen periods");
    case Action::Configure:
        return QCoreApplication::translate("Permissions", "change the approval threshold");
    case Action::ConfigureAlerts:
        return QCoreApplication::translate("Permissions", "change the alert rules");
    case Action::SetLimits:
        return QCoreApplication::translate("Permissions", "set the adjustment limits");
    case Action::ManageRoles:
        return QCoreApplication::translate("Permissions", "install or grant XP Admin's roles");
    case Action::Migrate:
        return QCoreApplication::translate("Permissions", "create or migrate the database schema");
    }
    return {};
}

QList<Action> Permissions::allActions()
{
    return {Action::Read,
            Action::Award,
            Action::Adjust,
            Action::Rollback,
            Action::DeleteSource,
            Action::Restore,
            Action::Import,
            Action::Repair,
            Action::AddUser,
            Action::Approve,
            Action::ManageReasonCodes,
            Action::ClosePeriod,
            Action::SetLimits,
            Action::Configure,
            Action::ConfigureAlerts,
            Action::ManageRoles,
            Action::Migrate};
}

QString Permissions::key(Action action)
{
    switch (action) {
    case Action::Read:
        return QStringLiteral("read");
    case Action::Award:
        return QStringLiteral("award");
    case Action::Adjust:
        return QStringLiteral("adjust");
    case Action::Rollback:
        return QStringLiteral("rollback");
    case Action::DeleteSource:
        return QStringLiteral("delete-source");
    case Action::Restore:
        return QStringLiteral("restore");
    case Action::Import:
        return QStringLiteral("import");
    case Action::Repair:
        return QStringLiteral("repair");
    case Action::AddUser:
        return QStringLiteral("user-add");
    case Action::Approve:
        return QStringLiteral("approve");
    case Action::ManageReasonCodes:
        return QStringLiteral("reason-codes");
    case Action::ClosePeriod:
        return QStringLiteral("close-period");
    case Action::Configure:
        return QStringLiteral("configure");
    case Action::ConfigureAlerts:
        return QStringLiteral("configure-alerts");
    case Action::SetLimits:
        return QStringLiteral("set-limits");
    case Action::ManageRoles:
        return QStringLiteral("manage-roles");
    case Action::Migrate:
        return QStringLiteral("migrate");
    }
    return {};
}
