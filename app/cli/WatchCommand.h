#pragma once

#include "core/audit/AuditEvent.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <functional>

class AuditFollower;
class CliContext;
class Database;

// `xpadmin-cli watch [--user ID] [--json] [--from-seq N]`: every audit event as it is committed,
// one line in words (or one JSON object) each, until Ctrl+C, which ends it with status 0. How it
// learns of changes (LedgerChangeFeed's mode) goes to stderr first; a lost server is said and
// waited for.
class WatchCommand final
{
    Q_DECLARE_TR_FUNCTIONS(WatchCommand)

public:
    // Called with each batch of new events after they were printed, on the watch's connection:
    // where checks of the events plug in (alerts).
    using EventsHook = std::function<void(Database &, const QList<AuditEvent> &)>;

    // Called before the log is read after each change noticed: where changes captured in the
    // database but not yet sealed into the log can be sealed (capture), so they show at once.
    using BeforeReadHook = std::function<void(Database &)>;

    explicit WatchCommand(CliContext &context) : m_context(context) { }
    void setEventsHook(EventsHook hook) { m_eventsHook = std::move(hook); }
    void setBeforeReadHook(BeforeReadHook hook) { m_beforeReadHook = std::move(hook); }

    int run(const QStringList &arguments);

private:
    // Prints what is new since the last event shown; says once when the log cannot be read
    // (the server is away) and again when it can.
    void catchUp(Database &db, AuditFollower &follower);

    CliContext &m_context;
    EventsHook m_eventsHook;
    BeforeReadHook m_beforeReadHook;
    bool m_readFailing = false;
};
