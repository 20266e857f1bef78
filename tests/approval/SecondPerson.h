#pragma once

#include "core/db/ConnectionSpec.h"

#include <QString>

class Database;

// A second person for maker-checker tests: someone who may decide the requests another made.
// On PostgreSQL a person is a login, so this is a login role of its own with rights on the test
// database; on SQLite the same file, told apart by the operator name.
class SecondPerson final
{
public:
    SecondPerson() = default;
    ~SecondPerson();
    SecondPerson(const SecondPerson &) = delete;
    SecondPerson &operator=(const SecondPerson &) = delete;

    // owner: a connection to the (fresh, initialized) database as its owner.
    bool setUp(const ConnectionSpec &spec, Database &owner, QString *why);
    // Drops the login role; call after the test database is dropped.
    void tearDown();

    ConnectionSpec spec() const { return m_spec; }
    static QString operatorName() { return QStringLiteral("checker"); }

private:
    ConnectionSpec m_spec;
    QString m_role;
};
