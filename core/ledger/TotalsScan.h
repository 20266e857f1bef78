#pragma once

#include "core/ledger/Ledger.h"

class Database;

// Every user's cached total ("UserProfile"."totalXP") against the sum of their transactions:
// one pass over "UserXP" that counts the users and returns only the totals that differ, and
// one set-based statement that sets those. Runs inside the caller's transaction.
class TotalsScan final
{
public:
    explicit TotalsScan(Database &db) : m_db(db) { }

    // users: the users with transactions; fixed: every drifted total (a profile with a total
    // but no transactions has sum 0), sorted by user id. Nothing is written.
    Result<RecalcSummary> scan();
    // Sets each drifted user's total to its sum, creating the profiles that are missing.
    Status store(const QList<Drift> &drifted);

private:
    Status addOrphans(QList<Drift> &drifted);

    Database &m_db;
};
