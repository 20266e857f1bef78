#pragma once

#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// What the tests of the CLI commands share: a fresh database per test that the built
// xpadmin-cli runs against, the command lines they build, and what a user could see of the
// ledger to compare before and after.
class CliFixture
{
protected:
    // For initTestCase(): the built program is where the build put it.
    static void requireProgram();
    // For the test's init() and cleanup(): a fresh database, skipped (failed under CI) without
    // the backend; Qt Test sees the skip or failure once init() returns.
    void openDatabase();
    void closeDatabase();

    // `award` of amount to user, with the options every award here shares.
    static QStringList award(const QString &user, const QString &amount, const QString &sourceId,
                             const QString &description);
    static QStringList userAdd(const QString &id);

    // Every row of every table, read with plain SQL (TestBackend::contentDigest).
    QString snapshot();
    void exec(const QString &sql, const Bindings &bindings = {});
    static QString transactionId(const CliRunner::Run &run);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    CliRunner m_cli;
};
