#pragma once

#include "core/domain/Result.h"
#include "core/limits/PersonLimits.h"

#include <QString>

class Database;

// Reads a person's limits and what they moved today, for the adjustments that ask whether they
// must wait (ApprovalGate, the bulk planner), for `limits show` and the adjust dialog.
// Deciding and writing one person's adjustment must happen under lockDay(), in the same
// transaction: two desks of the same person then decide one after the other, and never both
// pass the day limit.
class LimitCheck final
{
public:
    explicit LimitCheck(Database &db) : m_db(db) { }

    // Who the connected desk is, for limits: the database login on PostgreSQL, the operator
    // (--actor, else the operating-system login) on SQLite.
    static QString connectedPerson(const Database &db);

    // The person's role (PostgreSQL: from the server's roles, Role::None for an unknown name;
    // SQLite: the desk's advisory role), their limits, and what they moved today.
    Result<PersonLimits> read(const QString &person);
    Result<PersonLimits> readConnected() { return read(connectedPerson(m_db)); }
    // In a write transaction: waits for, then holds until commit, the person's day (PostgreSQL
    // advisory lock; SQLite writers are one at a time anyway).
    Status lockDay(const QString &person);
    // The sum of |amount| the person moved in [start, end) (see PersonLimits).
    Result<qint64> moved(const QString &person, const QDateTime &start, const QDateTime &end);

private:
    Result<Role> roleOf(const QString &person);

    Database &m_db;
};
