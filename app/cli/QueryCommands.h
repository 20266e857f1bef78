#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;
class CommandParser;

// The read-only queries: history (streamed page by page) and totals (grouped in SQL).
class QueryCommands final
{
    Q_DECLARE_TR_FUNCTIONS(QueryCommands)

public:
    explicit QueryCommands(CliContext &context) : m_context(context) { }

    int history(const QStringList &arguments);
    int totals(const QStringList &arguments);

private:
    int chartTotals(const CommandParser &parser);

    CliContext &m_context;
};
