#include "app/cli/UserCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "core/domain/Validation.h"
#include "core/users/Users.h"

#include <QJsonObject>
#include <QJsonValue>

QString UserCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] user add --id ID --email EMAIL [--name NAME]\n"
              "       xpadmin-cli [global options] user show --id ID\n"
              "\n"
              "Adds a user, or shows one with their cached total, the sum of their transactions and whether the "
              "two agree.\n");
}

int UserCommands::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("add"))
        return add(arguments.mid(1));
    if (sub == QLatin1String("show"))
        return show(arguments.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out.write(usage());
        return ExitCode::Ok;
    }
    if (sub.isEmpty())
        return out.usage(tr("user: give a subcommand, add or show (see xpadmin-cli user --help)"));
    return out.usage(
        tr("user: unknown subcommand %1; use add or show (see xpadmin-cli user --help)").arg(Validation::quoted(sub)));
}

int UserCommands::add(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("user add"), QStringLiteral("--id ID --email EMAIL [--name NAME]"),
                         tr("Adds a user to the \"User\" table."));
    parser.addOption(QStringLiteral("id"), QStringLiteral("ID"), tr("The new user's id."));
    parser.addOption(QStringLiteral("email"), QStringLiteral("EMAIL"), tr("The user's email address (unique)."));
    parser.addOption(QStringLiteral("name"), QStringLiteral("NAME"), tr("The user's name (optional)."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    const auto id = parser.text(QStringLiteral("id"), Validation::MaxIdLength);
    if (!id)
        return out.fail(id.error());
    const auto email = parser.text(QStringLiteral("email"), Validation::MaxEmailLength);
    if (!email)
        return out.fail(email.error());
    // Checked before the database is opened (and, on first use, created).
    if (const Status valid = Validation::email(QStringLiteral("--email"), *email); !valid)
        return out.fail(valid.error());
    const auto name = parser.optionalText(QStringLiteral("name"), Validation::MaxNameLength);
    if (!name)
        return out.fail(name.error());

    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    auto user = Users(**db).add(*id, *email, *name);
    if (!user)
        return out.fail(user.error());
    if (out.json()) {
        out.printJson(
            QJsonObject{{QStringLiteral("id"), user->id},
                        {QStringLiteral("email"), user->email},
                        {QStringLiteral("name"), user->name.isEmpty() ? QJsonValue() : QJsonValue(user->name)}});
    } else {
        out.print(tr("Added user %1 (%2)").arg(user->id, user->email));
    }
    return ExitCode::Ok;
}

int UserCommands::show(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("user show"), QStringLiteral("--id ID"),
                         tr("Shows a user: email, name, cached total XP, the sum of the transactions, their count, "
                            "and whether the cached total differs from the sum."));
    parser.addOption(QStringLiteral("id"), QStringLiteral("ID"), tr("The user's id."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto id = parser.text(QStringLiteral("id"), Validation::MaxIdLength);
    if (!id)
        return out.fail(id.error());

    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    auto found = Users(**db).find(*id);
    if (!found)
        return out.fail(found.error());
    if (!found->has_value())
        return out.fail(Error::input(tr("Unknown user %1: no such id in \"User\"").arg(Validation::quoted(*id))));
    const UserRow &user = **found;
    const bool differs = user.totalXP != user.sum;
    if (out.json()) {
        out.printJson(QJsonObject{{QStringLiteral("id"), user.id},
                                  {QStringLiteral("email"), user.email},
                                  {QStringLiteral("name"), user.name.isEmpty() ? QJsonValue() : QJsonValue(user.name)},
                                  {QStringLiteral("totalXP"), user.totalXP},
                                  {QStringLiteral("sum"), user.sum},
                                  {QStringLiteral("transactions"), user.transactions},
                                  {QStringLiteral("differs"), differs}});
        return ExitCode::Ok;
    }
    QList<QStringList> rows{
        {tr("User:"), user.id},
        {tr("Email:"), user.email},
        {tr("Name:"), user.name.isEmpty() ? tr("(none)") : user.name},
        {tr("Total XP:"), tr("%1 (cached in UserProfile.totalXP)").arg(user.totalXP)},
        {tr("Sum of XP:"), QString::number(user.sum)},
        {tr("Transactions:"), QString::number(user.transactions)},
        {tr("Consistent:"),
         differs ? tr("NO: the cached total differs from the sum by %1; run xpadmin-cli recalc --user %2")
                       .arg(CliFormat::signedAmount(user.totalXP - user.sum), user.id)
                 : tr("yes")},
    };
    out.write(CliFormat::table(rows, {false, false}));
    return ExitCode::Ok;
}
