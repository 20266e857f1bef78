#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/CancelToken.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class Database;
class QThread;

// Watches one PostgreSQL connection from a thread of its own while a statement of it runs: once
// the statement has waited a moment for a lock, asks the server on a second connection who holds
// it (pg_blocking_pids, pg_stat_activity) and reports that every few seconds; when the person
// cancels, cancels the statement (pg_cancel_backend), so a wait for a lock ends at once.
class LockWatcher final
{
    Q_DECLARE_TR_FUNCTIONS(LockWatcher)

public:
    using Report = std::function<void(const QString &text)>;

    LockWatcher(ConnectionSpec spec, qint64 backendPid, std::optional<CancelToken> cancel, Report report);
    ~LockWatcher();
    LockWatcher(const LockWatcher &) = delete;
    LockWatcher &operator=(const LockWatcher &) = delete;

    void setCancelToken(std::optional<CancelToken> cancel);
    void setBackendPid(qint64 pid);
    void arm();
    void disarm();
    // What the statement waited for when last asked ("a lock on "UserProfile" held by process
    // 4242 (psql, user app)"); empty when it waited for nothing.
    QString lastWaitFor() const;
    // A new operation begins: what an earlier one waited for no longer applies.
    void forget();

private:
    using Clock = std::chrono::steady_clock;

    void run();
    // Asks the server what the connection waits for; empty when nothing.
    QString ask(std::unique_ptr<Database> &probe, qint64 pid);
    void cancelStatement(std::unique_ptr<Database> &probe, qint64 pid);
    bool openProbe(std::unique_ptr<Database> &probe);

    const ConnectionSpec m_spec;
    const Report m_report;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    qint64 m_pid;
    std::optional<CancelToken> m_cancel;
    bool m_stop = false;
    bool m_armed = false;
    bool m_idle = false; // the thread waits for the next arm()
    quint64 m_generation = 0; // one per arm()
    Clock::time_point m_armedAt;
    QString m_lastWaitFor;
    std::unique_ptr<QThread> m_thread;
};
