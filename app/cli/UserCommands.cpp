#include "app/cli/UserCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/history/TotalsQuery.h"
#include "core/users/UserQuery.h"
#include "core/users/Users.h"

#include <QJsonArray>

#include <QJsonObject>
#include <QJsonValue>

namespace {

constexpr int DefaultFindLimit = 20;
constexpr int MaxFindLimit = 10000;

QJsonValue nameJson(const UserRow &user)
{
    return user.name.isEmpty() ? QJsonValue() : QJsonValue(user.name);
}

} // namespace

QString UserCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] user find TEXT [--limit N]\n"
              "       xpadmin-cli [global options] user show ID\n"
              "       xpadmin-cli [global options] user add --id ID --email EMAIL [--name NAME]\n"
              "\n"
              "Finds users by id, email or name; shows one with their cached total, the sum of their transactions "
              "and whether the two agree; or adds one. Run xpadmin-cli user SUBCOMMAND --help for its options.\n");
}

int UserCommands::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("add"))
        return add(arguments.mid(1));
    if (sub == QLatin1String("show"))
        return show(arguments.mid(1));
    if (sub == QLatin1String("find"))
        return find(arguments.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out.write(usage());
        return ExitCode::Ok;
    }
    if (sub.isEmpty())
        return out.usage(tr("user: give a subcommand, find, show or add (see xpadmin-cli user --help)"));
    return out.usage(tr("user: unknown subcommand %1; use find, show or add (see xpadmin-cli user --help)")
                         .arg(Validation::quoted(sub)));
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
    CommandParser parser(QStringLiteral("user show"), QStringLiteral("ID"),
                         tr("Shows a user: email, name, cached total XP, the sum of the transactions, their count, "
                            "and whether the cached total differs from the sum. xpadmin-cli user find TEXT tells a "
                            "user's id."));
    parser.setMaxPositional(1);
    parser.addOption(QStringLiteral("id"), QStringLiteral("ID"), tr("The user's id (or give it without --id)."));
    parser.addOption(QStringLiteral("as-of"), QStringLiteral("DATE"),
                     tr("Also the user's XP and transactions as they stood at this moment (a date alone: the end "
                        "of that day), rebuilt from the audit log."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto asOf = parser.moment(QStringLiteral("as-of"));
    if (!asOf)
        return out.fail(asOf.error());
    const QString given = parser.positional().value(0);
    if (!given.isEmpty() && parser.isSet(QStringLiteral("id")) && parser.value(QStringLiteral("id")) != given)
        return out.fail(parser.usageError(tr("give the id once: either ID or --id ID")));
    const auto id
        = given.isEmpty() ? parser.text(QStringLiteral("id"), Validation::MaxIdLength) : Result<QString>(given);
    if (!id)
        return out.fail(parser.usageError(tr("give the user's id (xpadmin-cli user find TEXT tells it)")));
    if (const Status valid = Validation::requiredText(tr("the id"), *id, Validation::MaxIdLength); !valid)
        return out.fail(valid.error());

    auto db = m_context.open(CliContext::Access::ReadStandby);
    if (!db)
        return out.fail(db.error());
    auto found = Users(**db).find(*id);
    if (!found)
        return out.fail(found.error());
    if (!found->has_value())
        return out.fail(Error::input(tr("Unknown user %1: no user has this id. Find the id with xpadmin-cli user "
                                        "find %2")
                                         .arg(Validation::quoted(*id), *id)));
    const UserRow &user = **found;
    const bool differs = user.totalXP != user.sum;
    std::optional<TotalsRow> then;
    if (asOf->isValid()) {
        HistoryFilter filter;
        filter.userId = user.id;
        filter.asOf = *asOf;
        auto totals = TotalsQuery(**db).totals(TotalsQuery::GroupBy::Nothing, filter);
        if (!totals)
            return out.fail(totals.error());
        then = totals->value(0);
    }
    if (out.json()) {
        QJsonObject object{
            {QStringLiteral("id"), user.id},          {QStringLiteral("email"), user.email},
            {QStringLiteral("name"), nameJson(user)}, {QStringLiteral("totalXP"), user.totalXP},
            {QStringLiteral("sum"), user.sum},        {QStringLiteral("transactions"), user.transactions},
            {QStringLiteral("differs"), differs}};
        if (then)
            object.insert(QStringLiteral("asOf"),
                          QJsonObject{{QStringLiteral("at"), Timestamp::toIso(*asOf)},
                                      {QStringLiteral("sum"), then->total},
                                      {QStringLiteral("transactions"), then->count}});
        out.printJson(object);
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
    if (then) {
        const QString moment = asOf->toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        rows << QStringList{tr("XP as of %1:").arg(moment), QString::number(then->total)}
             << QStringList{tr("Transactions as of %1:").arg(moment), QString::number(then->count)};
    }
    out.write(CliFormat::table(rows, {false, false}));
    return ExitCode::Ok;
}

int UserCommands::find(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("user find"), QStringLiteral("TEXT [--limit N]"),
        tr("Lists the users whose id, email or name contains TEXT, ignoring case: an exact id or email first, "
           "then the others by name. Shows each user's id, name, email and total XP; the id is what other commands "
           "take (--user ID)."));
    parser.setMaxPositional(1);
    parser.addOption(QStringLiteral("limit"), QStringLiteral("N"),
                     tr("Show at most N users (default %1).").arg(DefaultFindLimit));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const QString text = parser.positional().value(0);
    if (text.trimmed().isEmpty())
        return out.fail(parser.usageError(tr("give the TEXT to look for: part of an id, an email or a name")));
    if (const Status valid = Validation::requiredText(tr("TEXT"), text, Validation::MaxEmailLength); !valid)
        return out.fail(valid.error());
    const auto limit = parser.integer(QStringLiteral("limit"), DefaultFindLimit, 1, MaxFindLimit);
    if (!limit)
        return out.fail(limit.error());

    auto db = m_context.open(CliContext::Access::ReadStandby);
    if (!db)
        return out.fail(db.error());
    // One more than shown, to tell whether there are more.
    auto found = UserQuery(**db).find(text, int(*limit) + 1);
    if (!found)
        return out.fail(found.error());
    const bool more = found->size() > *limit;
    const QList<UserRow> users = found->mid(0, int(*limit));
    if (out.json()) {
        QJsonArray array;
        for (const UserRow &user : users)
            array.append(QJsonObject{{QStringLiteral("id"), user.id},
                                     {QStringLiteral("name"), nameJson(user)},
                                     {QStringLiteral("email"), user.email},
                                     {QStringLiteral("totalXP"), user.totalXP}});
        out.printJson(array);
        return ExitCode::Ok;
    }
    if (users.isEmpty()) {
        out.print(tr("No user's id, email or name contains %1.").arg(Validation::quoted(text.trimmed())));
        return ExitCode::Ok;
    }
    QList<QStringList> rows{{tr("ID"), tr("NAME"), tr("EMAIL"), tr("TOTAL XP")}};
    for (const UserRow &user : users)
        rows << QStringList{user.id, user.name, user.email, QString::number(user.totalXP)};
    out.write(CliFormat::table(rows, {false, false, false, true}));
    if (more)
        out.note(
            tr("Only the first %n users are shown; narrow the search or raise --limit.", nullptr, int(users.size())));
    return ExitCode::Ok;
}
