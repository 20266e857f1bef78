#pragma once

#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// The commands that change the ledger: award, adjust, rollback, delete-source, restore, recalc.
// Each checks its input before it opens anything, runs one ledger operation, and prints the
// transaction ids and each affected user's new total.
class LedgerCommands final
{
    Q_DECLARE_TR_FUNCTIONS(LedgerCommands)

public:
    explicit LedgerCommands(CliContext &context) : m_context(context) { }

    int award(const QStringList &arguments);
    int adjust(const QStringList &arguments);
    int rollback(const QStringList &arguments);
    int deleteSource(const QStringList &arguments);
    int restore(const QStringList &arguments);
    int recalc(const QStringList &arguments);

private:
    // Opens the ledger for writing and runs operation on it; prints what it did.
    int change(const QString &action, const QString &headline,
               const std::function<Result<LedgerChange>(Ledger &)> &operation);
    int recalcAll(Ledger &ledger);

    CliContext &m_context;
};
