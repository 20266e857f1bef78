#include "core/session/DatabaseWorker.h"

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
        m_inThread, [this] { m_db.reset(); }, Qt::BlockingQueuedConnection);
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

void DatabaseWorker::setWaitLimit(int milliseconds)
{
    // In the queue, so a job posted before still runs with the limit it was posted under.
    QMetaObject::invokeMethod(
        m_inThread,
        [this, milliseconds] {
            m_waitLimitMs = milliseconds;
            if (m_db)
                m_db->waits().setLimit(milliseconds);
        },
        Qt::QueuedConnection);
}
