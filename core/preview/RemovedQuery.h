#pragma once

#include "core/domain/Result.h"
#include "core/preview/RemovedTransaction.h"

#include <QList>
#include <QString>

#include <optional>

class Database;

// Transactions that can be restored: those whose latest removal (rollback or delete-source)
// in the audit log is not followed by their return to "UserXP". Newest removal first, paged
// by keyset on the audit sequence number.
class RemovedQuery final
{
public:
    explicit RemovedQuery(Database &db) : m_db(db) { }

    // Up to limit removals older than beforeSeq (or the newest), of one user or of everyone.
    Result<QList<RemovedTransaction>> page(const QString &userId, std::optional<qint64> beforeSeq, int limit);

private:
    Database &m_db;
};
