#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;
class CommandParser;
struct HistoryFilter;

// The read-only queries: history (streamed page by page, or written to CSV) and totals (grouped
// in SQL).
class QueryCommands final
{
    Q_DECLARE_TR_FUNCTIONS(QueryCommands)

public:
    explicit QueryCommands(CliContext &context) : m_context(context) { }

    int history(const QStringList &arguments);
    int totals(const QStringList &arguments);

private:
    int chartTotals(const CommandParser &parser);
    int exportHistory(const CommandParser &parser, const HistoryFilter &filter);

    CliContext &m_context;
};
