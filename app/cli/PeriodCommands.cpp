#include "app/cli/PeriodCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/Subcommands.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/periods/Periods.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

const QString Until = QStringLiteral("until");

QJsonObject periodJson(const ClosedPeriod &period)
{
    return QJsonObject{{QStringLiteral("id"), period.id},
                       {QStringLiteral("kind"), ClosedPeriod::kindName(period.kind)},
                       {QStringLiteral("until"), period.day.toString(Qt::ISODate)},
                       {QStringLiteral("boundary"), Timestamp::toIso(period.boundary)},
                       {QStringLiteral("actor"), period.actor},
                       {QStringLiteral("operator"), period.operatorName},
                       {QStringLiteral("at"), Timestamp::toIso(period.at)},
                       {QStringLiteral("reason"), period.reason},
                       {QStringLiteral("users"), period.users},
                       {QStringLiteral("sum"), period.sum},
                       {QStringLiteral("digest"), period.digest},
                       {QStringLiteral("auditSeq"), period.auditSeq}};
}

QString textOf(const ClosedPeriod &period)
{
    const QString kind = period.kind == ClosedPeriod::Kind::Close ? PeriodCommands::tr("closed up to")
                                                                  : PeriodCommands::tr("reopened after");
    return PeriodCommands::tr("#%1  %2 %3 (to %4)  by %5 on %6  users %7, sum %8 XP  audit event %9\n"
                              "    reason: %10\n    digest: %11")
        .arg(period.id)
        .arg(kind, period.day.toString(Qt::ISODate), Timestamp::toIso(period.boundary), period.who(),
             Timestamp::toIso(period.at))
        .arg(period.users)
        .arg(period.sum)
        .arg(period.auditSeq)
        .arg(period.reason, period.digest);
}

} // namespace

QString PeriodCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] period close --until DAY --reason TEXT\n"
              "       xpadmin-cli [global options] period reopen --until DAY --reason TEXT\n"
              "       xpadmin-cli [global options] period list [--json]\n"
              "\n"
              "close closes the ledger up to the end of DAY (2026-11-30, a day in this computer's time zone that "
              "is over): no transaction created up to then may be rolled back, deleted by source or restored, no "
              "import or demo data may be dated then, and no recalculation may change a total as it stood then. "
              "The close keeps every user's total at that moment and is an audit event carrying their number, "
              "sum and digest. reopen moves the end back to DAY: what is after it is open again. Both are an "
              "admin's, need a reason and are audited. On PostgreSQL the database refuses XP Admin's roles a "
              "change in the closed period too; the owner installs that once with `xpadmin-cli roles install`.\n"
              "list shows every close and reopen, oldest first.\n");
}

int PeriodCommands::run(const QStringList &arguments)
{
    return Subcommands::run(
        m_context.out(), QStringLiteral("period"), arguments,
        {{QStringLiteral("close"), [this](const QStringList &a) { return change(QStringLiteral("close"), a); }},
         {QStringLiteral("reopen"), [this](const QStringList &a) { return change(QStringLiteral("reopen"), a); }},
         {QStringLiteral("list"), [this](const QStringList &a) { return list(a); }}},
        usage());
}

int PeriodCommands::change(const QString &sub, const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const bool closing = sub == QLatin1String("close");
    CommandParser parser(QStringLiteral("period ") + sub, QStringLiteral("--until DAY --reason TEXT"),
                         closing ? tr("Closes the ledger up to the end of DAY.")
                                 : tr("Reopens what is after DAY; the ledger stays closed up to DAY."));
    parser.addOption(Until, QStringLiteral("DAY"),
                     closing ? tr("The last day closed, as 2026-11-30 (this computer's time zone); it must be over.")
                             : tr("The last day that stays closed, earlier than the closed one."));
    parser.addReasonOption();
    parser.addJsonOption(tr("Print the close or reopen as JSON."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    auto untilText = parser.required(Until);
    if (!untilText)
        return out.fail(untilText.error());
    auto day = Periods::parseDay(QStringLiteral("--until"), *untilText);
    if (!day)
        return out.fail(day.error());
    auto reason = parser.reason();
    if (!reason)
        return out.fail(reason.error());
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    Periods periods(**db);
    auto made = closing ? periods.close(*day, *reason) : periods.reopen(*day, *reason);
    if (!made)
        return out.fail(made.error());
    if (out.json())
        out.printJson(periodJson(*made));
    else
        out.print(textOf(*made));
    return ExitCode::Ok;
}

int PeriodCommands::list(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("period list"), QStringLiteral("[--json]"),
                         tr("Lists every close and reopen of the ledger, oldest first."));
    parser.addJsonOption(tr("Print a JSON array of them."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    auto periods = Periods(**db).list();
    if (!periods)
        return out.fail(periods.error());
    if (out.json()) {
        QJsonArray array;
        for (const ClosedPeriod &period : std::as_const(*periods))
            array << periodJson(period);
        out.printJson(array);
        return ExitCode::Ok;
    }
    if (periods->isEmpty()) {
        out.print(tr("Nothing was ever closed: the whole ledger is open."));
        return ExitCode::Ok;
    }
    for (const ClosedPeriod &period : std::as_const(*periods))
        out.print(textOf(period));
    out.print(tr("Closed now up to %1.").arg(periods->constLast().day.toString(Qt::ISODate)));
    return ExitCode::Ok;
}
