#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

struct XpTransaction;

// One row of the audit log (xpadmin.audit_event / xpadmin_audit_event). Plain columns, so an
// auditor can query them directly:
//   seq           1, 2, 3, ... without gaps, in the order events were committed
//   at            when (UTC, milliseconds)
//   actor         the database login (PostgreSQL) or operating-system user (SQLite)
//   operator      the person named at start (--actor), or the login name
//   action        award, adjust, rollback, delete-source, restore, recalc, repair, user-add, demo;
//                 adjust-request, adjust-approve, adjust-reject, approval-threshold (core/approval);
//                 alert-rules (core/alerts)
//   operation_id  the same for every event of one operation (one rollback of three rows: three events)
//   user_id, xp_id, amount   the user, the "UserXP" row and its amount, where the event has them
//   reason        the reason or description given
//   snapshot      JSON: the full row affected, with its user's total before and after it
//                 (totalXP_before/after, since totals are recorded), or the totals before and after
//   prev_hash, hash   hash = SHA-256(prev_hash || canonical event), hex; see AuditLog::canonical()
struct AuditEvent
{
    qint64 seq = 0;
    QDateTime at;
    QString actor;
    QString operatorName;
    QString action;
    QString operationId;
    QString userId;
    QString xpId;
    std::optional<qint64> amount;
    QString reason;
    QString snapshot;
    QString prevHash;
    QString hash;
    // Not part of the event or its hash: the user's name and email, read with it from "User" for
    // display (AuditQuery::page); empty elsewhere and for a user that no longer exists.
    QString userName;
    QString userEmail;

    // An event about one "UserXP" row: its user, id and amount, and the full row as snapshot
    // (or the snapshot given, when it keeps more than the row).
    static AuditEvent forRow(const QString &action, const QString &operationId, const XpTransaction &row,
                             const QString &reason);
    static AuditEvent forRow(const QString &action, const QString &operationId, const XpTransaction &row,
                             const QString &reason, const QString &snapshot);
};
