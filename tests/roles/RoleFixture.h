#pragma once

#include "core/roles/Role.h"
#include "tests/support/TestBackend.h"

#include <QMap>
#include <QString>

#include <memory>

// A PostgreSQL database with a small ledger, XP Admin's roles installed by its owner, and one
// new login for each role (plus one with no role), for tests that connect as each of them.
class RoleFixture final
{
public:
    RoleFixture() = default;
    ~RoleFixture();
    RoleFixture(const RoleFixture &) = delete;
    RoleFixture &operator=(const RoleFixture &) = delete;

    // Empty on success, else why it could not be set up.
    QString setUp();
    // A fixture set up, or null with *why set (the server or the logins could not be made).
    static std::unique_ptr<RoleFixture> start(QString *why);

    const ConnectionSpec &ownerSpec() const { return m_spec; }
    Database &owner() { return *m_owner; }
    // The same database as the login of this role (Role::None: a login without an XP Admin role).
    ConnectionSpec specFor(Role role) const;
    QString loginFor(Role role) const { return m_logins.value(role); }
    std::unique_ptr<Database> connectAs(Role role, QString *why) const;

    // What a user would look at to see whether anything changed.
    struct Snapshot
    {
        qint64 transactions = 0;
        qint64 sum = 0;
        qint64 totals = 0;
        qint64 users = 0;
        qint64 auditEvents = 0;
        QString lastHash;
        qint64 batches = 0;
        bool operator==(const Snapshot &other) const = default;
        QString describe() const;
    };
    Snapshot snapshot();

    // A fresh transaction of alice, made by the owner (for rollback), and one rolled back (for restore).
    QString newTransaction();
    QString newRolledBack();

private:
    ConnectionSpec m_spec;
    std::unique_ptr<Database> m_owner;
    QMap<Role, QString> m_logins;
};
