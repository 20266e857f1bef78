#include "core/audit/AuditEvent.h"

#include "core/domain/XpTransaction.h"

AuditEvent AuditEvent::forRow(const QString &action, const QString &operationId, const XpTransaction &row,
                              const QString &reason)
{
    return forRow(action, operationId, row, reason, row.toJsonText().text());
}

AuditEvent AuditEvent::forRow(const QString &action, const QString &operationId, const XpTransaction &row,
                              const QString &reason, const QString &snapshot)
{
    AuditEvent event;
    event.action = action;
    event.operationId = operationId;
    event.userId = row.userId;
    event.xpId = row.id;
    event.amount = row.amount;
    event.reason = reason;
    event.snapshot = snapshot;
    return event;
}
