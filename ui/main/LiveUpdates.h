#pragma once

#include "core/audit/AuditEvent.h"

#include <QList>
#include <QObject>
#include <QPointer>

class AuditLogView;
class AuditTail;
class ChartsView;
class HistoryView;
class LedgerChangeFeed;
class LedgerSession;
class UsersPane;

// The window's live views: when the ledger changed (another desk, the web application, a
// console; told by the window's LedgerChangeFeed), every view takes the change in without
// moving what the person reads. The history counts the new rows and offers them in a bar; the
// loaded users' totals change in place; the charts read again, at most every few seconds; the
// audit log gains the new events at the top. What the new audit events say is passed on: rows
// shown that were removed, totals changed directly in the database. While the window shows a
// past moment, the views of that moment stay as they are (the audit log still grows).
class LiveUpdates final : public QObject
{
    Q_OBJECT

public:
    LiveUpdates(LedgerSession *session, UsersPane *users, HistoryView *history, AuditLogView *audit, ChartsView *charts,
                QObject *parent = nullptr);

    // Starts watching the ledger for changes made anywhere, on a connection of its own
    // (LedgerChangeFeed); each change it notices calls ledgerChanged(). An error in words when it
    // could not start (the views then change only on F5 and with this window's own changes).
    QString startFeed();
    LedgerChangeFeed *feed() const { return m_feed; }
    // The ledger changed somewhere (the window's own changes included: harmless).
    void ledgerChanged();
    AuditTail *tail() const { return m_tail; }

    // What the users list says of a user whose total was changed directly in the database, from
    // the db-total event; empty when the event is no such change.
    static QString directChangeNote(const AuditEvent &event);

private:
    void eventsArrived(const QList<AuditEvent> &events);

    LedgerSession *m_session;
    QPointer<UsersPane> m_users;
    QPointer<HistoryView> m_history;
    QPointer<AuditLogView> m_audit;
    QPointer<ChartsView> m_charts;
    AuditTail *m_tail;
    LedgerChangeFeed *m_feed = nullptr;
};
