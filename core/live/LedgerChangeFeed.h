#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class Database;
class QSocketNotifier;
struct pg_conn;

// Notices that the ledger changed, whoever changed it: another XP Admin, the web app, a console.
// It says only that something changed; a receiver reads what (the audit log after the last seq
// it saw, the totals). How it notices depends on where the ledger lives (see docs/live.md):
//   Listening  PostgreSQL: LISTEN on the ledger's channel (LiveChannel), where XP Admin's writes
//              and the capture triggers notify; without capture it also reads the web app's
//              write counters every second (which PostgreSQL publishes within 1-10 s).
//   Polling    PostgreSQL behind a transaction pooler, which cannot pass notifications: one
//              cheap query every 2 s.
//   FileWatch  SQLite: the file's data_version, which another connection's commit changes,
//              every 250 ms.
// A lost connection is reported (problem()) and retried with a growing pause; changed() follows
// the reconnect, since something may have changed meanwhile.
class LedgerChangeFeed : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Listening, Polling, FileWatch, Stopped };

    // Opens its own connection to spec (never the caller's), in the calling thread, on start().
    explicit LedgerChangeFeed(const ConnectionSpec &spec, QObject *parent = nullptr);
    ~LedgerChangeFeed() override;

    // Connects and starts watching; an error (and Stopped) when the first connection fails.
    Status start();
    void stop();
    Mode mode() const { return m_mode; }
    // One sentence for the status bar: how changes are noticed, or that the server is awaited.
    QString modeText() const;
    // How often the database is asked (0: only notifications are waited for).
    int pollIntervalMs() const;
    // Whether the feed's connection is up (false while it waits for a lost server).
    bool isConnected() const { return m_db != nullptr; }
    // PostgreSQL: the server process of the feed's connection (0 when none), for tests.
    int backendPid() const;

Q_SIGNALS:
    void changed(); // the ledger changed (coalesced: at most a few per second)
    void modeChanged();
    void problem(const QString &text); // lost connection etc., in words; the feed keeps trying

private:
    Status connectNow();
    // Subscribes the connection to the channel, and watches its socket.
    Status listen();
    // Whether capture's triggers are there and notify the channel (PostgreSQL).
    Result<bool> captureReadable();
    void recheckCapture();
    void readSocket();
    void quietNotices();
    void drainNotifications();
    void poll();
    // The value that changes when the ledger changes: data_version, or the log's last seq and
    // the web app's write counters.
    Result<QString> readMark();
    void lose(const QString &why);
    void retry();
    void noteChange();
    void flushPending();
    void closeConnection();

    ConnectionSpec m_spec;
    QString m_displayName; // as the caller's spec names it, without the feed's application_name
    Mode m_mode = Mode::Stopped;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QSocketNotifier> m_notifier;
    pg_conn *m_listening = nullptr; // the connection whose socket m_notifier watches
    bool m_countersPolled = true; // without capture (or its records to read), the write counters are polled
    QString m_mark;
    QTimer m_pollTimer;
    QTimer m_retryTimer;
    QTimer m_captureTimer;
    QTimer m_coalesceTimer;
    int m_retryMs = 0;
    bool m_pending = false;
};
