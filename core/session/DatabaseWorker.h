#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"
#include "core/db/Job.h"
#include "core/db/LockWaits.h"
#include "core/domain/CancelToken.h"
#include "core/domain/Result.h"
#include "core/session/ReadSource.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

class StandbyRoute;

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
            if (!opened) {
                result->emplace(opened.error());
                return;
            }
            result->emplace(job(*db));
            noteWrite(*db);
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
        post<T>(context, watched(std::move(job), std::move(cancel), std::move(waiting)), std::move(done));
    }

    // As post(), for a job that only reads and may read a little in the past: it runs on the
    // standby (setStandby) when the route allows, else on the primary like any other job.
    // Everything that writes, and every read that decides a write, goes through post().
    template<typename T>
    void postRead(QObject *context, Job<T> job, std::function<void(const Result<T> &)> done)
    {
        postReadFrom<T>(context, std::move(job), false,
                        [done = std::move(done)](const Result<T> &result, const ReadSource &) { done(result); });
    }

    // As postRead(); done also hears where the job read, and on the standby as of when, for a
    // view that shows figures to say so.
    template<typename T>
    void postRead(QObject *context, Job<T> job, std::function<void(const Result<T> &, const ReadSource &)> done)
    {
        postReadFrom<T>(context, std::move(job), true, std::move(done));
    }

    // As postRead(), with cancel and waiting as in post().
    template<typename T>
    void postRead(QObject *context, Job<T> job, CancelToken cancel, LockWaits::Observer waiting,
                  std::function<void(const Result<T> &)> done)
    {
        postRead<T>(context, watched(std::move(job), std::move(cancel), std::move(waiting)), std::move(done));
    }

    // Lets postRead() read on a standby from now on (shared by a session's workers).
    void setStandby(std::shared_ptr<StandbyRoute> route);

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
    template<typename T>
    void postReadFrom(QObject *context, Job<T> job, bool askAsOf,
                      std::function<void(const Result<T> &, const ReadSource &)> done)
    {
        auto result = std::make_shared<std::optional<Result<T>>>();
        auto source = std::make_shared<ReadSource>();
        auto runJob = [this, job = std::move(job), askAsOf, result, source]() {
            Database *db = nullptr;
            const Status opened = ensureOpen(&db);
            if (!opened) {
                result->emplace(opened.error());
                return;
            }
            if (Database *standby = reader()) {
                // Asked before the job reads: its figures hold at least what was replayed by then.
                const auto asOf = askAsOf ? replayTime(*standby) : std::optional<QDateTime>(QDateTime());
                if (asOf) {
                    Result<T> read = job(*standby);
                    // The standby failed (gone, or a query cancelled by its replay): the primary answers.
                    if (read || read.error().kind != Error::Kind::Database) {
                        *source = ReadSource{true, *asOf};
                        result->emplace(std::move(read));
                        return;
                    }
                }
                dropStandby();
            }
            result->emplace(job(*db));
        };
        auto deliver = [guard = QPointer<QObject>(context), done = std::move(done), result, source]() {
            if (guard)
                done(**result, *source);
        };
        enqueue(std::move(runJob), std::move(deliver));
    }

    template<typename T>
    static Job<T> watched(Job<T> job, CancelToken cancel, LockWaits::Observer waiting)
    {
        return [job = std::move(job), cancel, waiting = std::move(waiting)](Database &db) {
            db.waits().setCancelToken(cancel);
            db.waits().setObserver(waiting);
            Result<T> result = job(db);
            db.waits().setObserver({});
            db.waits().setCancelToken(std::nullopt);
            return result;
        };
    }
    void enqueue(std::function<void()> runJob, std::function<void()> deliver);
    Status ensureOpen(Database **db); // worker thread only
    // The standby's connection when the route allows reading there now; else null. Worker thread.
    Database *reader();
    void dropStandby();
    // The time the standby's figures are of (Standby::replay); nothing when it cannot say.
    std::optional<QDateTime> replayTime(Database &standby);
    // After a job on the primary: where its log ends, which the standby must reach before the
    // session reads there again. Worker thread.
    void noteWrite(Database &primary);

    ConnectionSpec m_spec;
    QString m_operator;
    Database::OpenMode m_mode;
    QThread m_thread;
    QObject *m_inThread = nullptr; // lives in m_thread; jobs are queued to it
    std::unique_ptr<Database> m_db; // touched only on m_thread
    std::shared_ptr<StandbyRoute> m_route; // touched only on m_thread
    std::unique_ptr<Database> m_standby; // touched only on m_thread
    int m_waitLimitMs = LockWaits::DefaultLimitMs; // touched only on m_thread
    QString m_server; // the server the connection reached last; touched only on m_thread
    int m_pending = 0; // touched only on this object's thread
};
