#pragma once

#include "core/audit/AuditEvent.h"
#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"

#include <functional>
#include <optional>

class Database;

struct VerifyReport
{
    qint64 eventsChecked = 0;
    std::optional<qint64> brokenSeq; // the first audit event that was edited, removed or inserted
    QString brokenReason;
    QList<Drift> drift; // every user whose cached total differs from SUM

    bool ok() const { return !brokenSeq && drift.isEmpty(); }
};

// Checks the two promises of the ledger: the audit log's hash chain is intact, and every
// user's cached total equals the sum of their transactions. Reads one consistent snapshot; the
// chain's pages are hashed on other threads while the next pages and the sums are read.
class Verifier final
{
public:
    // progress(checked events) is called now and then; returning false cancels.
    using Progress = std::function<bool(qint64)>;

    explicit Verifier(Database &db) : m_db(db) { }

    Result<VerifyReport> verify(const Progress &progress = {});
    // Recalculates the drifted users (audited as "repair"); the chain is never rewritten.
    Result<RecalcSummary> repair();

private:
    // One page of the chain, checked on its own: it needs only the event before it.
    struct PageCheck
    {
        qint64 events = 0;
        std::optional<qint64> brokenSeq;
        QString brokenReason;
    };
    static PageCheck checkPage(const QList<AuditEvent> &events, qint64 lastSeq, QString lastHash);

    Database &m_db;
};
