#pragma once

#include "core/audit/AuditEvent.h"
#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/RowReconciler.h"

#include <QCoreApplication>
#include <QHash>

#include <functional>
#include <optional>

class Database;

struct VerifyReport
{
    qint64 eventsChecked = 0;
    std::optional<qint64> brokenSeq; // the first audit event that was edited, removed or inserted
    QString brokenReason;
    QList<Drift> drift; // every user whose cached total differs from SUM
    // A drifted user whose total was last written directly in the database (a captured db-total
    // event with "direct": true, e.g. a console UPDATE of "UserProfile"): that event, by user id.
    QHash<QString, AuditEvent> directChanges;
    // The drifted users' names (else email), by id, for people to read; the first ones only.
    QHash<QString, QString> driftLabels;
    // Every "UserXP" row held against the log's last snapshot of it. Only when the chain is
    // intact: a broken log proves nothing about the rows.
    bool rowsReconciled = false;
    RowReconciliation rows;
    // What does not hold about the closed periods (PeriodCheck), one sentence each.
    QStringList periodFindings;

    bool ok() const { return !brokenSeq && drift.isEmpty() && rows.findings.isEmpty() && periodFindings.isEmpty(); }
};

// Checks the promises of the ledger: the audit log's hash chain is intact, every user's cached
// total equals the sum of their transactions, and every row XP Admin wrote or removed is as the
// log last recorded it (RowReconciler). Reads one consistent snapshot; the chain's pages are
// hashed on other threads while the next pages, the sums and the rows are read.
class Verifier final
{
    Q_DECLARE_TR_FUNCTIONS(Verifier)

public:
    // progress(checked events) is called now and then; returning false cancels.
    using Progress = std::function<bool(qint64)>;

    explicit Verifier(Database &db) : m_db(db) { }

    Result<VerifyReport> verify(const Progress &progress = {});
    // Recalculates the drifted users (audited as "repair"); the chain is never rewritten, and
    // rows that differ from the log are never changed: the log is the evidence.
    Result<RecalcSummary> repair();

    // One stretch of the chain, checked on its own: it needs only the event before it (seq and
    // hash; 0 and the genesis hash at the start).
    struct PageCheck
    {
        qint64 events = 0;
        std::optional<qint64> brokenSeq;
        QString brokenReason;
    };
    static PageCheck checkPage(const QList<AuditEvent> &events, qint64 lastSeq, QString lastHash);

private:
    Status findDirectChanges(VerifyReport &report);
    // Names the first drifted users (a window lists no more of them).
    Status labelDrift(VerifyReport &report);
    static constexpr int MaxLabels = 1000;

    Database &m_db;
};
