#pragma once

#include "core/db/ConnectionSpec.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

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

    // Opens spec. A database without a ledger gets one after asking (naming another
    // application's tables it holds); create makes a new file, and a ledger in it without asking
    // unless it holds such tables (New Ledger, the window's own and demo databases). With demo
    // set, fills an empty one with demo data. The heavy reading goes to readStandby when given
    // (xpadmin --read-db, not kept), else to the standby the connection dialog kept for it.
    void open(const ConnectionSpec &requested, bool demo = false, bool create = false,
              const std::optional<ConnectionSpec> &readStandby = std::nullopt);
    void newDatabase();
    void openFile();
    void connectToPostgres(const ConnectionSpec &prefill = {});
    void openRecent(const QString &location);

signals:
    // A database has been opened (ok) or could not be (not ok).
    void opened(bool ok);

private:
    void fillDemoData();
    // The opened database has no ledger: asks (unless created now and empty), then makes one.
    void createLedger(const ConnectionSpec &spec, bool demo, bool create);
    void install(const ConnectionSpec &spec, bool demo);
    void fail(const QString &problem);

    MainWindow *m_window;
    QString m_operator;
    Install m_install;
    std::unique_ptr<LedgerSession> m_opening; // being opened, not yet shown
};
