#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `audit anchor --out FILE` (the newest event and its hash, for verify --anchor) and
// `audit report --user ID [--since DATE] [--until DATE] --out FILE.pdf|FILE.csv`.
class AuditCommands final
{
    Q_DECLARE_TR_FUNCTIONS(AuditCommands)

public:
    explicit AuditCommands(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand: anchor or report.
    int run(const QStringList &arguments);
    static QString usage();

    // Whether these command-line arguments write a PDF, which needs a QGuiApplication (fonts)
    // rather than a QCoreApplication; sets the offscreen platform when there is no display.
    // Called by main() before the application object exists.
    static bool needsGui(int argc, char *argv[]);

private:
    int anchor(const QStringList &arguments);
    int report(const QStringList &arguments);

    CliContext &m_context;
};
