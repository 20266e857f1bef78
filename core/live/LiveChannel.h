#pragma once

#include <QString>

// The PostgreSQL notification channel on which every change of the ledger is announced: XP
// Admin's own write transactions and the capture triggers notify it, LedgerChangeFeed listens.
// The payload is empty or short text; a receiver must not depend on it.
namespace LiveChannel {
inline QString name()
{
    return QStringLiteral("xpadmin_ledger");
}
} // namespace LiveChannel
