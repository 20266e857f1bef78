#pragma once

#include "core/audit/AuditEvent.h"

#include <QList>
#include <QObject>

class LedgerSession;

// The audit events appended since the window opened the ledger, whoever wrote them (this
// window, another desk, capture of a console change): read after the last seq seen each time
// the ledger is said to have changed, so that the window can tell what happened (rows removed,
// a total changed directly) without rereading what it shows. Reads go to the primary: a
// standby may not have the change yet.
class AuditTail final : public QObject
{
    Q_OBJECT

public:
    // Events read in one go at most; more wait for the next poll().
    static constexpr int MaxPerPoll = 5000;

    explicit AuditTail(LedgerSession *session, QObject *parent = nullptr);

    // Finds where the log ends now; events before it are not reported.
    void start();
    // Reads the events after the last one seen. Calls made while one read runs make one more.
    void poll();
    // The seq of the last event reported (or where the log ended at start); -1 before start.
    qint64 lastSeq() const { return m_lastSeq; }

signals:
    // New events, oldest first.
    void arrived(const QList<AuditEvent> &events);
    // The log could not be read; the text says why.
    void failed(const QString &message);

private:
    void finished();

    LedgerSession *m_session;
    qint64 m_lastSeq = -1;
    bool m_busy = false;
    bool m_again = false;
};
