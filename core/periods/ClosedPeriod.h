#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

// One close or reopen of the ledger (xpadmin.period / xpadmin_period). The newest one sets the
// closed boundary: every "UserXP" row created at or before it is in the closed period. Each one
// keeps every user's total as the ledger stood at its boundary (xpadmin.period_total), and its
// audit event ("period-close", "period-reopen") carries the number of users, their sum and the
// digest of that list, so the hash chain anchors the totals.
struct ClosedPeriod
{
    enum class Kind { Close, Reopen };

    qint64 id = 0; // 1, 2, 3, ... in the order they were made
    Kind kind = Kind::Close;
    QDate day; // the last day closed, in the desk's time zone, as the admin gave it
    QDateTime boundary; // the last millisecond of that day, UTC: rows created up to it are closed
    QString actor; // the database login (PostgreSQL) or operating-system user (SQLite)
    QString operatorName;
    QDateTime at; // when, UTC
    QString reason;
    qint64 users = 0; // users with rows up to the boundary
    qint64 sum = 0; // the sum of their totals
    QString digest; // ClosedPeriod::digest() of the (user id, total) list
    qint64 auditSeq = 0; // the audit event that records it

    static QString kindName(Kind kind);
    // "ann" or "ann (Dana)" when the operator named is someone else.
    QString who() const;
    // "the period closed up to 2026-11-30 by ann on 2026-12-01 09:14 UTC"
    QString describe() const;
    // The refusal of a change in the period: "Refused to roll back: transaction X (created ...) is in
    // the period closed up to 2026-11-30 by ann on 2026-12-01 09:14 UTC; an admin may reopen it.
    // Nothing was changed." action: "roll back"; what: the rows or total it would change.
    QString refusal(const QString &action, const QString &what) const;
    // The same before anything is tried: "transaction X (created ...) is in the period closed up to
    // 2026-11-30 by ann on 2026-12-01 09:14 UTC; an admin may reopen it".
    QString inPeriod(const QString &what) const;

    // The digest's input: each user, in byte order of the id, as "<id>\t<total>\n" (UTF-8).
    static QByteArray digestLine(const QString &userId, qint64 total);
};
