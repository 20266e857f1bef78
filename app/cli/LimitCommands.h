#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `limits show` and `limits set`: the most XP one adjustment may move and the most one person
// may move in a day, per role and per person (core/limits). Above a limit an adjustment waits
// for approval. On PostgreSQL a person is the database login; on SQLite the operator (--actor).
class LimitCommands final
{
    Q_DECLARE_TR_FUNCTIONS(LimitCommands)

public:
    explicit LimitCommands(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand.
    int run(const QStringList &arguments);
    static QString usage();

private:
    int show(const QStringList &arguments);
    int set(const QStringList &arguments);

    CliContext &m_context;
};
