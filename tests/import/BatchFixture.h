#pragma once

#include "tests/support/TestBackend.h"

#include "core/import/ImportReport.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

// What the import tests share: a fresh database per test, files in a temporary folder, and
// plain-SQL views of the database to compare before and after.
class BatchFixture
{
protected:
    // For the test's init() and cleanup(): a fresh database, skipped (failed under CI) without
    // the backend; Qt Test sees the skip or failure once init() returns.
    void openDatabase();
    void closeDatabase() { m_db.reset(); }
    QString writeFile(const QString &name, const QByteArray &content);
    // Every row, total and audit event, as text: equal before and after means nothing changed.
    QString everything();
    qint64 scalar(const QString &sql, const Bindings &bindings = {});
    // Imports path; a failure of the import itself (not a problem in the file) ends the test run.
    ImportReport import(ImportKind kind, const QString &path, bool dryRun);

    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;
};
