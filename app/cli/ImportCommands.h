#pragma once

#include "core/import/BatchImporter.h"

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `import-legacy` and `adjust-bulk`: batches from a CSV file (or, for legacy totals, from
// "UserProfile"), with --dry-run, progress on a terminal, Ctrl+C to cancel, and a report that
// lists every problem with its line.
class ImportCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ImportCommands)

public:
    explicit ImportCommands(CliContext &context) : m_context(context) { }

    int importLegacy(const QStringList &arguments);
    int adjustBulk(const QStringList &arguments);

private:
    int run(ImportKind kind, const QString &file, bool dryRun);
    int report(const ImportReport &report);

    CliContext &m_context;
};
