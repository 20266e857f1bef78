#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <optional>

class CliContext;

// `capture install | remove | status`: capture of changes made outside XP Admin (PostgreSQL).
// install and remove need the owner of the web app's tables (they put triggers on them); status
// any role, --json for scripts.
class CaptureCommands final
{
    Q_DECLARE_TR_FUNCTIONS(CaptureCommands)

public:
    explicit CaptureCommands(CliContext &context) : m_context(context) { }

    int run(const QStringList &arguments);

private:
    static QString usage();
    // Refuses SQLite with a sentence; exit status when refused.
    std::optional<int> refuseSqlite();
    int install(const QStringList &arguments);
    int remove(const QStringList &arguments);
    int status(const QStringList &arguments);

    CliContext &m_context;
};
