#include "core/ledger/Verifier.h"

#include "core/audit/DirectTotalChange.h"
#include "core/periods/PeriodCheck.h"
#include "core/users/UserQuery.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"

#include <deque>
#include <future>

namespace {

constexpr int PageSize = 10000;
// Pages read ahead of the hashing: memory stays bounded however long the log.
constexpr std::size_t PagesInFlight = 4;

} // namespace

Result<VerifyReport> Verifier::verify(const Progress &progress)
{
    VerifyReport report;
    const Status status = m_db.readTransaction([&]() -> Status {
        report = {};
        // The chain's pages are hashed on other cores while this connection reads on: the next
        // pages, then the drift query. All of it in one snapshot.
        std::deque<std::future<PageCheck>> checking;
        const auto collect = [&](std::size_t keep) -> Status {
            while (checking.size() > keep) {
                const PageCheck checked = checking.front().get();
                checking.pop_front();
                report.eventsChecked += checked.events;
                if (checked.brokenSeq) {
                    report.brokenSeq = checked.brokenSeq;
                    report.brokenReason = checked.brokenReason;
                    checking.clear(); // the later pages no longer matter (their futures finish)
                    return {};
                }
                if (progress && !progress(report.eventsChecked))
                    return Error::cancelled(tr("Verification cancelled after %1 events").arg(report.eventsChecked));
            }
            return {};
        };
        AuditLog log(m_db);
        qint64 lastSeq = 0;
        QString lastHash = AuditLog::genesisHash();
        for (;;) {
            auto page = log.page(lastSeq, PageSize);
            if (!page)
                return page.error();
            const bool last = page->size() < PageSize;
            const qint64 seqBefore = lastSeq;
            const QString hashBefore = lastHash;
            if (!page->isEmpty()) {
                lastSeq = page->constLast().seq;
                lastHash = page->constLast().hash;
            }
            checking.push_back(std::async(std::launch::async, [events = std::move(*page), seqBefore, hashBefore] {
                return checkPage(events, seqBefore, hashBefore);
            }));
            if (const Status s = collect(PagesInFlight); !s)
                return s;
            if (report.brokenSeq || last)
                break;
        }
        auto drift = Ledger(m_db).findDrift();
        if (const Status s = collect(0); !s)
            return s;
        if (!drift)
            return drift.error();
        report.drift = *drift;
        if (const Status s = findDirectChanges(report); !s)
            return s;
        if (const Status s = labelDrift(report); !s)
            return s;
        // The rows are held against the log only once the log is known to be intact: an edited
        // snapshot proves nothing (and may not even be JSON).
        if (report.brokenSeq)
            return {};
        auto rows = RowReconciler(m_db).reconcile();
        if (!rows)
            return rows.error();
        report.rows = *rows;
        report.rowsReconciled = true;
        auto periods = PeriodCheck(m_db).findings();
        if (!periods)
            return periods.error();
        report.periodFindings = *periods;
        return {};
    });
    if (!status)
        return status.error();
    return report;
}

Status Verifier::findDirectChanges(VerifyReport &report)
{
    if (report.drift.isEmpty() || !m_db.dialect().isPostgres())
        return {};
    // The last event that set or moved the user's total, through the log's (user_id, seq) index.
    const QStringList totalActions = RowReconciler::addingActions() + RowReconciler::removingActions()
        + QStringList{QStringLiteral("recalc"), QStringLiteral("repair"), QStringLiteral("db-total")};
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE user_id = :user AND action IN (%3) ORDER BY seq "
                                       "DESC LIMIT 1")
                            .arg(AuditLog::columns(), m_db.dialect().ownTable(QStringLiteral("audit_event")),
                                 RowReconciler::sqlList(totalActions));
    constexpr int MaxLookups = 1000; // a mass drift is a recalculation's business, not a culprit's
    for (const Drift &drift : std::as_const(report.drift).first(std::min<qsizetype>(report.drift.size(), MaxLookups))) {
        auto rows = m_db.run(sql, {{QStringLiteral(":user"), drift.userId}});
        if (!rows)
            return rows.error();
        if (!rows->next())
            continue;
        const AuditEvent event = AuditLog::read(*rows, m_db.dialect());
        if (DirectTotalChange::of(event))
            report.directChanges.insert(drift.userId, event);
    }
    return {};
}

Status Verifier::labelDrift(VerifyReport &report)
{
    QStringList ids;
    for (const Drift &drift : std::as_const(report.drift).first(std::min<qsizetype>(report.drift.size(), MaxLabels)))
        ids << drift.userId;
    if (ids.isEmpty())
        return {};
    auto labels = UserQuery(m_db).labels(ids);
    if (!labels)
        return labels.error();
    report.driftLabels = *labels;
    return {};
}

Verifier::PageCheck Verifier::checkPage(const QList<AuditEvent> &events, qint64 lastSeq, QString lastHash)
{
    PageCheck check;
    for (const AuditEvent &event : events) {
        ++check.events;
        if (AuditLog::computeHash(event.prevHash, event) != event.hash) {
            check.brokenSeq = event.seq;
            check.brokenReason = tr("audit event %1 was edited: its content no longer matches its hash").arg(event.seq);
            return check;
        }
        if (event.seq != lastSeq + 1) {
            check.brokenSeq = event.seq;
            check.brokenReason = event.seq > lastSeq + 1
                ? tr("audit events %1 to %2 are missing: event %3 follows event %4")
                      .arg(lastSeq + 1)
                      .arg(event.seq - 1)
                      .arg(event.seq)
                      .arg(lastSeq)
                : tr("audit event %1 is out of order").arg(event.seq);
            return check;
        }
        if (event.prevHash != lastHash) {
            check.brokenSeq = event.seq;
            check.brokenReason = tr("audit event %1 does not follow the hash of event %2: an event was inserted, "
                                    "replaced or rewritten there")
                                     .arg(event.seq)
                                     .arg(lastSeq);
            return check;
        }
        lastSeq = event.seq;
        lastHash = event.hash;
    }
    return check;
}

Result<RecalcSummary> Verifier::repair()
{
    return Ledger(m_db).recalculateAll(QStringLiteral("repair"));
}
