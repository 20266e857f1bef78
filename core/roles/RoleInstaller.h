#pragma once

#include "core/db/TableNames.h"
#include "core/domain/Result.h"
#include "core/roles/Role.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class Database;

// XP Admin's roles on PostgreSQL: the group roles xpadmin_auditor, xpadmin_support (a member of
// auditor) and xpadmin_admin (a member of support), NOLOGIN, with the least grants on the
// ledger's tables and on the schema xpadmin that allow exactly their actions, and an audit log
// that nobody can change or empty (grants plus triggers, so its owner is refused too).
class RoleInstaller final
{
    Q_DECLARE_TR_FUNCTIONS(RoleInstaller)

public:
    explicit RoleInstaller(Database &db) : m_db(db) { }

    // The statements of `roles install`, in order, for a database administrator to read; the web
    // app's tables are named in their schema.
    static QStringList statements(const TableNames &tables);
    // Creates or updates the roles, grants and triggers in one transaction; running it again
    // changes nothing. Needs a superuser, or the owner of the tables with CREATEROLE.
    Status install();
    // Gives the login exactly this role (the other XP Admin roles it had directly are revoked).
    Status grant(Role role, const QString &login);

private:
    Status checkInstaller();

    Database &m_db;
};
