#pragma once

#include "Result.h"

#include <QString>

#include <optional>

class Database;

struct UserRecord
{
    QString id;
    QString email;
    QString name;
    qint64 totalXP = 0; // the cached "UserProfile"."totalXP" (0 without a profile)
    qint64 sum = 0; // SUM of the user's transactions
    qint64 transactions = 0;
};

// The "User" table as XP Admin needs it: add a user (audited) and look one up.
class Users final
{
public:
    explicit Users(Database &db) : m_db(db) { }

    Result<UserRecord> add(const QString &id, const QString &email, const QString &name);
    Result<std::optional<UserRecord>> find(const QString &id);

private:
    Database &m_db;
};
