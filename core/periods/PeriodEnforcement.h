#pragma once

#include "core/db/TableNames.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QStringList>

class Database;

// PostgreSQL refuses XP Admin's roles any change of a "UserXP" row dated in the closed period: a
// row trigger on "UserXP" whose WHEN condition limits it to members of xpadmin_auditor (support and
// admin are), so the web app's writes only evaluate that condition. It adds no column, index or
// constraint. Creating a trigger needs the table's owner: `roles install` installs it, and so does
// the first close made by the owner; an admin closes afterwards.
class PeriodEnforcement final
{
    Q_DECLARE_TR_FUNCTIONS(PeriodEnforcement)

public:
    explicit PeriodEnforcement(Database &db) : m_db(db) { }

    static QString triggerName() { return QStringLiteral("xpadmin_period_closed"); }
    // The function and trigger; they name XP Admin's roles, which must exist.
    static QStringList statements(const TableNames &tables);
    // Inside a write transaction: nothing when the trigger is there, or when XP Admin's roles are not
    // installed (nobody to enforce against); else installs it, or refuses when the connected role
    // may not create it.
    Status ensure();
    // Whether the trigger is on "UserXP".
    Result<bool> isInstalled();

private:
    Database &m_db;
};
