#pragma once

#include <QDateTime>
#include <QString>

// A user as XP Admin shows one: "User" with the cached total of "UserProfile" and the aggregates
// of the user's transactions.
struct UserRow
{
    QString id;
    QString email;
    QString name;
    qint64 totalXP = 0; // the cached "UserProfile"."totalXP" (0 without a profile)
    qint64 sum = 0; // SUM of the user's transactions
    qint64 transactions = 0;
    QDateTime lastActivity; // UTC; invalid without transactions

    // The cached total disagrees with the transactions: Verify > Repair fixes it.
    bool drift() const { return totalXP != sum; }
};
