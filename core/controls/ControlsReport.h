#pragma once

#include "core/domain/ReasonCatalog.h"
#include "core/domain/Result.h"
#include "core/ledger/PendingAdjustment.h"
#include "core/periods/ClosedPeriod.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

class Database;

// A manual change whose reason code requires a ticket, made without one.
struct UnticketedChange
{
    QDateTime at; // UTC
    QString xpId;
    QString userId;
    QString userName; // name, else email
    qint64 amount = 0;
    QString person; // who made it (its maker, when an approval applied it)
    QString code;
    QString label;
    QString reason;
};

// What one person did by hand in the period.
struct PersonActivity
{
    QString person;
    qint64 changes = 0; // manual changes applied (at once, or by an approval of their request)
    qint64 given = 0; // XP added by them
    qint64 taken = 0; // XP taken away, as a positive number
    qint64 held = 0; // their requests held for approval
    qint64 approved = 0;
    qint64 rejected = 0;
    qint64 waiting = 0;
};

// The manual changes of one reason code in the period (code empty: those made without a code).
struct ReasonActivity
{
    QString code;
    QString label; // the code's label as kept now; empty for no code
    qint64 changes = 0;
    qint64 given = 0; // XP added
    qint64 taken = 0; // XP taken away, as a positive number
    qint64 withoutTicket = 0; // changes that name no ticket, whether or not their code requires one
};

// What an auditor checks the desk's controls against, for a period: every change held for
// approval (above a limit of its maker or the approval threshold) and how it was decided and by
// whom, every close and reopen of the ledger (a reopen with its reason), every manual change made
// without a ticket where its reason code requires one, and the manual changes per person.
struct ControlsReportData
{
    QDateTime since; // inclusive, UTC; invalid: from the beginning
    QDateTime until; // exclusive, UTC; invalid: up to now
    QDateTime generatedAt; // UTC
    QString generatedBy;
    QString database; // never a password
    QList<PendingAdjustment> held;
    QList<ClosedPeriod> periods; // closes and reopens made in the period
    QList<UnticketedChange> unticketed;
    QList<PersonActivity> people; // by person, in name order
    QList<ReasonActivity> reasons; // by code, the changes without a code last
    ReasonCatalog catalog; // the reason codes as kept now: labels and the ticket link pattern

    bool operatorIsPerson = false; // SQLite: a person is the operator (--actor), not the OS user

    // Who asked for a held change, and who decided it, as a person (see ControlsReport).
    QString maker(const PendingAdjustment &request) const
    {
        return operatorIsPerson ? request.requestedOperator : request.requestedBy;
    }
    QString decider(const PendingAdjustment &request) const
    {
        return operatorIsPerson ? request.decidedOperator : request.decidedBy;
    }
    qint64 reopens() const;
    // Held changes whose rule was one of the maker's limits (not the threshold).
    qint64 aboveLimits() const;
};

// Reads the controls report in one consistent snapshot, with set-based queries on the audit log
// (its (at) index), the pending adjustments and the reason codes. A person is the database login
// on PostgreSQL and the operator (--actor) on SQLite, as core/limits counts them.
class ControlsReport final
{
    Q_DECLARE_TR_FUNCTIONS(ControlsReport)

public:
    explicit ControlsReport(Database &db) : m_db(db) { }

    Result<ControlsReportData> read(const QDateTime &since, const QDateTime &until);

private:
    Status readUnticketed(ControlsReportData &data);
    Status readPeople(ControlsReportData &data);
    Status readReasons(ControlsReportData &data);

    Database &m_db;
};
