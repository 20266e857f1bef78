#include "app/cli/CliApp.h"

#include "app/cli/AlertCommands.h"
#include "app/cli/ApprovalCommands.h"
#include "app/cli/AuditCommands.h"
#include "app/cli/CaptureCommands.h"
#include "app/cli/CliContext.h"
#include "app/cli/DemoCommand.h"
#include "app/cli/ExitCode.h"
#include "app/cli/ImportCommands.h"
#include "app/cli/InterruptGuard.h"
#include "app/cli/LedgerCommands.h"
#include "app/cli/LimitCommands.h"
#include "app/cli/PasswordCommand.h"
#include "app/cli/PeriodCommands.h"
#include "app/cli/QueryCommands.h"
#include "app/cli/ReasonCommands.h"
#include "app/cli/ReportCommands.h"
#include "app/cli/RoleCommands.h"
#include "app/cli/SetupCommands.h"
#include "app/cli/StatementCommands.h"
#include "app/cli/UserCommands.h"
#include "app/cli/VerifyCommand.h"
#include "app/cli/WatchCommand.h"
#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"
#include "core/db/LockWaits.h"
#include "core/domain/Validation.h"

#include <QCommandLineParser>

#include <cstdio>
#include <functional>

namespace {

using Run = std::function<int(CliContext &, const QStringList &)>;

struct Command
{
    QString name;
    const char *summary;
    Run run;
};

const QList<Command> &commands()
{
    static const QList<Command> list{
        {QStringLiteral("init"), QT_TRANSLATE_NOOP("CliApp", "Create the ledger, or migrate XP Admin's tables"),
         [](CliContext &c, const QStringList &a) { return SetupCommands(c).init(a); }},
        {QStringLiteral("user"),
         QT_TRANSLATE_NOOP("CliApp", "user find: find users by id, email or name; user show, user add"),
         [](CliContext &c, const QStringList &a) { return UserCommands(c).run(a); }},
        {QStringLiteral("demo"), QT_TRANSLATE_NOOP("CliApp", "Add realistic sample data"),
         [](CliContext &c, const QStringList &a) { return DemoCommand(c).run(a); }},
        {QStringLiteral("award"), QT_TRANSLATE_NOOP("CliApp", "Award XP: add one transaction"),
         [](CliContext &c, const QStringList &a) { return LedgerCommands(c).award(a); }},
        {QStringLiteral("adjust"), QT_TRANSLATE_NOOP("CliApp", "Adjust a user's XP by hand, with a reason"),
         [](CliContext &c, const QStringList &a) { return LedgerCommands(c).adjust(a); }},
        {QStringLiteral("pending"),
         QT_TRANSLATE_NOOP("CliApp", "Adjustments waiting for approval: list, approve, reject, threshold"),
         [](CliContext &c, const QStringList &a) { return ApprovalCommands(c).run(a); }},
        {QStringLiteral("reason-codes"),
         QT_TRANSLATE_NOOP("CliApp", "Reason codes of manual changes and ticket links: list, add, change, retire"),
         [](CliContext &c, const QStringList &a) { return ReasonCommands(c).run(a); }},
        {QStringLiteral("limits"),
         QT_TRANSLATE_NOOP("CliApp", "Limits per role and per person: show, set (above one, an adjustment waits)"),
         [](CliContext &c, const QStringList &a) { return LimitCommands(c).run(a); }},
        {QStringLiteral("alerts"),
         QT_TRANSLATE_NOOP("CliApp", "Alert rules (show, set) and the alerts past events raise (check)"),
         [](CliContext &c, const QStringList &a) { return AlertCommands(c).run(a); }},
        {QStringLiteral("rollback"), QT_TRANSLATE_NOOP("CliApp", "Roll transactions back (delete them)"),
         [](CliContext &c, const QStringList &a) { return LedgerCommands(c).rollback(a); }},
        {QStringLiteral("delete-source"), QT_TRANSLATE_NOOP("CliApp", "Delete every transaction of one source"),
         [](CliContext &c, const QStringList &a) { return LedgerCommands(c).deleteSource(a); }},
        {QStringLiteral("restore"), QT_TRANSLATE_NOOP("CliApp", "Put rolled-back transactions back"),
         [](CliContext &c, const QStringList &a) { return LedgerCommands(c).restore(a); }},
        {QStringLiteral("import-legacy"),
         QT_TRANSLATE_NOOP("CliApp", "Turn legacy totals (a CSV file or UserProfile) into transactions"),
         [](CliContext &c, const QStringList &a) { return ImportCommands(c).importLegacy(a); }},
        {QStringLiteral("adjust-bulk"), QT_TRANSLATE_NOOP("CliApp", "Apply many adjustments from a CSV file"),
         [](CliContext &c, const QStringList &a) { return ImportCommands(c).adjustBulk(a); }},
        {QStringLiteral("recalc"), QT_TRANSLATE_NOOP("CliApp", "Set cached totals from the sum of the transactions"),
         [](CliContext &c, const QStringList &a) { return LedgerCommands(c).recalc(a); }},
        {QStringLiteral("verify"), QT_TRANSLATE_NOOP("CliApp", "Check the audit chain and every total (--repair)"),
         [](CliContext &c, const QStringList &a) { return VerifyCommand(c).run(a); }},
        {QStringLiteral("period"),
         QT_TRANSLATE_NOOP("CliApp", "period close|reopen|list: close the ledger up to a day, reopen it"),
         [](CliContext &c, const QStringList &a) { return PeriodCommands(c).run(a); }},
        {QStringLiteral("capture"),
         QT_TRANSLATE_NOOP("CliApp", "capture install|remove|status: audit changes made outside XP Admin"),
         [](CliContext &c, const QStringList &a) { return CaptureCommands(c).run(a); }},
        {QStringLiteral("audit"),
         QT_TRANSLATE_NOOP("CliApp", "audit anchor: save the newest hash; audit report: one user's events, PDF/CSV"),
         [](CliContext &c, const QStringList &a) { return AuditCommands(c).run(a); }},
        {QStringLiteral("password"),
         QT_TRANSLATE_NOOP("CliApp", "password save|forget: the PostgreSQL password in the system keychain"),
         [](CliContext &c, const QStringList &a) { return PasswordCommand(c).run(a); }},
        {QStringLiteral("watch"), QT_TRANSLATE_NOOP("CliApp", "Print every change of the ledger as it is made"),
         [](CliContext &c, const QStringList &a) { return WatchCommand(c).run(a); }},
        {QStringLiteral("history"), QT_TRANSLATE_NOOP("CliApp", "List transactions, newest first"),
         [](CliContext &c, const QStringList &a) { return QueryCommands(c).history(a); }},
        {QStringLiteral("totals"), QT_TRANSLATE_NOOP("CliApp", "Sum XP, in all or by category, day, user, ..."),
         [](CliContext &c, const QStringList &a) { return QueryCommands(c).totals(a); }},
        {QStringLiteral("statement"), QT_TRANSLATE_NOOP("CliApp", "A user's statement over a period (PDF/CSV)"),
         [](CliContext &c, const QStringList &a) { return StatementCommands(c).statement(a); }},
        {QStringLiteral("diff"), QT_TRANSLATE_NOOP("CliApp", "What changed between two moments, reconciled"),
         [](CliContext &c, const QStringList &a) { return StatementCommands(c).diff(a); }},
        {QStringLiteral("report"),
         QT_TRANSLATE_NOOP("CliApp", "The controls report of a period: held changes, reopens, tickets (PDF/CSV)"),
         [](CliContext &c, const QStringList &a) { return ReportCommands(c).run(a); }},
        {QStringLiteral("doctor"), QT_TRANSLATE_NOOP("CliApp", "Check the installation and the database"),
         [](CliContext &c, const QStringList &a) { return SetupCommands(c).doctor(a); }},
        {QStringLiteral("roles"),
         QT_TRANSLATE_NOOP("CliApp", "roles install|grant|show: database roles and who you are"),
         [](CliContext &c, const QStringList &a) { return RoleCommands(c).run(a); }},
    };
    return list;
}

// Longer than any wait a person would sit through, short enough to stay a number of seconds.
constexpr int MaxWaitSeconds = 86400;

// What the connection waits for, on stderr as it happens; called from the connection's watcher.
void tellWait(const QString &text)
{
    if (text.isEmpty())
        return;
    std::fputs(qPrintable(QStringLiteral("xpadmin-cli: ") + text + QLatin1Char('\n')), stderr);
    std::fflush(stderr);
}

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

} // namespace

QString CliApp::helpText()
{
    QString text = tr("Usage: xpadmin-cli [global options] COMMAND [options]\n"
                      "\n"
                      "Administers an XP ledger: award, adjust, roll back and restore XP, query history and totals, "
                      "verify and repair.\n"
                      "\n"
                      "Global options (before the command):\n"
                      "  --db PATH|URL  The database: an SQLite file, or postgresql://user@host:port/database.\n"
                      "                 Default: $XPADMIN_DB, else %1\n"
                      "  --read-db URL  A hot standby of that PostgreSQL database, for the heavy reading:\n"
                      "                 history, totals, reports, user searches and verify read there, every\n"
                      "                 change goes to --db. Figures it is behind on say \"as of\" when.\n"
                      "  --actor NAME   Your name, for the audit log (default: your login name).\n"
                      "  --json         Print results as JSON.\n"
                      "  --wait SECONDS How long to wait for a lock another program holds (default: %2);\n"
                      "                 then exit 3 with nothing changed.\n"
                      "  --lang LANG    The language of messages: en, de or fr (default: the system's).\n"
                      "  --version      Print the version and exit.\n"
                      "  -h, --help     Show this help, or with a command, the command's help.\n"
                      "\n"
                      "Commands:\n")
                       .arg(ConnectionSpec::defaultSqlitePath())
                       .arg(LockWaits::DefaultLimitMs / 1000);
    for (const Command &command : commands())
        text += QStringLiteral("  ") + command.name.leftJustified(15) + tr(command.summary) + QLatin1Char('\n');
    text += tr("\n"
               "Run xpadmin-cli COMMAND --help for a command's options.\n"
               "\n"
               "Exit status:\n");
    const QList<std::pair<int, QString>> statuses{
        {ExitCode::Ok, tr("done")},
        {ExitCode::Problems, tr("verify or doctor found problems")},
        {ExitCode::Usage, tr("bad input or usage; nothing was changed")},
        {ExitCode::Database, tr("the database is unavailable or failed")},
        {ExitCode::Permission, tr("your role may not do this; nothing was changed")},
        {ExitCode::ReadOnly, tr("the ledger is read-only here; nothing was changed")},
        {ExitCode::Cancelled, tr("cancelled (Ctrl+C); nothing was kept")},
    };
    for (const auto &[status, meaning] : statuses)
        text += QStringLiteral("  ") + QString::number(status).leftJustified(5) + meaning + QLatin1Char('\n');
    return text;
}

int CliApp::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    // Everything from the command on belongs to the command.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption db(QStringLiteral("db"), QString(), QStringLiteral("PATH"));
    const QCommandLineOption actor(QStringLiteral("actor"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption version(QStringLiteral("version"));
    const QCommandLineOption wait(QStringLiteral("wait"), QString(), QStringLiteral("SECONDS"));
    const QCommandLineOption readDb(QStringLiteral("read-db"), QString(), QStringLiteral("URL"));
    parser.addOptions({db, actor, json, help, version, wait, readDb});
    if (!parser.parse(arguments)) {
        if (!parser.unknownOptionNames().isEmpty())
            return m_out.usage(
                tr("unknown option --%1 (see xpadmin-cli --help)").arg(parser.unknownOptionNames().constFirst()));
        return m_out.usage(tr("%1 (see xpadmin-cli --help)").arg(parser.errorText()));
    }
    if (parser.isSet(version)) {
        m_out.print(QStringLiteral("xpadmin-cli %1 (Qt %2)")
                        .arg(QStringLiteral(XPADMIN_VERSION), QString::fromLatin1(qVersion())));
        return ExitCode::Ok;
    }
    m_out.setJson(parser.isSet(json));
    QStringList rest = parser.positionalArguments();
    if (rest.isEmpty()) {
        if (parser.isSet(help)) {
            m_out.write(helpText());
            return ExitCode::Ok;
        }
        return m_out.usage(tr("no command given (see xpadmin-cli --help)"));
    }
    const QString name = rest.takeFirst();
    const Command *command = findCommand(name);
    if (!command)
        return m_out.usage(tr("unknown command %1 (see xpadmin-cli --help)").arg(Validation::quoted(name)));
    if (parser.isSet(help))
        rest.prepend(QStringLiteral("--help"));
    if (const Status status
        = Validation::optionalText(QStringLiteral("--actor"), parser.value(actor), Validation::MaxNameLength);
        !status)
        return m_out.fail(status.error());

    int waitMs = LockWaits::DefaultLimitMs;
    if (parser.isSet(wait)) {
        bool isNumber = false;
        const int seconds = parser.value(wait).trimmed().toInt(&isNumber);
        if (!isNumber || seconds < 0 || seconds > MaxWaitSeconds)
            return m_out.usage(tr("--wait %1 is not a whole number of seconds from 0 to %2")
                                   .arg(Validation::quoted(parser.value(wait)))
                                   .arg(MaxWaitSeconds));
        waitMs = seconds * 1000;
    }

    // From here on Ctrl+C or SIGTERM before a commit keeps nothing and exits 130.
    const InterruptGuard interrupts;
    const QString database = parser.isSet(db) ? parser.value(db) : qEnvironmentVariable("XPADMIN_DB");
    CliContext context(m_out, database, parser.value(actor).trimmed());
    if (parser.isSet(readDb)) {
        if (parser.value(readDb).trimmed().isEmpty())
            return m_out.usage(tr("--read-db needs the URL of a PostgreSQL standby"));
        context.setReadDatabase(parser.value(readDb));
    }
    context.setConnectionSetup([waitMs](Database &opened) {
        opened.waits().setLimit(waitMs);
        opened.waits().setCancelToken(InterruptGuard::token());
        opened.waits().setObserver(tellWait);
    });
    // A command the connected role may not run stops here, before it changes anything.
    if (const auto refused = RoleCommands(context).refuse(name, rest))
        return *refused;
    const int status = command->run(context, rest);
    if (status == ExitCode::Ok)
        context.finish();
    return status;
}
