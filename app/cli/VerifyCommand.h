#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `verify [--repair]`: the audit log's hash chain and every user's cached total; exit status 1
// when either is wrong. --repair first sets drifted totals from the sum (audited).
class VerifyCommand final
{
    Q_DECLARE_TR_FUNCTIONS(VerifyCommand)

public:
    explicit VerifyCommand(CliContext &context) : m_context(context) { }

    int run(const QStringList &arguments);

private:
    CliContext &m_context;
};
