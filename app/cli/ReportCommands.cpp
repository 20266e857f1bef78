#include "app/cli/ReportCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/Subcommands.h"
#include "core/controls/ControlsCsv.h"
#include "core/controls/ControlsDocument.h"
#include "core/controls/ControlsJson.h"
#include "core/controls/ControlsReport.h"
#include "core/controls/ControlsText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"

namespace {

QString time(const QDateTime &utc)
{
    return utc.isValid() ? Timestamp::toIso(utc) : QString();
}

// The report as text for a terminal: each section's findings, one line each. In the class's
// context by translate(): lupdate gives a tr() of a free function no context.
QStringList textLines(const ControlsReportData &r)
{
    QStringList lines{ControlsText::title() + QStringLiteral(": ") + ControlsText::period(r), QString()};
    lines << ControlsText::heldTitle() + QLatin1Char(':');
    for (const PendingAdjustment &p : r.held)
        lines << QCoreApplication::translate("ReportCommands", "  %1  %2 asked %3 XP for %4, %5: %6")
                     .arg(time(p.requestedAt), r.maker(p), QString::number(p.amount),
                          p.userName.isEmpty() ? p.userId : p.userName, ControlsText::heldFor(p.heldFor),
                          p.state == PendingAdjustment::State::Pending
                              ? ControlsText::state(p.state)
                              : QCoreApplication::translate("ReportCommands", "%1 by %2 at %3")
                                    .arg(ControlsText::state(p.state), r.decider(p), time(p.decidedAt)));
    if (r.held.isEmpty())
        lines << QCoreApplication::translate("ReportCommands", "  none");
    lines << ControlsText::periodsTitle() + QLatin1Char(':');
    for (const ClosedPeriod &p : r.periods)
        lines << QCoreApplication::translate("ReportCommands", "  %1  %2 %3 up to %4: %5")
                     .arg(time(p.at), p.who(), ControlsText::kind(p.kind), p.day.toString(Qt::ISODate), p.reason);
    if (r.periods.isEmpty())
        lines << QCoreApplication::translate("ReportCommands", "  none");
    lines << ControlsText::unticketedTitle() + QLatin1Char(':');
    for (const UnticketedChange &c : r.unticketed)
        lines << QCoreApplication::translate("ReportCommands", "  %1  %2 gave %3 XP to %4 (%5) without a ticket")
                     .arg(time(c.at), c.person, QString::number(c.amount), c.userName.isEmpty() ? c.userId : c.userName,
                          c.label);
    if (r.unticketed.isEmpty())
        lines << QCoreApplication::translate("ReportCommands", "  none");
    lines << ControlsText::peopleTitle() + QLatin1Char(':');
    for (const PersonActivity &a : r.people)
        lines << QCoreApplication::translate(
                     "ReportCommands",
                     "  %1: %2 change(s), +%3 / -%4 XP; %5 held (%6 approved, %7 rejected, %8 waiting)")
                     .arg(a.person)
                     .arg(a.changes)
                     .arg(a.given)
                     .arg(a.taken)
                     .arg(a.held)
                     .arg(a.approved)
                     .arg(a.rejected)
                     .arg(a.waiting);
    if (r.people.isEmpty())
        lines << QCoreApplication::translate("ReportCommands", "  none");
    lines << ControlsText::reasonsTitle() + QLatin1Char(':');
    for (const ReasonActivity &a : r.reasons)
        lines << QCoreApplication::translate("ReportCommands", "  %1: %2 change(s), +%3 / -%4 XP; %5 without a ticket")
                     .arg(a.code.isEmpty() ? ControlsText::noReasonCode() : r.catalog.labelWithCode(a.code))
                     .arg(a.changes)
                     .arg(a.given)
                     .arg(a.taken)
                     .arg(a.withoutTicket);
    if (r.reasons.isEmpty())
        lines << QCoreApplication::translate("ReportCommands", "  none");
    return lines;
}

} // namespace

int ReportCommands::run(const QStringList &arguments)
{
    return Subcommands::run(m_context.out(), QStringLiteral("report"), arguments,
                            {{QStringLiteral("controls"), [this](const QStringList &a) { return controls(a); }}},
                            tr("Usage: xpadmin-cli [global options] report controls [--since DATE] [--until DATE] "
                               "[--pdf FILE] [--csv FILE [--separator SEP] [--bom]]\n"));
}

int ReportCommands::controls(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("report controls"),
        QStringLiteral("[--since DATE] [--until DATE] [--pdf FILE] [--csv FILE [--separator SEP] "
                       "[--bom]]"),
        tr("What an auditor checks the desk's controls against, for a period: every change held for "
           "approval (above a limit of its maker or the approval threshold) and who decided it, "
           "every period closed and reopened and why, every manual change without the ticket its "
           "reason code requires, and the manual changes per person and per reason code. Text, or --json, --pdf, "
           "--csv."));
    parser.addOption(QStringLiteral("since"), QStringLiteral("DATE"),
                     tr("From this date or date-time on (local time unless it ends in Z); default: the beginning."));
    parser.addOption(QStringLiteral("until"), QStringLiteral("DATE"),
                     tr("Up to this date (the whole day) or date-time; default: now."));
    parser.addOption(QStringLiteral("pdf"), QStringLiteral("FILE"), tr("Write the report as a PDF to file."));
    parser.addOption(QStringLiteral("csv"), QStringLiteral("FILE"),
                     tr("Write the report as CSV: a row per finding, its kind in the column section."));
    parser.addCsvFormatOptions();
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto since = parser.date(QStringLiteral("since"), false);
    if (!since)
        return out.fail(since.error());
    const auto until = parser.date(QStringLiteral("until"), true);
    if (!until)
        return out.fail(until.error());
    if ((parser.isSet(QStringLiteral("separator")) || parser.isSet(QStringLiteral("bom")))
        && !parser.isSet(QStringLiteral("csv")))
        return out.fail(parser.usageError(tr("--separator and --bom are for --csv FILE")));
    auto format = parser.csvFormat();
    if (!format)
        return out.fail(format.error());

    auto db = m_context.open(CliContext::Access::ReadStandby);
    if (!db)
        return out.fail(db.error());
    auto report = ControlsReport(**db).read(*since, *until);
    if (!report)
        return out.fail(report.error());
    if (parser.isSet(QStringLiteral("pdf"))) {
        if (const Status s = ControlsDocument::writePdf(*report, parser.value(QStringLiteral("pdf"))); !s)
            return out.fail(s.error());
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        if (const Status s = ControlsCsv::write(*report, parser.value(QStringLiteral("csv")), *format); !s)
            return out.fail(s.error());
    }
    if (out.json())
        out.printJson(ControlsJson::of(*report));
    else if (!parser.isSet(QStringLiteral("pdf")) && !parser.isSet(QStringLiteral("csv")))
        out.write(textLines(*report).join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return ExitCode::Ok;
}
