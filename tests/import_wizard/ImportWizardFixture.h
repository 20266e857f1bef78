#pragma once

#include "tests/support/TestBackend.h"

#include "core/session/LedgerSession.h"

#include <QString>
#include <QTemporaryDir>
#include <QWidget>

#include <memory>

class ImportWizard;

// What the tests of File > Import share: a fresh database per test with users alice and bob, a
// session and a window over it, and the hands of a support person on the wizard (choose a kind
// and a file, press Next, read a label), with independent SQL to check the database.
class ImportWizardFixture
{
protected:
    // For initTestCase(): English numbers, settings of the tests' own, a folder for the files.
    void setUpApplication();
    // For the test's init() and cleanup(): a fresh database, skipped (failed under CI) without
    // the backend; Qt Test sees the skip or failure once init() returns. Closing checks every
    // user's total against their rows.
    void openDatabase();
    void closeDatabase();

    QString writeFile(const QString &name, const QByteArray &content);
    ImportWizard *openWizard();
    void choose(ImportWizard *wizard, const QString &kindButton, const QString &path);
    void clickNext(ImportWizard *wizard);
    // Runs a wizard from the summary page to the result page, by mouse.
    void importFromSummary(ImportWizard *wizard);
    // Counts and sums that change with any write.
    QString snapshot();
    qint64 scalar(const QString &sql, const Bindings &bindings = {});
    QString messageText(ImportWizard *wizard, const QString &name);
    QString labelText(ImportWizard *wizard, const QString &name);
    // With XPADMIN_IMPORT_SCREENSHOTS=DIR, a picture of the wizard as it is now.
    void snap(ImportWizard *wizard, const QString &name);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<QWidget> m_window;
    QTemporaryDir m_dir;
};
