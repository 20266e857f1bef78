#pragma once

#include "core/audit/AuditEvent.h"
#include "core/domain/XpTransaction.h"
#include "core/reasons/ReasonTag.h"

#include <QHash>
#include <QList>
#include <QString>

// A user's cached total before a ledger operation and the total stored after it.
struct StoredTotal
{
    qint64 before = 0;
    qint64 after = 0;
};

// The audit events of the rows one ledger operation added or removed. Each row's snapshot keeps
// its user's total before and after that row (totalXP_before, totalXP_after), so a reader sees
// the total move row by row; the last row of a user ends at the total stored, so a cached total
// that had drifted is corrected on that step, as recalculation would.
namespace RowEvents {

enum class Effect { Added, Removed };

QList<AuditEvent> make(const QString &action, const QString &operationId, const QList<XpTransaction> &rows,
                       Effect effect, const QString &reason, const QHash<QString, StoredTotal> &totals,
                       const ReasonTag &tag = {});

} // namespace RowEvents
