#pragma once

#include "core/domain/XpTransaction.h"

#include <QDateTime>
#include <QString>

// A transaction that was rolled back or deleted with its source and is not in the ledger now:
// its latest removal event in the audit log, with the full row from that event's snapshot.
struct RemovedTransaction
{
    qint64 seq = 0; // the removal event
    QDateTime removedAt; // UTC
    QString action; // "rollback" or "delete-source"
    QString operatorName; // who removed it
    QString removalReason;
    XpTransaction row;
    bool snapshotReadable = true; // false: the row is pieced together from the event, and cannot be restored
    QString userName; // of row.userId, as "User" has them now
    QString userEmail;
};
