#include "app/cli/ReasonCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/Subcommands.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/reasons/ReasonCheck.h"
#include "core/reasons/ReasonCodes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

const QString Label = QStringLiteral("label");
const QString TicketRequired = QStringLiteral("ticket-required");
const QString TicketOptional = QStringLiteral("ticket-optional");
const QString Clear = QStringLiteral("clear");

} // namespace

QString ReasonCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] reason-codes list [--json]\n"
              "       xpadmin-cli [global options] reason-codes add CODE --label TEXT [--ticket-required]\n"
              "       xpadmin-cli [global options] reason-codes change CODE [--label TEXT] "
              "[--ticket-required | --ticket-optional]\n"
              "       xpadmin-cli [global options] reason-codes retire CODE\n"
              "       xpadmin-cli [global options] reason-codes ticket-pattern [URL | --clear]\n"
              "\n"
              "Reason codes say why XP was changed by hand (BUG_COMP, \"Bug compensation\"). Once any code is "
              "active, every manual adjustment (adjust, adjust-bulk, the window's Adjust dialog) takes one, with "
              "--reason-code, besides its reason text; a code may require a ticket (--ticket, an id or a link). "
              "A code is never deleted: retire it, and the changes that took it keep its label. The ticket link "
              "pattern turns a ticket id into a link, with {id} where the id goes. Codes are kept by an admin; "
              "every change of them is audited as reason-code. CODE is 2 to 32 capital letters, digits and _, "
              "starting with a letter.\n");
}

bool ReasonCommands::changes(const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("add") || sub == QLatin1String("change") || sub == QLatin1String("retire"))
        return true;
    if (sub == QLatin1String("ticket-pattern"))
        return arguments.size() > 1;
    return false;
}

int ReasonCommands::run(const QStringList &arguments)
{
    return Subcommands::run(
        m_context.out(), QStringLiteral("reason-codes"), arguments,
        {{QStringLiteral("list"), [this](const QStringList &a) { return list(a); }},
         {QStringLiteral("add"), [this](const QStringList &a) { return add(a); }},
         {QStringLiteral("change"), [this](const QStringList &a) { return change(a); }},
         {QStringLiteral("retire"), [this](const QStringList &a) { return retire(a); }},
         {QStringLiteral("ticket-pattern"), [this](const QStringList &a) { return ticketPattern(a); }}},
        usage());
}

int ReasonCommands::list(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("reason-codes list"), QStringLiteral("[--json]"),
                         tr("Lists the reason codes, retired ones too, and the ticket link pattern."));
    parser.addJsonOption(tr("Print JSON: ticketPattern, and codes (code, label, ticketRequired, retired, uses)."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    ReasonCodes codes(**db);
    auto catalog = codes.catalog();
    if (!catalog)
        return out.fail(catalog.error());
    auto uses = codes.uses();
    if (!uses)
        return out.fail(uses.error());
    if (out.json()) {
        QJsonArray array;
        for (const ReasonCode &code : std::as_const(catalog->codes))
            array.append(QJsonObject{{QStringLiteral("code"), code.code},
                                     {QStringLiteral("label"), code.label},
                                     {QStringLiteral("ticketRequired"), code.ticketRequired},
                                     {QStringLiteral("retired"), code.retired},
                                     {QStringLiteral("uses"), uses->value(code.code)}});
        out.printJson(
            QJsonObject{{QStringLiteral("ticketPattern"), catalog->ticketPattern}, {QStringLiteral("codes"), array}});
        return ExitCode::Ok;
    }
    if (catalog->codes.isEmpty()) {
        out.print(tr("No reason codes: manual changes need none until an admin adds one (reason-codes add)."));
    } else {
        QList<QStringList> rows{{tr("CODE"), tr("LABEL"), tr("TICKET"), tr("STATE"), tr("USES")}};
        for (const ReasonCode &code : std::as_const(catalog->codes))
            rows << QStringList{code.code, code.label, code.ticketRequired ? tr("required") : tr("optional"),
                                code.retired ? tr("retired") : tr("active"), QString::number(uses->value(code.code))};
        out.write(CliFormat::table(rows, {false, false, false, false, true}));
    }
    out.print(catalog->ticketPattern.isEmpty() ? tr("Ticket links: none (ticket ids are shown as text)")
                                               : tr("Ticket links: %1").arg(catalog->ticketPattern));
    return ExitCode::Ok;
}

int ReasonCommands::withCode(const QStringList &arguments, CommandParser &parser, QString &code)
{
    CliOutput &out = m_context.out();
    parser.setMaxPositional(1);
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (parser.positional().isEmpty())
        return out.fail(parser.usageError(tr("give the CODE")));
    auto checked = ReasonCheck::code(tr("CODE"), parser.positional().constFirst());
    if (!checked)
        return out.fail(checked.error());
    code = *checked;
    return -1;
}

int ReasonCommands::add(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("reason-codes add"), QStringLiteral("CODE --label TEXT [--ticket-required]"),
                         tr("Adds a reason code; audited."));
    parser.addOption(Label, QStringLiteral("TEXT"), tr("What the code means, as people see it (required)."));
    parser.addOption(TicketRequired, QString(), tr("A change with this code must name a ticket."));
    QString code;
    if (const int stop = withCode(arguments, parser, code); stop >= 0)
        return stop;
    auto label = parser.required(Label);
    if (!label)
        return out.fail(label.error());
    if (auto checked = ReasonCheck::label(QStringLiteral("--label"), *label); !checked)
        return out.fail(checked.error());
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    if (const Status s = ReasonCodes(**db).add(code, *label, parser.isSet(TicketRequired)); !s)
        return out.fail(s.error());
    out.print(tr("Reason code %1 added: %2").arg(code, label->trimmed()));
    return ExitCode::Ok;
}

int ReasonCommands::change(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("reason-codes change"),
                         QStringLiteral("CODE [--label TEXT] [--ticket-required | --ticket-optional]"),
                         tr("Relabels a reason code, or changes whether it requires a ticket; audited. The changes "
                            "that took the code show its new label."));
    parser.addOption(Label, QStringLiteral("TEXT"), tr("The new label."));
    parser.addOption(TicketRequired, QString(), tr("A change with this code must name a ticket from now on."));
    parser.addOption(TicketOptional, QString(), tr("A change with this code may name a ticket."));
    QString code;
    if (const int stop = withCode(arguments, parser, code); stop >= 0)
        return stop;
    if (parser.isSet(TicketRequired) && parser.isSet(TicketOptional))
        return out.fail(parser.usageError(tr("give --ticket-required or --ticket-optional, not both")));
    std::optional<QString> label;
    if (parser.isSet(Label)) {
        auto checked = ReasonCheck::label(QStringLiteral("--label"), parser.value(Label));
        if (!checked)
            return out.fail(checked.error());
        label = *checked;
    }
    std::optional<bool> required;
    if (parser.isSet(TicketRequired) || parser.isSet(TicketOptional))
        required = parser.isSet(TicketRequired);
    if (!label && !required)
        return out.fail(parser.usageError(tr("give --label, --ticket-required or --ticket-optional")));
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    if (const Status s = ReasonCodes(**db).change(code, label, required); !s)
        return out.fail(s.error());
    out.print(tr("Reason code %1 changed.").arg(code));
    return ExitCode::Ok;
}

int ReasonCommands::retire(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("reason-codes retire"), QStringLiteral("CODE"),
                         tr("Retires a reason code: no new change may take it, and the changes that took it keep "
                            "it; audited. A code is never deleted."));
    QString code;
    if (const int stop = withCode(arguments, parser, code); stop >= 0)
        return stop;
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    if (const Status s = ReasonCodes(**db).retire(code); !s)
        return out.fail(s.error());
    out.print(tr("Reason code %1 retired.").arg(code));
    return ExitCode::Ok;
}

int ReasonCommands::ticketPattern(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("reason-codes ticket-pattern"), QStringLiteral("[URL | --clear]"),
                         tr("Shows or sets the link a ticket id is shown as, with {id} where the id goes (for "
                            "example https://desk.example.com/ticket/{id}); audited. A ticket given as a link is "
                            "shown as itself."));
    parser.addOption(Clear, QString(), tr("No link for ticket ids: show them as text."));
    parser.setMaxPositional(1);
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const bool clear = parser.isSet(Clear);
    if (clear && !parser.positional().isEmpty())
        return out.fail(parser.usageError(tr("give a URL or --clear, not both")));
    if (!clear && parser.positional().isEmpty()) {
        auto db = m_context.open(CliContext::Access::Read);
        if (!db)
            return out.fail(db.error());
        auto catalog = ReasonCodes(**db).catalog();
        if (!catalog)
            return out.fail(catalog.error());
        out.print(catalog->ticketPattern.isEmpty() ? tr("Ticket links: none (ticket ids are shown as text)")
                                                   : catalog->ticketPattern);
        return ExitCode::Ok;
    }
    const QString pattern = clear ? QString() : parser.positional().constFirst();
    if (auto checked = ReasonCheck::ticketPattern(QStringLiteral("URL"), pattern); !checked)
        return out.fail(checked.error());
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    if (const Status s = ReasonCodes(**db).setTicketPattern(pattern); !s)
        return out.fail(s.error());
    out.print(clear ? tr("Ticket links removed: ticket ids are shown as text.")
                    : tr("Ticket links: %1").arg(pattern.trimmed()));
    return ExitCode::Ok;
}
