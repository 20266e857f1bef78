#pragma once

#include "core/domain/Result.h"
#include "core/roles/ConnectedRole.h"
#include "core/roles/Permissions.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

class CliContext;

// `roles install | grant | show`, and the check every command passes first: a command the
// connected role may not run is refused before it changes anything, with exit status 4.
class RoleCommands final
{
    Q_DECLARE_TR_FUNCTIONS(RoleCommands)

public:
    explicit RoleCommands(CliContext &context) : m_context(context) { }

    int run(const QStringList &arguments);

    // What a command line does, as far as roles go; none for commands that check themselves
    // (roles, init) or that any role may run.
    static std::optional<Action> actionOf(const QString &command, const QStringList &arguments);
    // The exit status when the connected role may not run the command; none to go on. SQLite:
    // decided now from the settings. PostgreSQL: decided when the command opens the database.
    std::optional<int> refuse(const QString &command, const QStringList &arguments);

private:
    static Error refusal(const ConnectedRole &connected, Action action);
    static QString usage();
    int install(const QStringList &arguments);
    int grant(const QStringList &arguments);
    int show(const QStringList &arguments);

    CliContext &m_context;
};
