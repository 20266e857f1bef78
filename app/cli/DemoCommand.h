#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `demo`: fills the ledger with realistic sample data, with progress on a terminal and a clean
// cancel on Ctrl+C (the generator rolls back; nothing is kept).
class DemoCommand final
{
    Q_DECLARE_TR_FUNCTIONS(DemoCommand)

public:
    explicit DemoCommand(CliContext &context) : m_context(context) { }

    int run(const QStringList &arguments);

private:
    CliContext &m_context;
};
