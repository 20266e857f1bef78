#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `user find`, `user show` and `user add`.
class UserCommands final
{
    Q_DECLARE_TR_FUNCTIONS(UserCommands)

public:
    explicit UserCommands(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand: find, show or add.
    int run(const QStringList &arguments);
    static QString usage();

private:
    int add(const QStringList &arguments);
    int show(const QStringList &arguments);
    int find(const QStringList &arguments);

    CliContext &m_context;
};
