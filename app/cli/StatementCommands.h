#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// A user's statement over a period (statement), and what changed in the ledger between two
// moments (diff).
class StatementCommands final
{
    Q_DECLARE_TR_FUNCTIONS(StatementCommands)

public:
    explicit StatementCommands(CliContext &context) : m_context(context) { }

    int statement(const QStringList &arguments);
    int diff(const QStringList &arguments);

private:
    CliContext &m_context;
};
