#pragma once

#include "core/domain/ReasonCatalog.h"
#include "core/domain/XpTransaction.h"
#include "core/reasons/ReasonTag.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// One change of a user's balance in a statement's period.
struct StatementEntry
{
    enum class Kind {
        Added, // an award, an adjustment or an import, logged by XP Admin
        External, // a row XP Admin's log never saw added: the web app's own award, placed by "createdAt"
        Removed, // rolled back, or deleted with its source
        Restored, // a rolled-back row put back
    };
    Kind kind = Kind::Added;
    QDateTime at; // UTC: when the balance moved (the event's time; "createdAt" for External)
    QString action; // the audit event's action ("award", "rollback", ...); empty for External
    XpTransaction row; // the transaction, from the table or, when it is gone, the log's snapshot
    qint64 change = 0; // +amount or -amount
    qint64 balance = 0; // the user's balance after this change
    QString operatorName; // who made the change (the person named at start, or the login)
    QString actor; // the database login or operating-system user
    QString reason; // why, as given
    qint64 seq = 0; // the audit event; 0 for External
    ReasonTag reasonTag{}; // a manual change's reason code and ticket (xpadmin.xp_reason)
    // Added, External or Restored: the row was removed again later in the period.
    bool removedLater = false;
};
// Its members are Qt's implicitly shared types and plain values: a list of a hundred thousand
// lines grows by moving its memory, not each line.
Q_DECLARE_TYPEINFO(StatementEntry, Q_RELOCATABLE_TYPE);

// Net change of a category or a source type over the period.
struct StatementSubtotal
{
    QString key; // the enum's name ("MANUAL", "USER_PROBLEM_ATTEMPT")
    qint64 added = 0; // the sum of the positive changes
    qint64 removed = 0; // the sum of the negative changes (not above 0)
    qint64 count = 0;
    qint64 net() const { return added + removed; }
};

// A time the user's cached total disagreed with the sum of their transactions, and was set
// right (verify --repair, or a recalculation).
struct DriftNote
{
    QDateTime at; // UTC
    qint64 cached = 0; // "UserProfile"."totalXP" before
    qint64 summed = 0; // the sum it was set to
    QString action; // "repair" or "recalc"
    QString operatorName;
};

// A user's statement over a period, like a bank statement.
struct Statement
{
    QString userId;
    QString userName;
    QString userEmail;
    QDateTime since; // UTC, inclusive; invalid: from the first transaction
    QDateTime until; // UTC, exclusive; invalid: up to now
    QDateTime madeAt; // UTC: when the statement was read
    qint64 opening = 0; // the balance just before the period
    qint64 closing = 0; // the balance at its end: opening plus every change
    QList<StatementEntry> entries; // in time order
    QList<StatementSubtotal> byCategory; // by key
    QList<StatementSubtotal> bySourceType;
    QList<DriftNote> drift; // up to the period's end, oldest first
    // The balance at the period's end summed from the ledger as it stood then (AsOfRows): equal
    // to closing unless the table and the log disagree (verify names where).
    qint64 rebuiltClosing = 0;
    // When the period ends now: "UserProfile"."totalXP", which closing must equal.
    std::optional<qint64> cachedTotal;
    // When the audit log began: before it, rows are placed by their "createdAt" and removals are
    // unknown. Invalid when the log is empty.
    QDateTime logBegins;
    qint64 externalEntries = 0; // entries the log never saw (placed by "createdAt")
    ReasonCatalog reasons{}; // to name the entries' reason codes by label and link their tickets

    // The log began before the period (or before the user's first transaction): every change in
    // it is proven by the log, except entries the log never saw.
    bool logCoversPeriod = false;

    bool reconciles() const { return rebuiltClosing == closing && (!cachedTotal || *cachedTotal == closing); }
};
