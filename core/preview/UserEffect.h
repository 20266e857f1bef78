#pragma once

#include <QString>

#include <limits>

// What a change does to one user's total, shown before the change is confirmed.
struct UserEffect
{
    QString userId;
    QString email;
    QString name;
    qint64 transactions = 0; // rows of this user that the change adds or removes
    qint64 currentTotal = 0; // the cached "UserProfile"."totalXP" (what the live application shows)
    qint64 change = 0; // signed: what the change adds to the total
    bool exists = false; // the user is in "User" (set when the current total is read)

    qint64 resultingTotal() const { return currentTotal + change; }
    bool goesNegative() const { return resultingTotal() < 0; }
    // The ledger refuses a change whose total leaves the 32-bit "totalXP" column.
    bool fitsTotal() const
    {
        return resultingTotal() >= std::numeric_limits<qint32>::min()
            && resultingTotal() <= std::numeric_limits<qint32>::max();
    }
};
