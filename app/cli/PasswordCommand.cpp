#include "app/cli/PasswordCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliPassword.h"
#include "app/cli/ExitCode.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/session/ConnectionCredentials.h"
#include "core/session/CredentialStore.h"

QString PasswordCommand::usage()
{
    return tr("Usage: xpadmin-cli --db postgresql://USER@HOST[:PORT]/DATABASE password save|forget\n"
              "\n"
              "save asks for the password on the terminal (without showing it), checks it by connecting, and saves "
              "it in the system keychain, where later commands and the desktop application find it. forget "
              "removes it. XP Admin never writes a password anywhere else; without a keychain it asks each time, "
              "and libpq's PGPASSWORD and ~/.pgpass work as usual.\n");
}

int PasswordCommand::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const QString sub = arguments.value(0);
    const auto isHelp = [](const QString &argument) {
        return argument == QLatin1String("--help") || argument == QLatin1String("-h");
    };
    // Help for the subcommand is the command's: both subcommands take nothing but --db.
    if (isHelp(sub) || (arguments.size() == 2 && isHelp(arguments.at(1)))) {
        out.write(usage());
        return ExitCode::Ok;
    }
    if (arguments.size() > 1)
        return out.usage(tr("password %1: unexpected argument %2 (see xpadmin-cli password --help)")
                             .arg(sub, Validation::quoted(arguments.at(1))));
    if (sub == QLatin1String("save"))
        return save();
    if (sub == QLatin1String("forget"))
        return forget();
    return out.usage(tr("password: give a subcommand, save or forget (see xpadmin-cli password --help)"));
}

int PasswordCommand::save()
{
    CliOutput &out = m_context.out();
    auto spec = m_context.spec();
    if (!spec)
        return out.fail(spec.error());
    if (spec->backend != ConnectionSpec::Backend::Postgres)
        return out.usage(tr("password save: --db must name a PostgreSQL database (postgresql://...)"));
    if (!CliPassword::canAsk())
        return out.fail(Error::input(tr("password save reads the password from a terminal, without showing it; "
                                        "run it in a terminal")));
    const QString account = ConnectionCredentials::account(*spec);
    const auto password = CliPassword::ask(tr("Password for %1: ").arg(account));
    if (!password)
        return out.fail(Error::input(tr("No password was typed; nothing was saved")));
    ConnectionSpec withPassword = *spec;
    withPassword.password = *password;
    auto db = Database::open(withPassword, {}, Database::OpenMode::ReadOnly);
    if (!db)
        return out.fail(Error{db.error().kind, tr("%1; nothing was saved").arg(db.error().message)});
    if (const Status saved = CredentialStore::system().save(account, *password); !saved)
        return out.fail(Error{saved.error().kind,
                              tr("%1; nothing was saved. XP Admin will ask for the password each time, or use "
                                 "PGPASSWORD or ~/.pgpass")
                                  .arg(saved.error().message)});
    out.print(tr("Saved the password for %1 in the system keychain").arg(account));
    return ExitCode::Ok;
}

int PasswordCommand::forget()
{
    CliOutput &out = m_context.out();
    auto spec = m_context.spec();
    if (!spec)
        return out.fail(spec.error());
    if (spec->backend != ConnectionSpec::Backend::Postgres)
        return out.usage(tr("password forget: --db must name a PostgreSQL database (postgresql://...)"));
    const QString account = ConnectionCredentials::account(*spec);
    if (const Status removed = CredentialStore::system().remove(account); !removed)
        return out.fail(removed.error());
    out.print(tr("No password for %1 is saved in the system keychain now").arg(account));
    return ExitCode::Ok;
}
