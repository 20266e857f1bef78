#include "ui/main/LiveUpdates.h"

#include "core/audit/DirectTotalChange.h"

#include "core/live/LedgerChangeFeed.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "models/AuditTail.h"
#include "models/UsersModel.h"
#include "models/XpFormat.h"
#include "ui/audit/AuditLogView.h"
#include "ui/charts/ChartsView.h"
#include "ui/history/HistoryLive.h"
#include "ui/history/HistoryView.h"
#include "ui/users/UsersPane.h"

LiveUpdates::LiveUpdates(LedgerSession *session, UsersPane *users, HistoryView *history, AuditLogView *audit,
                         ChartsView *charts, QObject *parent)
    : QObject(parent),
      m_session(session),
      m_users(users),
      m_history(history),
      m_audit(audit),
      m_charts(charts),
      m_tail(new AuditTail(session, this))
{
    connect(m_tail, &AuditTail::arrived, this, &LiveUpdates::eventsArrived);
    m_tail->start();
}

QString LiveUpdates::startFeed()
{
    if (!m_feed) {
        m_feed = new LedgerChangeFeed(m_session->spec(), this);
        connect(m_feed, &LedgerChangeFeed::changed, this, &LiveUpdates::ledgerChanged);
    }
    const Status started = m_feed->start();
    return started ? QString() : started.error().message;
}

void LiveUpdates::ledgerChanged()
{
    m_tail->poll();
    if (m_history)
        m_history->live()->ledgerChanged();
    if (m_users)
        m_users->model()->refreshLoaded();
    if (m_audit)
        m_audit->model()->loadNewer();
    if (m_charts)
        m_charts->refreshQuietly();
}

QString LiveUpdates::directChangeNote(const AuditEvent &event)
{
    const auto change = DirectTotalChange::of(event);
    if (!change)
        return {};
    const QString who = change->application.isEmpty()
        ? tr("the database role %1").arg(change->role)
        : tr("the database role %1 (application %2)").arg(change->role, change->application);
    const auto total = [](const std::optional<qint64> &value) { return value ? XpFormat::total(*value) : tr("none"); };
    return tr("Total changed directly in the database, not by a transaction: %1 → %2, by %3 at %4. Verify names "
              "the change; Verify > Repair sets the total from the transactions again.")
        .arg(total(change->before), total(change->after), who, XpFormat::localTime(change->at));
}

void LiveUpdates::eventsArrived(const QList<AuditEvent> &events)
{
    if (m_history)
        m_history->live()->noteEvents(events);
    if (!m_users)
        return;
    UsersModel *users = m_users->model();
    for (const AuditEvent &event : events) {
        if (const QString note = directChangeNote(event); !note.isEmpty())
            users->markDirectChange(event.userId, note);
        else if ((event.action == QLatin1String("repair") || event.action == QLatin1String("recalc"))
                 && !event.userId.isEmpty())
            users->markDirectChange(event.userId, QString()); // repaired: the mark has done its work
    }
}
