#include "app/cli/AlertCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/Subcommands.h"
#include "core/alerts/AlertCheck.h"
#include "core/alerts/AlertSettings.h"
#include "core/alerts/AlertText.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace {

const QString MaxChange = QStringLiteral("max-change");
const QString MaxPerHour = QStringLiteral("max-per-hour");
const QString DirectTotal = QStringLiteral("direct-total");
const QString Since = QStringLiteral("since");
const QString FromSeq = QStringLiteral("from-seq");

void printRules(CliOutput &out, const AlertRules &rules)
{
    if (out.json()) {
        out.printJson(rules.toJson());
        return;
    }
    const QString off = AlertCommands::tr("off");
    out.print(AlertCommands::tr("Large change:        %1")
                  .arg(rules.maxChange > 0 ? AlertCommands::tr("above %1 XP, up or down").arg(rules.maxChange) : off));
    out.print(AlertCommands::tr("Busy actor:          %1")
                  .arg(rules.maxPerHour > 0
                           ? AlertCommands::tr("more than %1 changes by one actor within an hour").arg(rules.maxPerHour)
                           : off));
    out.print(AlertCommands::tr("Direct total change: %1").arg(rules.directTotal ? AlertCommands::tr("on") : off));
}

} // namespace

QString AlertCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] alerts show [--json]\n"
              "       xpadmin-cli [global options] alerts set [--max-change N] [--max-per-hour M] "
              "[--direct-total on|off]\n"
              "       xpadmin-cli [global options] alerts check [--since TIME | --from-seq N] [--json]\n"
              "\n"
              "The alert rules are a setting of the database, shared by every desk: a single change above N XP "
              "(up or down), more than M changes by one actor within an hour, and any change of a cached total "
              "made directly in the database. 0 turns a limit off. Only the database's owner may set them; "
              "setting them is audited.\n"
              "check lists the alerts that past audit events raise under the rules stored now, one line each (with "
              "--json one JSON object a line); its exit status is 1 when there is any, for a monitoring system "
              "that runs it on a schedule. Without --since or --from-seq it checks the last 24 hours.\n");
}

int AlertCommands::run(const QStringList &arguments)
{
    return Subcommands::run(m_context.out(), QStringLiteral("alerts"), arguments,
                            {{QStringLiteral("show"), [this](const QStringList &a) { return show(a); }},
                             {QStringLiteral("set"), [this](const QStringList &a) { return set(a); }},
                             {QStringLiteral("check"), [this](const QStringList &a) { return check(a); }}},
                            usage());
}

int AlertCommands::show(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("alerts show"), QStringLiteral("[--json]"),
                         tr("Shows the alert rules stored in the database."));
    parser.addJsonOption(tr("Print the rules as JSON: maxChange, maxPerHour, directTotal."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    auto rules = AlertSettings(**db).rules();
    if (!rules)
        return out.fail(rules.error());
    printRules(out, *rules);
    return ExitCode::Ok;
}

int AlertCommands::set(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("alerts set"),
                         QStringLiteral("[--max-change N] [--max-per-hour M] [--direct-total on|off]"),
                         tr("Sets the alert rules given; the others stay as they are. 0 turns a limit off."));
    parser.addOption(MaxChange, QStringLiteral("N"),
                     tr("Alert on a single change whose amount, up or down, is above N XP (0: off)."));
    parser.addOption(MaxPerHour, QStringLiteral("M"),
                     tr("Alert when one actor makes more than M changes within an hour (0: off)."));
    parser.addOption(DirectTotal, QStringLiteral("on|off"),
                     tr("Alert when a cached total is changed directly in the database."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (!parser.isSet(MaxChange) && !parser.isSet(MaxPerHour) && !parser.isSet(DirectTotal))
        return out.fail(parser.usageError(tr("give at least one of --max-change, --max-per-hour, --direct-total")));
    std::optional<qint64> maxChange;
    std::optional<qint64> maxPerHour;
    std::optional<bool> direct;
    if (parser.isSet(MaxChange)) {
        auto parsed
            = AlertRules::parseLimit(AlertRules::maxChangeField(), parser.value(MaxChange), AlertRules::MaxChangeLimit);
        if (!parsed)
            return out.fail(parsed.error());
        maxChange = *parsed;
    }
    if (parser.isSet(MaxPerHour)) {
        auto parsed = AlertRules::parseLimit(AlertRules::maxPerHourField(), parser.value(MaxPerHour),
                                             AlertRules::MaxPerHourLimit);
        if (!parsed)
            return out.fail(parsed.error());
        maxPerHour = *parsed;
    }
    if (parser.isSet(DirectTotal)) {
        auto parsed = AlertRules::parseSwitch(AlertRules::directTotalField(), parser.value(DirectTotal));
        if (!parsed)
            return out.fail(parsed.error());
        direct = *parsed;
    }
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    AlertSettings settings(**db);
    auto current = settings.rules();
    if (!current)
        return out.fail(current.error());
    AlertRules wanted = *current;
    wanted.maxChange = maxChange.value_or(wanted.maxChange);
    wanted.maxPerHour = maxPerHour.value_or(wanted.maxPerHour);
    wanted.directTotal = direct.value_or(wanted.directTotal);
    if (const Status s = settings.setRules(wanted); !s)
        return out.fail(s.error());
    auto stored = settings.rules();
    if (!stored)
        return out.fail(stored.error());
    printRules(out, *stored);
    return ExitCode::Ok;
}

int AlertCommands::check(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("alerts check"), QStringLiteral("[--since TIME | --from-seq N] [--json]"),
                         tr("Lists the alerts that the audit events of a period raise under the rules stored now. "
                            "Exit status 1 when there is any."));
    parser.addOption(Since, QStringLiteral("TIME"),
                     tr("Check the events from this date or time on (default: the last 24 hours)."));
    parser.addOption(FromSeq, QStringLiteral("N"), tr("Check the events from audit event N on."));
    parser.addJsonOption(tr("One JSON object a line for each alert."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (parser.isSet(Since) && parser.isSet(FromSeq))
        return out.fail(parser.usageError(tr("give --since or --from-seq, not both")));
    auto since = parser.date(Since, false);
    if (!since)
        return out.fail(since.error());
    auto fromSeq = parser.integer(FromSeq, 0, 1, std::numeric_limits<qint64>::max());
    if (!fromSeq)
        return out.fail(fromSeq.error());
    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    qint64 after = *fromSeq - 1;
    if (!parser.isSet(FromSeq)) {
        const QDateTime from = since->isValid() ? *since : Timestamp::now().addDays(-1);
        auto before = AlertCheck::seqBefore(**db, from);
        if (!before)
            return out.fail(before.error());
        after = *before;
    }
    auto rules = AlertSettings(**db).rules();
    if (!rules)
        return out.fail(rules.error());
    auto alerts = AlertCheck(**db, *rules).checkLog(after);
    if (!alerts)
        return out.fail(alerts.error());
    for (const Alert &alert : std::as_const(*alerts))
        out.print(out.json() ? jsonLine(alert) : textLine(alert));
    if (alerts->isEmpty() && !out.json())
        out.note(rules->anyOn() ? tr("No alerts.")
                                : tr("No alerts: every alert rule is off (xpadmin-cli alerts set)."));
    return alerts->isEmpty() ? ExitCode::Ok : ExitCode::Problems;
}

Result<int> AlertCommands::printAlerts(CliOutput &out, Database &db, const QList<AuditEvent> &events)
{
    auto rules = AlertSettings(db).rules();
    if (!rules)
        return rules.error();
    auto alerts = AlertCheck(db, *rules).check(events);
    if (!alerts)
        return alerts.error();
    for (const Alert &alert : std::as_const(*alerts))
        out.print(out.json() ? jsonLine(alert) : textLine(alert));
    return int(alerts->size());
}

std::function<void(Database &, const QList<AuditEvent> &)> AlertCommands::watchHook(CliOutput &out)
{
    return [&out](Database &db, const QList<AuditEvent> &events) {
        if (const auto printed = printAlerts(out, db, events); !printed)
            out.note(tr("These changes could not be checked for alerts: %1").arg(printed.error().message));
    };
}

QString AlertCommands::textLine(const Alert &alert)
{
    return tr("%1  ALERT %2  #%3  %4")
        .arg(Timestamp::toIso(alert.event.at), Alert::ruleKey(alert.rule), QString::number(alert.event.seq),
             alert.sentence);
}

QString AlertCommands::jsonLine(const Alert &alert)
{
    return QString::fromUtf8(QJsonDocument(alert.toJson()).toJson(QJsonDocument::Compact));
}
