#include "models/AuditTail.h"

#include "core/audit/AuditLog.h"
#include "core/audit/AuditQuery.h"
#include "core/capture/CaptureSealer.h"
#include "core/session/LedgerSession.h"

namespace {

constexpr int PageSize = 500;

} // namespace

AuditTail::AuditTail(LedgerSession *session, QObject *parent) : QObject(parent), m_session(session) { }

void AuditTail::start()
{
    m_busy = true;
    m_session->interactive()->post<qint64>(
        this,
        [](Database &db) -> Result<qint64> {
            auto newest = AuditQuery(db).page(AuditFilter{}, std::nullopt, std::nullopt, 1);
            if (!newest)
                return newest.error();
            return newest->isEmpty() ? qint64(0) : newest->constFirst().seq;
        },
        [this](const Result<qint64> &seq) {
            if (!seq)
                emit failed(tr("The end of the audit log could not be read: %1").arg(seq.error().message));
            m_lastSeq = seq ? *seq : 0;
            finished();
        });
}

void AuditTail::poll()
{
    if (m_busy || m_lastSeq < 0) {
        m_again = true;
        return;
    }
    m_busy = true;
    m_session->interactive()->post<QList<AuditEvent>>(
        this,
        [after = m_lastSeq](Database &db) -> Result<QList<AuditEvent>> {
            // Changes the web app or a console made wait in capture's table until something seals
            // them into the log: the window does, when its role may, so they show at once.
            if (!db.isReadOnly())
                static_cast<void>(CaptureSealer(db).sealWaiting());
            QList<AuditEvent> events;
            qint64 from = after;
            while (events.size() < MaxPerPoll) {
                auto page = AuditLog(db).page(from, PageSize);
                if (!page)
                    return page.error();
                events << *page;
                if (page->size() < PageSize)
                    break;
                from = page->constLast().seq;
            }
            return events;
        },
        [this](const Result<QList<AuditEvent>> &events) {
            if (!events) {
                emit failed(tr("The newest audit events could not be read: %1").arg(events.error().message));
            } else if (!events->isEmpty()) {
                m_lastSeq = events->constLast().seq;
                m_again = m_again || events->size() >= MaxPerPoll;
                emit arrived(*events);
            }
            finished();
        });
}

void AuditTail::finished()
{
    m_busy = false;
    if (std::exchange(m_again, false))
        poll();
}
