#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Database;

// A row that exists at one moment and not at the other.
struct DiffRow
{
    enum class Change {
        Added, // there at the later moment, not at the earlier
        Restored, // added back: a rolled-back row restored in between
        Removed, // there at the earlier moment, gone at the later
    };
    Change change = Change::Added;
    XpTransaction row;
};

// A user whose total differs between the moments, or whose rows changed.
struct DiffUser
{
    QString userId;
    QString label; // the name, else the email; empty for a user that no longer exists
    qint64 before = 0; // the sum of the user's rows at the earlier moment
    qint64 after = 0; // at the later one
    qint64 added = 0; // the sum of the rows added or restored in between
    qint64 removed = 0; // the sum of the rows removed in between

    bool reconciles() const { return before + added - removed == after; }
};

// What changed in the ledger between two moments (AsOfRows), reconciled user by user, with the
// audit events of the stretch checked against the hash chain.
struct LedgerDiff
{
    QDateTime from; // UTC, inclusive moments
    QDateTime to;
    QString userId; // empty: everyone
    QList<DiffRow> rows; // by time, then id
    QList<DiffUser> users; // by user id
    qint64 eventsChecked = 0; // the audit events between the moments, checked against the chain
    std::optional<qint64> brokenSeq; // the first of them that breaks the chain
    QString brokenReason;
    QDateTime logBegins; // invalid when the log is empty

    bool reconciles() const
    {
        return std::all_of(users.cbegin(), users.cend(), [](const DiffUser &u) { return u.reconciles(); });
    }
};

class LedgerDiffQuery final
{
    Q_DECLARE_TR_FUNCTIONS(LedgerDiffQuery)

public:
    explicit LedgerDiffQuery(Database &db) : m_db(db) { }

    // from must be before to. Reads one consistent snapshot.
    Result<LedgerDiff> read(const QDateTime &from, const QDateTime &to, const QString &userId = {});

private:
    Status readRows(LedgerDiff &diff);
    Status readTotals(LedgerDiff &diff);
    Status checkChain(LedgerDiff &diff);

    Database &m_db;
};
