#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/CancelToken.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class Database;
class LockWatcher;
class QSqlError;

// How long one connection's operations wait for locks that others hold, whether the person has
// cancelled, and who is told what the connection waits for. One operation (a transaction with
// every attempt it is retried, or a statement outside one) waits at most limit() in all.
// SQLite waits in a busy handler on the connection's own thread; PostgreSQL waits in the server
// (lock_timeout), while a watcher thread names the holder and cancels the wait on request.
class LockWaits final
{
    Q_DECLARE_TR_FUNCTIONS(LockWaits)

public:
    // Told, from any thread, what the connection waits for; an empty text once it no longer does.
    using Observer = std::function<void(const QString &text)>;
    static constexpr int DefaultLimitMs = 20000;

    explicit LockWaits(ConnectionSpec spec);
    ~LockWaits();
    LockWaits(const LockWaits &) = delete;
    LockWaits &operator=(const LockWaits &) = delete;

    void setLimit(int milliseconds);
    int limit() const;
    void setCancelToken(std::optional<CancelToken> token);
    bool cancelled() const;
    void setObserver(Observer observer);

    // Bounds the waits of db's newly opened connection, before anything else runs on it:
    // SQLite's busy handler, PostgreSQL's lock_timeout for the session (and its server process,
    // for the watcher).
    Status attach(Database &db);
    // The statement that opens a transaction, with PostgreSQL's lock_timeout for it.
    QString beginStatement(const QString &begin, int lockTimeoutMs) const;

    // The first attempt of an operation begins; the budget is full again.
    void beginOperation();
    void endOperation();
    // What is left of the budget, at least 1 ms (PostgreSQL's lock_timeout of 0 would mean none).
    int remainingMs() const;
    // After an attempt that failed on contention (error), which took attemptMs with
    // lockTimeoutMs left: counts its wait; true when nothing is left to try again with.
    bool spent(const QSqlError &error, qint64 attemptMs, int lockTimeoutMs);
    // The error says the wait for a lock ran out (not a deadlock or a serialization failure).
    bool isLockTimeout(const QSqlError &error) const;
    // Around every statement: one outside an operation is an operation of its own.
    void statementStarts()
    {
        if (!m_inOperation)
            arm();
    }
    void statementEnds()
    {
        if (!m_inOperation)
            disarm();
    }

    // A statement outside an operation failed with error: the wait-limit error when it ran out.
    std::optional<Error> gaveUp(const QSqlError &error);
    // Tells the observer of another wait than for a lock (a server to reconnect to); empty once
    // the connection no longer waits.
    void tell(const QString &text) { report(text); }
    // "Waited 20 s for a lock on "UserProfile" held by ...; nothing was changed."
    Error timeoutError() const;
    Error cancelledError() const;

private:
    // The watcher (PostgreSQL) watches from arm() to disarm().
    void arm();
    void disarm();
    static int busyHandler(void *self, int count);
    int onBusy(int count);
    void report(const QString &text);
    bool watching() const;

    const ConnectionSpec m_spec;
    Database *m_db = nullptr; // the connection's owner, once attached
    int m_limitMs = DefaultLimitMs;
    std::optional<CancelToken> m_cancel;
    mutable std::mutex m_observerMutex;
    Observer m_observer;
    bool m_reported = false; // a wait was told and its end not yet

    // The budget of the running operation, touched only on the connection's thread.
    bool m_inOperation = false;
    qint64 m_waitedMs = 0;
    QElapsedTimer m_episode; // SQLite: the busy wait under way
    qint64 m_episodeMs = 0;
    qint64 m_nextReportMs = 0;

    qint64 m_backendPid = 0;
    std::unique_ptr<LockWatcher> m_watcher; // PostgreSQL, while someone listens or may cancel
};
