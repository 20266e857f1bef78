#include "Verifier.h"

#include "audit/AuditLog.h"
#include "db/Database.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Verifier", text);
}

constexpr int PageSize = 10000;

} // namespace

Result<VerifyReport> Verifier::verify(const Progress &progress)
{
    VerifyReport report;
    const Status status = m_db.readTransaction([&]() -> Status {
        report = {};
        if (const Status s = checkChain(report, progress); !s)
            return s;
        auto drift = Ledger(m_db).findDrift();
        if (!drift)
            return drift.error();
        report.drift = *drift;
        return {};
    });
    if (!status)
        return status.error();
    return report;
}

Status Verifier::checkChain(VerifyReport &report, const Progress &progress)
{
    AuditLog log(m_db);
    qint64 lastSeq = 0;
    QString lastHash = AuditLog::genesisHash();
    for (;;) {
        auto page = log.page(lastSeq, PageSize);
        if (!page)
            return page.error();
        for (const AuditEvent &event : std::as_const(*page)) {
            ++report.eventsChecked;
            if (AuditLog::computeHash(event.prevHash, event) != event.hash) {
                report.brokenSeq = event.seq;
                report.brokenReason
                    = tr("audit event %1 was edited: its content no longer matches its hash").arg(event.seq);
                return {};
            }
            if (event.seq != lastSeq + 1) {
                report.brokenSeq = event.seq;
                report.brokenReason = event.seq > lastSeq + 1
                    ? tr("audit events %1 to %2 are missing: event %3 follows event %4")
                          .arg(lastSeq + 1)
                          .arg(event.seq - 1)
                          .arg(event.seq)
                          .arg(lastSeq)
                    : tr("audit event %1 is out of order").arg(event.seq);
                return {};
            }
            if (event.prevHash != lastHash) {
                report.brokenSeq = event.seq;
                report.brokenReason = tr("audit event %1 does not follow the hash of event %2: an event was inserted, "
                                         "replaced or rewritten there")
                                          .arg(event.seq)
                                          .arg(lastSeq);
                return {};
            }
            lastSeq = event.seq;
            lastHash = event.hash;
        }
        if (progress && !progress(report.eventsChecked))
            return Error::cancelled(tr("Verification cancelled after %1 events").arg(report.eventsChecked));
        if (page->size() < PageSize)
            return {};
    }
}

Result<RecalcSummary> Verifier::repair()
{
    return Ledger(m_db).recalculateAll(QStringLiteral("repair"));
}
