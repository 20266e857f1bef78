#include "app/cli/RoleCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/ReasonCommands.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/roles/RoleDetector.h"
#include "core/roles/RoleInstaller.h"
#include "core/roles/RoleSetting.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace {

bool asksForHelp(const QStringList &arguments)
{
    return arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"));
}

QString joined(const QStringList &items)
{
    return items.isEmpty() ? QCoreApplication::translate("RoleCommands", "nothing") : items.join(QStringLiteral(", "));
}

} // namespace

std::optional<Action> RoleCommands::actionOf(const QString &command, const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    if (command == QLatin1String("award"))
        return Action::Award;
    if (command == QLatin1String("adjust"))
        return Action::Adjust;
    if (command == QLatin1String("rollback"))
        return Action::Rollback;
    if (command == QLatin1String("delete-source"))
        return Action::DeleteSource;
    if (command == QLatin1String("restore"))
        return Action::Restore;
    if (command == QLatin1String("import-legacy") || command == QLatin1String("adjust-bulk"))
        return arguments.contains(QLatin1String("--dry-run")) ? Action::Read : Action::Import;
    if (command == QLatin1String("demo"))
        return Action::Import;
    if (command == QLatin1String("recalc"))
        return Action::Repair;
    if (command == QLatin1String("verify"))
        return arguments.contains(QLatin1String("--repair")) ? Action::Repair : Action::Read;
    if (command == QLatin1String("user") && sub == QLatin1String("add"))
        return Action::AddUser;
    if (command == QLatin1String("pending") && (sub == QLatin1String("approve") || sub == QLatin1String("reject")))
        return Action::Approve;
    if (command == QLatin1String("pending") && sub == QLatin1String("threshold")) {
        // Without a value it only shows the threshold.
        const QStringList rest = arguments.mid(1);
        const bool setting
            = std::any_of(rest.cbegin(), rest.cend(), [](const QString &a) { return !a.startsWith(u'-'); });
        return setting ? Action::Configure : Action::Read;
    }
    if (command == QLatin1String("alerts") && sub == QLatin1String("set"))
        return Action::ConfigureAlerts;
    if (command == QLatin1String("reason-codes"))
        return ReasonCommands::changes(arguments) ? Action::ManageReasonCodes : Action::Read;
    if (command == QLatin1String("period") && (sub == QLatin1String("close") || sub == QLatin1String("reopen")))
        return Action::ClosePeriod;
    if (command == QLatin1String("limits") && sub == QLatin1String("set"))
        return Action::SetLimits;
    return std::nullopt;
}

std::optional<int> RoleCommands::refuse(const QString &command, const QStringList &arguments)
{
    const auto action = actionOf(command, arguments);
    if (!action || *action == Action::Read || asksForHelp(arguments))
        return std::nullopt;
    const auto spec = m_context.spec();
    if (!spec)
        return std::nullopt;
    if (spec->backend == ConnectionSpec::Backend::Sqlite) {
        // Advisory: nothing to ask the file; an unset choice refuses nothing.
        const auto chosen = RoleSetting::sqliteRole();
        if (!chosen)
            return std::nullopt;
        ConnectedRole connected;
        connected.advisory = true;
        connected.role = *chosen;
        if (connected.may(*action))
            return std::nullopt;
        return m_context.out().fail(refusal(connected, *action));
    }
    // PostgreSQL: checked when the command opens the database, after it has checked its input.
    m_context.setPermissionCheck([action = *action](Database &db) -> Status {
        auto connected = RoleDetector::detect(db);
        if (!connected)
            return connected.error();
        if (connected->may(action))
            return {};
        return refusal(*connected, action);
    });
    return std::nullopt;
}

Error RoleCommands::refusal(const ConnectedRole &connected, Action action)
{
    return Error::permission(tr("Permission denied. %1. Nothing was changed.").arg(connected.refusal(action)));
}

QString RoleCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] roles install [--print-sql]\n"
              "       xpadmin-cli [global options] roles grant --role auditor|support|admin --login NAME\n"
              "       xpadmin-cli [global options] roles show\n"
              "\n"
              "XP Admin's roles on PostgreSQL: install creates the group roles xpadmin_auditor (read everything), "
              "xpadmin_support (also award and adjust) and xpadmin_admin (also rollback, delete source, restore, "
              "import, repair) with the least grants for that, and makes the audit log append-only; run it once as "
              "the database owner, and again after upgrading XP Admin. grant gives an existing login exactly one "
              "of them. show says who you are connected as and what you may do.\n"
              "On SQLite the role is chosen in the window, View > Role on SQLite Files, and is advisory.\n");
}

int RoleCommands::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("install"))
        return install(arguments.mid(1));
    if (sub == QLatin1String("grant"))
        return grant(arguments.mid(1));
    if (sub == QLatin1String("show"))
        return show(arguments.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out.write(usage());
        return ExitCode::Ok;
    }
    if (sub.isEmpty())
        return out.usage(tr("roles: give a subcommand, install, grant or show (see xpadmin-cli roles --help)"));
    return out.usage(tr("roles: unknown subcommand %1; use install, grant or show (see xpadmin-cli roles --help)")
                         .arg(Validation::quoted(sub)));
}

int RoleCommands::install(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("roles install"), QStringLiteral("[--print-sql]"),
                         tr("Creates or updates XP Admin's roles, their grants and the audit log's append-only "
                            "triggers, in one transaction (PostgreSQL; run as the database owner)."));
    parser.addOption(QStringLiteral("print-sql"), QString(),
                     tr("Print the statements instead of running them, for a database administrator."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (parser.isSet(QStringLiteral("print-sql"))) {
        // PostgreSQL's statements, whatever --db names; in the schema its ?schema= names.
        const auto spec = m_context.spec();
        const TableNames tables(ConnectionSpec::Backend::Postgres, spec ? spec->appSchema : QString());
        out.write(RoleInstaller::statements(tables).join(QStringLiteral(";\n\n")) + QStringLiteral(";\n"));
        return ExitCode::Ok;
    }
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    if (const Status s = RoleInstaller(**db).install(); !s)
        return out.fail(s.error());
    if (out.json()) {
        out.printJson(QJsonObject{{QStringLiteral("installed"), true},
                                  {QStringLiteral("roles"),
                                   QJsonArray{QStringLiteral("xpadmin_auditor"), QStringLiteral("xpadmin_support"),
                                              QStringLiteral("xpadmin_admin")}}});
    } else {
        out.print(tr("Installed the roles xpadmin_auditor, xpadmin_support and xpadmin_admin with their grants on %1; "
                     "the audit log is append-only.")
                      .arg((*db)->spec().displayName()));
        out.print(tr("Give a login one of them with: xpadmin-cli roles grant --role auditor|support|admin --login "
                     "NAME"));
    }
    return ExitCode::Ok;
}

int RoleCommands::grant(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("roles grant"), QStringLiteral("--role auditor|support|admin --login NAME"),
                         tr("Gives an existing PostgreSQL login exactly one of XP Admin's roles (the others it "
                            "had are revoked)."));
    parser.addOption(QStringLiteral("role"), QStringLiteral("ROLE"), tr("auditor, support or admin."));
    parser.addOption(QStringLiteral("login"), QStringLiteral("NAME"), tr("The login (CREATE ROLE ... LOGIN)."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto roleText = parser.required(QStringLiteral("role"));
    if (!roleText)
        return out.fail(roleText.error());
    const auto role = Roles::fromKey(*roleText);
    if (!role || Roles::groupRole(*role).isEmpty())
        return out.fail(
            Error::input(tr("--role %1 is not one of XP Admin's roles: use %2")
                             .arg(Validation::quoted(*roleText), Roles::grantableKeys().join(QStringLiteral(", ")))));
    const auto login = parser.text(QStringLiteral("login"), 63);
    if (!login)
        return out.fail(login.error());
    const auto spec = m_context.spec();
    if (!spec)
        return out.fail(spec.error());
    if (spec->backend != ConnectionSpec::Backend::Postgres)
        return out.fail(Error::input(tr("roles grant needs a PostgreSQL database; on SQLite the role is chosen in "
                                        "the settings and is advisory")));
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    auto connected = RoleDetector::detect(**db);
    if (!connected)
        return out.fail(connected.error());
    if (!connected->may(Action::ManageRoles))
        return out.fail(refusal(*connected, Action::ManageRoles));
    if (const Status s = RoleInstaller(**db).grant(*role, *login); !s)
        return out.fail(s.error());
    QStringList may;
    for (const Action action : Permissions::allActions()) {
        if (Permissions(*role).may(action))
            may << Permissions::phrase(action);
    }
    if (out.json())
        out.printJson(QJsonObject{{QStringLiteral("login"), login->trimmed()},
                                  {QStringLiteral("role"), Roles::groupRole(*role)}});
    else
        out.print(tr("%1 now has the role %2: may %3.").arg(login->trimmed(), Roles::groupRole(*role), joined(may)));
    return ExitCode::Ok;
}

int RoleCommands::show(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("roles show"), QString(),
                         tr("Shows who you are connected as, your role and what it allows."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto spec = m_context.spec();
    if (!spec)
        return out.fail(spec.error());
    ConnectedRole connected;
    if (spec->backend == ConnectionSpec::Backend::Sqlite) {
        connected = RoleDetector::sqliteFile(spec->path, Database::loginName());
    } else {
        auto db = m_context.open(CliContext::Access::Inspect);
        if (!db)
            return out.fail(db.error());
        auto detected = RoleDetector::detect(**db);
        if (!detected)
            return out.fail(detected.error());
        connected = *detected;
    }
    QStringList may;
    QStringList mayNot;
    QJsonArray mayKeys;
    QJsonArray mayNotKeys;
    for (const Action action : Permissions::allActions()) {
        if (connected.may(action)) {
            may << Permissions::phrase(action);
            mayKeys << Permissions::key(action);
        } else {
            mayNot << Permissions::phrase(action);
            mayNotKeys << Permissions::key(action);
        }
    }
    if (out.json()) {
        out.printJson(QJsonObject{{QStringLiteral("login"), connected.login},
                                  {QStringLiteral("role"), Roles::key(connected.role)},
                                  {QStringLiteral("databaseRole"), Roles::groupRole(connected.role)},
                                  {QStringLiteral("advisory"), connected.advisory},
                                  {QStringLiteral("rolesInstalled"), connected.rolesInstalled},
                                  {QStringLiteral("superuser"), connected.superuser},
                                  {QStringLiteral("owner"), connected.owner},
                                  {QStringLiteral("may"), mayKeys},
                                  {QStringLiteral("mayNot"), mayNotKeys},
                                  {QStringLiteral("lacking"), QJsonArray::fromStringList(connected.lacking())}});
        return ExitCode::Ok;
    }
    out.print(tr("Login:    %1").arg(connected.login));
    out.print(tr("Role:     %1").arg(connected.label()));
    if (connected.advisory)
        out.print(tr("          Advisory: on SQLite the role is chosen in the settings and not enforced."));
    else if (!connected.rolesInstalled)
        out.print(tr("          XP Admin's roles are not installed here (xpadmin-cli roles install)."));
    else
        out.print(tr("          Enforced by PostgreSQL."));
    out.print(tr("May:      %1").arg(joined(may)));
    out.print(tr("May not:  %1").arg(joined(mayNot)));
    if (const QStringList lacking = connected.lacking(); !lacking.isEmpty())
        out.print(connected.advisory
                      ? tr("Because:  your operating-system user lacks %1.").arg(lacking.join(QStringLiteral(", ")))
                      : tr("Because:  the login lacks %1.").arg(lacking.join(QStringLiteral(", "))));
    return ExitCode::Ok;
}
