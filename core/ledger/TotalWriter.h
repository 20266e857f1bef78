#pragma once

#include "core/db/Database.h"
#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/RowEvents.h"

#include <QHash>
#include <QStringList>

// How a ledger operation stores the totals of the users it changed: each from SUM, upserted into
// "UserProfile", refused past the 32-bit totalXP column. Inside the caller's transaction.
namespace TotalWriter {

// Refuses a total past the 32-bit totalXP column, naming the user and the total.
Status checkFits(const QString &userId, qint64 total);
// The upsert of one user's total, with its values named :profile_id (a new profile's id), :user,
// :total and :now, and those values.
QString upsertSql(const Dialect &dialect);
Bindings upsertBindings(const QString &userId, qint64 total);

// Sets each user's total to the value given, in one statement: a profile is created where the
// user has none.
Status upsertTotals(Database &db, const QList<std::pair<QString, qint64>> &totals);

// Sets a user's total from SUM; returns the cached total it replaced and the new one.
Result<StoredTotal> writeTotal(Database &db, const QString &userId);
// The same for each user once, the sums read and the totals written in a few statements however
// many users there are; the new totals go to change too.
Result<QHash<QString, StoredTotal>> writeTotals(Database &db, QStringList userIds, LedgerChange &change);

} // namespace TotalWriter
