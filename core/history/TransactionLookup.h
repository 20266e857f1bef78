#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"

#include <QString>

#include <optional>

class Database;

// One transaction found by its id, for a view that jumps to it: the row (when it is still in
// the ledger) and the audit event to show for it.
class TransactionLookup final
{
public:
    struct Found
    {
        std::optional<XpTransaction> transaction; // empty: not in "UserXP" (rolled back, or never was)
        // The latest event that wrote the row (award, adjust, restore, import...); for a removed
        // row, the event that removed it. Empty when no event names it (demo data, bulk loads).
        std::optional<qint64> event;
        QString userId; // the row's user, else the event's
    };

    explicit TransactionLookup(Database &db) : m_db(db) { }

    Result<Found> find(const QString &transactionId);

private:
    Database &m_db;
};
