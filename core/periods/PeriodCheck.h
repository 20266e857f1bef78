#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QStringList>

class Database;

// verify's check of the closed periods: every close and reopen still holds the totals its audit
// event anchored (number of users, sum and digest of the kept list, recomputed), each such event
// has its record, and the ledger's rows up to the current boundary still add up to the totals kept
// there. Each finding is one sentence; none: all hold. Runs inside the caller's transaction.
class PeriodCheck final
{
    Q_DECLARE_TR_FUNCTIONS(PeriodCheck)

public:
    explicit PeriodCheck(Database &db) : m_db(db) { }

    Result<QStringList> findings();

private:
    Database &m_db;
};
