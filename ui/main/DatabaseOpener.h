#pragma once

#include "core/db/ConnectionSpec.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class LedgerSession;
class MainWindow;

// Opens a ledger database for the main window: asks for a file or a server when told to,
// connects off the GUI thread (asking for a password when the server wants one), and on success
// hands the session over to the window, remembers the database, and fills a new demo database
// with demo data. A failure is shown in words and leaves the current database open.
class DatabaseOpener final : public QObject
{
    Q_OBJECT

public:
    // Takes over an opened session and shows it.
    using Install = std::function<void(std::unique_ptr<LedgerSession>)>;

    DatabaseOpener(MainWindow *window, QString operatorName, Install install);
    ~DatabaseOpener() override;

    // Opens spec (creating the database if new); with demo set, fills an empty one with demo data.
    void open(const ConnectionSpec &requested, bool demo = false);
    void newDatabase();
    void openFile();
    void connectToPostgres(const ConnectionSpec &prefill = {});
    void openRecent(const QString &location);

signals:
    // A database has been opened (ok) or could not be (not ok).
    void opened(bool ok);

private:
    void fillDemoData();

    MainWindow *m_window;
    QString m_operator;
    Install m_install;
    std::unique_ptr<LedgerSession> m_opening; // being opened, not yet shown
};
