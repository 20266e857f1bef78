#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// `period close`, `period reopen` and `period list`: the closed period of the ledger
// (core/periods). close and reopen are an admin's, take --until DAY and --reason, and print the
// close as `period list` prints one; with --json each close or reopen is an object with the keys
// id, kind, until, boundary, actor, operator, at, reason, users, sum, digest, auditSeq.
class PeriodCommands final
{
    Q_DECLARE_TR_FUNCTIONS(PeriodCommands)

public:
    explicit PeriodCommands(CliContext &context) : m_context(context) { }

    // arguments start with the subcommand.
    int run(const QStringList &arguments);
    static QString usage();

private:
    int change(const QString &sub, const QStringList &arguments);
    int list(const QStringList &arguments);

    CliContext &m_context;
};
