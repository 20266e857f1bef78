#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;
class CommandParser;

// `reason-codes list|add|change|retire|ticket-pattern`: the reason codes an admin keeps for
// manual changes, and the pattern that turns a ticket id into a link (core/reasons).
class ReasonCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ReasonCommands)

public:
    explicit ReasonCommands(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand.
    int run(const QStringList &arguments);
    static QString usage();
    // Whether the subcommand changes anything (for the role check): all but list and a
    // ticket-pattern without a value.
    static bool changes(const QStringList &arguments);

private:
    int list(const QStringList &arguments);
    int add(const QStringList &arguments);
    int change(const QStringList &arguments);
    int retire(const QStringList &arguments);
    int ticketPattern(const QStringList &arguments);
    // Parses a subcommand's arguments and its one CODE; -1 to go on, else the exit status.
    int withCode(const QStringList &arguments, CommandParser &parser, QString &code);

    CliContext &m_context;
};
