#include "app/cli/LimitCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/Subcommands.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/limits/LimitCheck.h"
#include "core/limits/LimitRules.h"
#include "core/limits/LimitText.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

const QString RoleOption = QStringLiteral("role");
const QString Person = QStringLiteral("person");
const QString PerChange = QStringLiteral("per-change");
const QString PerDay = QStringLiteral("per-day");

QString whose(LimitRules::Scope scope, const QString &subject)
{
    return scope == LimitRules::Scope::Role ? QCoreApplication::translate("LimitCommands", "role %1").arg(subject)
                                            : QCoreApplication::translate("LimitCommands", "person %1").arg(subject);
}

QJsonObject ruleJson(const LimitRules::Rule &rule)
{
    QJsonObject object = rule.limits.toJson();
    object.insert(QStringLiteral("scope"), LimitRules::scopeKey(rule.scope));
    object.insert(QStringLiteral("subject"), rule.subject);
    object.insert(QStringLiteral("setBy"), rule.setBy);
    object.insert(QStringLiteral("setOperator"), rule.setOperator);
    object.insert(QStringLiteral("setAt"), Timestamp::toIso(rule.setAt));
    return object;
}

// Where one of the person's limits comes from: "(your own)", "(role support)", or nothing.
QString from(std::optional<qint64> own, std::optional<qint64> ofRole, const PersonLimits &limits)
{
    if (own)
        return QCoreApplication::translate("LimitCommands", " (the person's own)");
    if (ofRole)
        return QCoreApplication::translate("LimitCommands", " (role %1)").arg(Roles::key(limits.role));
    return {};
}

void printPerson(CliOutput &out, const PersonLimits &limits)
{
    out.print(QCoreApplication::translate("LimitCommands", "Limits of %1 (%2):")
                  .arg(limits.person, Roles::label(limits.role)));
    const LimitPair effective = limits.effective();
    out.print(
        QCoreApplication::translate("LimitCommands", "  Per change: %1%2")
            .arg(LimitText::limit(effective.perChange), from(limits.own.perChange, limits.ofRole.perChange, limits)));
    out.print(QCoreApplication::translate("LimitCommands", "  Per day:    %1%2")
                  .arg(LimitText::limit(effective.perDay), from(limits.own.perDay, limits.ofRole.perDay, limits)));
    out.print(QCoreApplication::translate("LimitCommands", "  Moved today: %1 (the local day from %2 to %3 UTC)")
                  .arg(LimitText::limit(limits.movedToday), Timestamp::toSql(limits.dayStart).left(16),
                       Timestamp::toSql(limits.dayEnd).left(16)));
    const QString left = LimitText::leftToday(limits);
    out.print(
        QStringLiteral("  ")
        + (left.isEmpty() ? QCoreApplication::translate("LimitCommands", "No day limit.") : left + QLatin1Char('.')));
}

void printRules(CliOutput &out, const QList<LimitRules::Rule> &rules)
{
    if (rules.isEmpty()) {
        out.print(QCoreApplication::translate(
            "LimitCommands",
            "No limits are set: every adjustment is applied at once unless it is above the approval "
            "threshold."));
        return;
    }
    QList<QStringList> rows{{QCoreApplication::translate("LimitCommands", "Limits of"),
                             QCoreApplication::translate("LimitCommands", "Per change"),
                             QCoreApplication::translate("LimitCommands", "Per day"),
                             QCoreApplication::translate("LimitCommands", "Set by"),
                             QCoreApplication::translate("LimitCommands", "Set at (UTC)")}};
    for (const LimitRules::Rule &rule : rules)
        rows << QStringList{whose(rule.scope, rule.subject), LimitText::limit(rule.limits.perChange),
                            LimitText::limit(rule.limits.perDay), rule.setOperator,
                            Timestamp::toSql(rule.setAt).left(16)};
    out.write(CliFormat::table(rows, {false, true, true, false, false}));
}

} // namespace

QString LimitCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] limits show [--person NAME] [--json]\n"
              "       xpadmin-cli [global options] limits set (--role ROLE | --person NAME) [--per-change N|none] "
              "[--per-day N|none]\n"
              "\n"
              "Limits per role (auditor, support, admin) and per person: the most XP one manual adjustment may "
              "move, up or down (per change), and the most one person may move in a local calendar day (per "
              "day: the sum of the amounts of their adjustments that day, held ones included unless rejected). "
              "A person's own limit replaces their role's; none removes it, so the role's applies again. An "
              "adjustment above a limit is not refused: it waits for another person's approval, as one above the "
              "approval threshold does, even when the threshold is off. A person is the database login on "
              "PostgreSQL and the operator (--actor) on SQLite. Only an admin sets limits; every change is "
              "audited.\n");
}

int LimitCommands::run(const QStringList &arguments)
{
    return Subcommands::run(m_context.out(), QStringLiteral("limits"), arguments,
                            {{QStringLiteral("show"), [this](const QStringList &a) { return show(a); }},
                             {QStringLiteral("set"), [this](const QStringList &a) { return set(a); }}},
                            usage());
}

int LimitCommands::show(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("limits show"), QStringLiteral("[--person NAME] [--json]"),
                         tr("Shows a person's limits and what they can still move today, and every limit set."));
    parser.addOption(Person, QStringLiteral("NAME"),
                     tr("The person (default: you, the login on PostgreSQL, the --actor on SQLite)."));
    parser.addJsonOption(tr("Print JSON: person (their limits and today) and rules."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    auto name = parser.optionalText(Person, Validation::MaxIdLength);
    if (!name)
        return out.fail(name.error());
    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    LimitCheck check(**db);
    auto limits = parser.isSet(Person) ? check.read(name->trimmed()) : check.readConnected();
    if (!limits)
        return out.fail(limits.error());
    auto rules = LimitRules(**db).list();
    if (!rules)
        return out.fail(rules.error());
    if (out.json()) {
        QJsonArray array;
        for (const LimitRules::Rule &rule : std::as_const(*rules))
            array.append(ruleJson(rule));
        out.printJson(QJsonObject{{QStringLiteral("person"), limits->toJson()}, {QStringLiteral("rules"), array}});
        return ExitCode::Ok;
    }
    printPerson(out, *limits);
    out.print();
    printRules(out, *rules);
    return ExitCode::Ok;
}

int LimitCommands::set(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("limits set"),
                         QStringLiteral("(--role ROLE | --person NAME) [--per-change N|none] [--per-day N|none]"),
                         tr("Sets the limits given for one role or one person; the other stays as it is."));
    parser.addOption(RoleOption, QStringLiteral("ROLE"), tr("The role: auditor, support or admin."));
    parser.addOption(Person, QStringLiteral("NAME"), tr("The person: a login on PostgreSQL, an operator on SQLite."));
    parser.addOption(PerChange, QStringLiteral("N|none"),
                     tr("The most XP one adjustment may move, up or down; none: no limit."));
    parser.addOption(PerDay, QStringLiteral("N|none"),
                     tr("The most XP the person (each person of the role) may move in a day; none: no limit."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (parser.isSet(RoleOption) == parser.isSet(Person))
        return out.fail(parser.usageError(tr("give --role ROLE or --person NAME, one of them")));
    if (!parser.isSet(PerChange) && !parser.isSet(PerDay))
        return out.fail(parser.usageError(tr("give --per-change, --per-day or both (N or none)")));
    LimitRules::Change change;
    for (const QString &option : {PerChange, PerDay}) {
        if (!parser.isSet(option))
            continue;
        auto value = LimitPair::parseValue(QStringLiteral("--") + option, parser.value(option));
        if (!value)
            return out.fail(value.error());
        (option == PerChange ? change.perChange : change.perDay) = *value;
    }
    const auto scope = parser.isSet(RoleOption) ? LimitRules::Scope::Role : LimitRules::Scope::Person;
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    LimitRules rules(**db);
    auto subject = rules.checkSubject(scope, parser.value(scope == LimitRules::Scope::Role ? RoleOption : Person));
    if (!subject)
        return out.fail(subject.error());
    if (const Status s = rules.set(scope, *subject, change); !s)
        return out.fail(s.error());
    auto stored = rules.find(scope, *subject);
    if (!stored)
        return out.fail(stored.error());
    if (out.json()) {
        QJsonObject object = stored->toJson();
        object.insert(QStringLiteral("scope"), LimitRules::scopeKey(scope));
        object.insert(QStringLiteral("subject"), *subject);
        out.printJson(object);
        return ExitCode::Ok;
    }
    out.print(tr("Limits of %1: per change %2, per day %3.")
                  .arg(whose(scope, *subject), LimitText::limit(stored->perChange), LimitText::limit(stored->perDay)));
    return ExitCode::Ok;
}
