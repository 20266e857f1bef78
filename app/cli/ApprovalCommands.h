#pragma once

#include "core/ledger/Ledger.h"

#include <QCoreApplication>
#include <QStringList>

class CliContext;
class Database;

// `pending list`, `pending approve`, `pending reject` and `pending threshold`: the adjustments
// held for a second person's approval, and the threshold above which an adjustment is held.
class ApprovalCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalCommands)

public:
    explicit ApprovalCommands(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand.
    int run(const QStringList &arguments);
    static QString usage();
    // What `adjust` prints when its adjustment was held for approval instead of applied.
    int printHeld(Database &db, const LedgerChange &change);

private:
    int list(const QStringList &arguments);
    int approve(const QStringList &arguments);
    int reject(const QStringList &arguments);
    int threshold(const QStringList &arguments);

    CliContext &m_context;
};
