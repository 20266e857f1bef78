#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"
#include "core/db/Job.h"
#include "core/db/LockWaits.h"
#include "core/domain/CancelToken.h"
#include "core/domain/Result.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

// A thread with its own database connection. The GUI posts jobs; each job runs on the worker
// thread, in the order posted, and its result is handed back on the GUI thread to a callback
// that is dropped if its context object has gone. The window never waits on the database.
class DatabaseWorker final : public QObject
{
    Q_OBJECT

public:
    DatabaseWorker(ConnectionSpec spec, QString operatorName, Database::OpenMode mode = Database::OpenMode::ReadWrite,
                   QObject *parent = nullptr);
    ~DatabaseWorker() override;

    const ConnectionSpec &spec() const { return m_spec; }
    QString operatorName() const { return m_operator; }
    int pendingJobs() const { return m_pending; }

    // Runs job(Database &) -> Result<T> on the worker thread; then done(Result<T>) on this
    // object's thread, if context still exists.
    template<typename T>
    void post(QObject *context, Job<T> job, std::function<void(const Result<T> &)> done)
    {
        auto result = std::make_shared<std::optional<Result<T>>>();
        auto runJob = [this, job = std::move(job), result]() {
            Database *db = nullptr;
            const Status opened = ensureOpen(&db);
            if (!opened)
                result->emplace(opened.error());
            else
                result->emplace(job(*db));
        };
        auto deliver = [guard = QPointer<QObject>(context), done = std::move(done), result]() {
            if (guard)
                done(**result);
        };
        enqueue(std::move(runJob), std::move(deliver));
    }

    // As post(); while job runs, cancel ends its waits for locks and keeps it from committing,
    // and waiting hears, on the worker thread, what it waits for (LockWaits).
    template<typename T>
    void post(QObject *context, Job<T> job, CancelToken cancel, LockWaits::Observer waiting,
              std::function<void(const Result<T> &)> done)
    {
        Job<T> watched = [job = std::move(job), cancel, waiting = std::move(waiting)](Database &db) {
            db.waits().setCancelToken(cancel);
            db.waits().setObserver(waiting);
            Result<T> result = job(db);
            db.waits().setObserver({});
            db.waits().setCancelToken(std::nullopt);
            return result;
        };
        post<T>(context, std::move(watched), std::move(done));
    }

    // How long the jobs posted from now on wait for locks others hold (LockWaits).
    void setWaitLimit(int milliseconds);

signals:
    // The number of jobs waiting or running changed (for a busy indicator).
    void pendingJobsChanged(int pending);
    // The connection was lost and found again on another server (a standby promoted in the
    // primary's place): its address, "host:port", and when the last change committed on the old
    // server did not reach it, a notice that says so (Database::takeLostCommitNotice).
    void serverChanged(const QString &address, const QString &lostCommit);

private:
    void enqueue(std::function<void()> runJob, std::function<void()> deliver);
    Status ensureOpen(Database **db); // worker thread only

    ConnectionSpec m_spec;
    QString m_operator;
    Database::OpenMode m_mode;
    QThread m_thread;
    QObject *m_inThread = nullptr; // lives in m_thread; jobs are queued to it
    std::unique_ptr<Database> m_db; // touched only on m_thread
    int m_waitLimitMs = LockWaits::DefaultLimitMs; // touched only on m_thread
    QString m_server; // the server the connection reached last; touched only on m_thread
    int m_pending = 0; // touched only on this object's thread
};
