#include "app/cli/CliPassword.h"

#include "app/cli/CliOutput.h"
#include "app/cli/TerminalText.h"
#include "core/db/Database.h"
#include "core/session/ConnectionCredentials.h"
#include "core/session/CredentialStore.h"

#include <cstdio>
#include <cstring>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace {

constexpr int Attempts = 3;

#ifdef Q_OS_UNIX
// Turns the terminal's echo off while it lives.
class NoEcho final
{
public:
    NoEcho()
    {
        if (tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~NoEcho()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    NoEcho(const NoEcho &) = delete;
    NoEcho &operator=(const NoEcho &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};
#endif

} // namespace

bool CliPassword::canAsk()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
#else
    return false;
#endif
}

std::optional<QString> CliPassword::ask(const QString &prompt)
{
#ifdef Q_OS_UNIX
    if (!canAsk())
        return std::nullopt;
    char line[1024];
    bool read = false;
    {
        // Echo off before the prompt shows: what is typed after it is never on the screen.
        const NoEcho quiet;
        std::fputs(TerminalText::visible(prompt).toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        read = std::fgets(line, sizeof line, stdin) != nullptr;
    }
    std::fputc('\n', stderr);
    if (!read)
        return std::nullopt;
    QString password = QString::fromLocal8Bit(line);
    std::memset(line, 0, sizeof line);
    while (password.endsWith(QLatin1Char('\n')) || password.endsWith(QLatin1Char('\r')))
        password.chop(1);
    if (password.isEmpty())
        return std::nullopt;
    return password;
#else
    Q_UNUSED(prompt)
    return std::nullopt;
#endif
}

Result<std::unique_ptr<Database>> CliPassword::open(const ConnectionSpec &requested, const QString &operatorName,
                                                    CliOutput &out, Database::OpenMode mode)
{
    if (requested.backend != ConnectionSpec::Backend::Postgres)
        return Database::open(requested, operatorName, mode);
    if (!requested.password.isEmpty())
        out.note(tr("warning: a password in --db can be seen by other users of this computer and stays in your "
                    "shell's history; use the system keychain (xpadmin-cli password save), PGPASSWORD or "
                    "~/.pgpass instead"));
    // First what the URL and libpq (PGPASSWORD, ~/.pgpass) give: a server that wants no
    // password never makes the keychain ask to be unlocked.
    auto db = Database::open(requested, operatorName, mode);
    if (db || !requested.password.isEmpty() || !ConnectionCredentials::isPasswordProblem(db.error()))
        return db;

    QString keychainProblem;
    const ConnectionSpec saved
        = ConnectionCredentials::withSavedPassword(requested, CredentialStore::system(), &keychainProblem);
    if (!saved.password.isEmpty()) {
        db = Database::open(saved, operatorName, mode);
        if (db || !ConnectionCredentials::isPasswordProblem(db.error()))
            return db;
        out.note(tr("The password saved in the system keychain for %1 was refused")
                     .arg(ConnectionCredentials::account(requested)));
    }
    if (!canAsk())
        return Error{db.error().kind,
                     tr("%1. No password was found: give it with PGPASSWORD or ~/.pgpass, or save it in the system "
                        "keychain with `xpadmin-cli password save` in a terminal")
                         .arg(db.error().message)};
    ConnectionSpec typed = requested;
    for (int attempt = 0; attempt < Attempts; ++attempt) {
        const auto password = ask(tr("Password for %1: ").arg(ConnectionCredentials::account(requested)));
        if (!password)
            break;
        typed.password = *password;
        db = Database::open(typed, operatorName, mode);
        if (db || !ConnectionCredentials::isPasswordProblem(db.error()))
            return db;
        out.note(tr("The server refused that password."));
    }
    return db;
}
