#include "app/cli/WatchCommand.h"

#include "app/cli/AlertCommands.h"
#include "app/cli/CliContext.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "app/cli/TerminalText.h"
#include "app/cli/WatchEventText.h"
#include "core/audit/AuditFollower.h"
#include "core/capture/CaptureSealer.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/live/LedgerChangeFeed.h"
#include "core/users/Users.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>
#include <limits>
#include <memory>

namespace {

// Events read per round trip: a burst of thousands is printed in pages, memory stays flat.
constexpr int EventPageSize = 500;
// How often Ctrl+C is looked for, and how soon an unreadable log is tried again.
constexpr int TickMs = 100;
constexpr qint64 RetryReadMs = 2000;

} // namespace

int WatchCommand::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("watch"), QStringLiteral("[--user ID] [--json] [--from-seq N] [--alerts]"),
        tr("Prints every change of the ledger as it is made, one line each (with --json one JSON object each), "
           "until Ctrl+C. Changes are read from the audit log: XP Admin's own from every desk, and, with capture "
           "installed, those the web app or a database console made. The first line, on stderr, says how changes "
           "are noticed."));
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), tr("Only this user's events."));
    parser.addOption(QStringLiteral("json"), QString(),
                     tr("One JSON object per line: seq, at, action, text, actor, operator, origin, role, "
                        "application, client, operation_id, user_id, user_name, user_email, xp_id, amount, reason, "
                        "hash."));
    parser.addOption(QStringLiteral("from-seq"), QStringLiteral("N"),
                     tr("Start with the events after event N (0: the whole log) instead of the ones after now."));
    parser.addOption(QStringLiteral("alerts"), QString(),
                     tr("Print the alerts the changes raise instead of the changes (the rules of `alerts show`), "
                        "one line each; with --json the keys of `alerts check --json`. For a monitoring system."));
    if (const auto done = parser.parse(arguments, out))
        return *done;
    const auto user = parser.optionalText(QStringLiteral("user"), Validation::MaxIdLength);
    if (!user)
        return out.fail(user.error());
    const auto fromSeq = parser.integer(QStringLiteral("from-seq"), -1, 0, std::numeric_limits<qint64>::max());
    if (!fromSeq)
        return out.fail(fromSeq.error());
    if (parser.isSet(QStringLiteral("user")) && user->trimmed().isEmpty())
        return out.fail(parser.usageError(tr("--user needs a user id")));
    if (parser.isSet(QStringLiteral("json")))
        out.setJson(true);
    if (parser.isSet(QStringLiteral("alerts"))) {
        m_printEvents = false;
        m_eventsHook = AlertCommands::watchHook(out);
    }

    auto opened = m_context.open(CliContext::Access::Read);
    if (!opened)
        return out.fail(opened.error());
    Database &db = **opened;
    AuditFollower follower(db);
    if (!user->trimmed().isEmpty()) {
        auto found = Users(db).find(user->trimmed());
        if (!found)
            return out.fail(found.error());
        if (!found->has_value())
            return out.fail(
                Error::input(tr("Unknown user %1: no such id in \"User\"").arg(Validation::quoted(user->trimmed()))));
        follower.setUserId(user->trimmed());
    }
    if (*fromSeq >= 0) {
        follower.setLastSeq(*fromSeq);
    } else {
        auto latest = AuditFollower::latestSeq(db);
        if (!latest)
            return out.fail(latest.error());
        follower.setLastSeq(*latest);
    }

    // Changes the web app or a console made wait in capture's table until something seals them
    // into the log; watch does, through a connection that may write, opened only once some wait
    // (a role that may not seal watches what others seal).
    std::unique_ptr<Database> sealing;
    if (!m_beforeReadHook && db.dialect().isPostgres())
        m_beforeReadHook = [&sealing](Database &reader) {
            auto waiting = CaptureSealer(reader).waiting();
            if (!waiting || *waiting == 0)
                return;
            if (!sealing) {
                auto opened = Database::open(reader.spec(), reader.operatorName(), Database::OpenMode::ReadWrite);
                if (!opened)
                    return;
                sealing = std::move(*opened);
            }
            static_cast<void>(CaptureSealer(*sealing).seal());
        };

    LedgerChangeFeed feed(db.spec());
    if (const Status started = feed.start(); !started)
        return out.fail(started.error());
    out.note(feed.modeText());

    QEventLoop loop;
    bool lost = false;
    QObject::connect(&feed, &LedgerChangeFeed::changed, &loop, [&] { catchUp(db, follower); });
    QObject::connect(&feed, &LedgerChangeFeed::problem, &loop, [&](const QString &text) {
        lost = true;
        out.note(text);
    });
    QObject::connect(&feed, &LedgerChangeFeed::modeChanged, &loop, [&] {
        if (lost && feed.isConnected()) {
            lost = false;
            out.note(tr("Connected again. %1").arg(feed.modeText()));
        }
    });
    QElapsedTimer sinceFailedRead;
    sinceFailedRead.start();
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (InterruptGuard::interrupted()) {
            loop.quit();
            return;
        }
        if (m_readFailing && sinceFailedRead.elapsed() >= RetryReadMs) {
            sinceFailedRead.restart();
            catchUp(db, follower);
        }
    });
    tick.start(TickMs);
    catchUp(db, follower); // --from-seq: what is there already
    if (!InterruptGuard::interrupted())
        loop.exec();
    std::fflush(stdout);
    return ExitCode::Ok;
}

void WatchCommand::catchUp(Database &db, AuditFollower &follower)
{
    CliOutput &out = m_context.out();
    if (m_beforeReadHook)
        m_beforeReadHook(db);
    for (;;) {
        if (InterruptGuard::interrupted())
            return;
        auto events = follower.next(EventPageSize);
        if (!events) {
            if (!m_readFailing)
                out.note(tr("Cannot read the audit log: %1. The events are shown when it can be read again.")
                             .arg(CliOutput::oneLine(events.error().message)));
            m_readFailing = true;
            return;
        }
        if (m_readFailing) {
            m_readFailing = false;
            out.note(tr("The audit log can be read again; watching."));
        }
        for (const AuditEvent &event : std::as_const(*events)) {
            if (!m_printEvents)
                break;
            if (out.json())
                out.print(QString::fromUtf8(QJsonDocument(WatchEventText::json(event)).toJson(QJsonDocument::Compact)));
            else
                out.print(TerminalText::visibleLine(WatchEventText::line(event))); // one event, one line
        }
        if (m_eventsHook && !events->isEmpty())
            m_eventsHook(db, *events);
        // A script reading the pipe sees each event as it comes, not when a buffer fills.
        std::fflush(stdout);
        if (events->size() < EventPageSize)
            return;
    }
}
