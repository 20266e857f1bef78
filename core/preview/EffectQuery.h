#pragma once

#include "core/domain/Result.h"
#include "core/preview/UserEffect.h"

#include <QList>
#include <QStringList>

class Database;

// The effect of removing transactions by id, per user, and the current totals of users: the
// numbers a support person checks before confirming a change.
class EffectQuery final
{
public:
    struct Removal
    {
        QList<UserEffect> users; // sorted by user id
        qint64 found = 0; // ids that are in the ledger now
        qint64 missing = 0; // ids that are not (already rolled back, by this desk or another)
    };

    struct Restoral
    {
        QList<UserEffect> users; // sorted by user id; a user no longer in "User" has exists false
        QStringList present; // ids that are in the ledger already (restored since they were listed)
    };

    explicit EffectQuery(Database &db) : m_db(db) { }

    // What deleting these transactions would do: per user, minus the sum of the rows present.
    Result<Removal> ofRemoving(const QStringList &ids);
    // Fills in email, name and current total of each user (change and counts are kept).
    Result<QList<UserEffect>> withCurrentTotals(QList<UserEffect> effects);
    // The same, and which of these ids are back in the ledger now: what restoring them would meet.
    Result<Restoral> ofRestoring(QList<UserEffect> effects, const QStringList &ids);

private:
    Status readTotals(QList<UserEffect> &effects);

    Database &m_db;
};
