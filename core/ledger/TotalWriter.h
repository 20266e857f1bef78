#pragma once

#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/RowEvents.h"

#include <QHash>
#include <QStringList>

class Database;

// How a ledger operation stores the totals of the users it changed: each from SUM, upserted into
// "UserProfile", refused past the 32-bit totalXP column. Inside the caller's transaction.
namespace TotalWriter {

// Sets a user's total from SUM; returns the cached total it replaced and the new one.
Result<StoredTotal> writeTotal(Database &db, const QString &userId);
// The same for each user once, in sorted order; the new totals go to change too.
Result<QHash<QString, StoredTotal>> writeTotals(Database &db, QStringList userIds, LedgerChange &change);

} // namespace TotalWriter
