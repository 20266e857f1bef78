#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `password save` and `password forget`: the PostgreSQL password of --db in the system keychain.
class PasswordCommand final
{
    Q_DECLARE_TR_FUNCTIONS(PasswordCommand)

public:
    explicit PasswordCommand(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand: save or forget.
    int run(const QStringList &arguments);
    static QString usage();

private:
    int save();
    int forget();

    CliContext &m_context;
};
