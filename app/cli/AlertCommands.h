#pragma once

#include "core/alerts/Alert.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <functional>

class CliContext;
class CliOutput;
class Database;

// `alerts show`, `alerts set` and `alerts check`: the alert rules an admin sets for the ledger,
// and the alerts past audit events raise under them. printAlerts() is `watch --alerts`' part.
//
// Each alert is printed as one line: in text, "TIME  ALERT RULE  #SEQ  SENTENCE"; with --json,
// one JSON object a line (JSON Lines) with the stable keys of Alert::toJson(): alert, seq,
// firstSeq, at, action, actor, operator, userId, user, xpId, amount, limit, count, message.
class AlertCommands final
{
    Q_DECLARE_TR_FUNCTIONS(AlertCommands)

public:
    explicit AlertCommands(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand.
    int run(const QStringList &arguments);
    static QString usage();

    // For `watch --alerts`: checks a batch of new audit events (oldest first) against the rules
    // stored now and prints one line per alert (JSON when out.json()). Returns how many it printed.
    static Result<int> printAlerts(CliOutput &out, Database &db, const QList<AuditEvent> &events);
    // The same as a hook for WatchCommand::setEventsHook: a batch that cannot be checked is said on
    // stderr, once a batch, and the watch goes on.
    static std::function<void(Database &, const QList<AuditEvent> &)> watchHook(CliOutput &out);
    // One alert as a line of text, or as a compact JSON object (no newline).
    static QString textLine(const Alert &alert);
    static QString jsonLine(const Alert &alert);

private:
    int show(const QStringList &arguments);
    int set(const QStringList &arguments);
    int check(const QStringList &arguments);

    CliContext &m_context;
};
