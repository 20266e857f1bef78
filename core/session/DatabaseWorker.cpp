#include "core/session/DatabaseWorker.h"

#include "core/db/Standby.h"
#include "core/session/StandbyRoute.h"

namespace {

// How long a read waits, once per write, for the standby to replay that write.
constexpr int ReplayWaitMs = 1000;

} // namespace

DatabaseWorker::DatabaseWorker(ConnectionSpec spec, QString operatorName, Database::OpenMode mode, QObject *parent)
    : QObject(parent),
      m_spec(std::move(spec)),
      m_operator(std::move(operatorName)),
      m_mode(mode),
      m_inThread(new QObject)
{
    m_thread.setObjectName(QStringLiteral("DatabaseWorker"));
    m_inThread->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_inThread, &QObject::deleteLater);
    m_thread.start();
}

DatabaseWorker::~DatabaseWorker()
{
    // Close the connection on the thread that opened it, then stop.
    QMetaObject::invokeMethod(
        m_inThread,
        [this] {
            m_standby.reset();
            m_db.reset();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void DatabaseWorker::enqueue(std::function<void()> runJob, std::function<void()> deliver)
{
    ++m_pending;
    emit pendingJobsChanged(m_pending);
    QMetaObject::invokeMethod(
        m_inThread,
        [this, runJob = std::move(runJob), deliver = std::move(deliver)]() {
            runJob();
            // A job that lost its connection reconnects by itself, maybe to another server.
            const QString server = m_db ? m_db->serverAddress() : QString();
            const bool switched = !m_server.isEmpty() && !server.isEmpty() && server != m_server;
            if (!server.isEmpty())
                m_server = server;
            const QString lost = switched ? m_db->takeLostCommitNotice() : QString();
            QMetaObject::invokeMethod(
                this,
                [this, deliver, switched, server, lost]() {
                    --m_pending;
                    emit pendingJobsChanged(m_pending);
                    if (switched)
                        emit serverChanged(server, lost);
                    deliver();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

Status DatabaseWorker::ensureOpen(Database **db)
{
    if (!m_db) {
        auto opened = Database::open(m_spec, m_operator, m_mode);
        if (!opened)
            return opened.error();
        m_db = std::move(*opened);
        m_db->waits().setLimit(m_waitLimitMs);
    }
    *db = m_db.get();
    return {};
}

void DatabaseWorker::setStandby(std::shared_ptr<StandbyRoute> route)
{
    QMetaObject::invokeMethod(
        m_inThread,
        [this, route = std::move(route)] {
            m_route = route;
            m_standby.reset();
        },
        Qt::QueuedConnection);
}

Database *DatabaseWorker::reader()
{
    if (!m_route || !m_route->isUsable())
        return nullptr;
    if (!m_standby) {
        auto opened = Database::open(m_route->spec(), m_operator, Database::OpenMode::ReadOnly);
        if (!opened) {
            m_route->setUsable(false);
            return nullptr;
        }
        m_standby = std::move(*opened);
        m_standby->waits().setLimit(m_waitLimitMs);
    }
    const QString pending = m_route->pendingWrite();
    if (pending.isEmpty())
        return m_standby.get();
    const auto replayed = m_route->firstWaitFor(pending) ? Standby::waitForReplay(*m_standby, pending, ReplayWaitMs)
                                                         : Standby::hasReplayed(*m_standby, pending);
    if (!replayed) {
        dropStandby();
        return nullptr;
    }
    if (!*replayed)
        return nullptr;
    m_route->replayed(pending);
    return m_standby.get();
}

void DatabaseWorker::dropStandby()
{
    m_standby.reset();
    if (m_route)
        m_route->setUsable(false);
}

std::optional<QDateTime> DatabaseWorker::replayTime(Database &standby)
{
    const auto replay = Standby::replay(standby);
    if (!replay)
        return std::nullopt;
    return m_route ? m_route->settle(*replay).asOf : replay->asOf;
}

void DatabaseWorker::noteWrite(Database &primary)
{
    if (!m_route || !primary.dialect().isPostgres() || primary.inTransaction())
        return;
    if (const auto position = Standby::writePosition(primary))
        m_route->noteWrite(*position);
}

void DatabaseWorker::setWaitLimit(int milliseconds)
{
    // In the queue, so a job posted before still runs with the limit it was posted under.
    QMetaObject::invokeMethod(
        m_inThread,
        [this, milliseconds] {
            m_waitLimitMs = milliseconds;
            if (m_db)
                m_db->waits().setLimit(milliseconds);
            if (m_standby)
                m_standby->waits().setLimit(milliseconds);
        },
        Qt::QueuedConnection);
}
