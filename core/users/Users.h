#pragma once

#include "core/domain/Result.h"
#include "core/users/UserRow.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class Database;

// The "User" table as XP Admin needs it: add a user (audited) and look one up.
class Users final
{
    Q_DECLARE_TR_FUNCTIONS(Users)

public:
    explicit Users(Database &db) : m_db(db) { }

    Result<UserRow> add(const QString &id, const QString &email, const QString &name);
    Result<std::optional<UserRow>> find(const QString &id);

private:
    Database &m_db;
};
