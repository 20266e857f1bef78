#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `verify [--repair] [--anchor FILE]`: the audit log's hash chain and every user's cached total;
// exit status 1 when either is wrong. --repair first sets drifted totals from the sum (audited).
// --anchor also checks the event an earlier `audit anchor` recorded, so a removed tail is found.
class VerifyCommand final
{
    Q_DECLARE_TR_FUNCTIONS(VerifyCommand)

public:
    explicit VerifyCommand(CliContext &context) : m_context(context) { }

    int run(const QStringList &arguments);

private:
    CliContext &m_context;
};
