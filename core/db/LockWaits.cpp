#include "core/db/LockWaits.h"

#include "core/db/Database.h"
#include "core/db/LockWatcher.h"

#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <array>

namespace {

// A wait is told once it has lasted a moment, then again every few seconds.
constexpr qint64 ReportAfterMs = 1000;
constexpr qint64 ReportEveryMs = 3000;

// The steps SQLite's own busy timeout sleeps, so a short wait stays short.
constexpr std::array<int, 12> SqliteSleepsMs{1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

QString seconds(qint64 milliseconds)
{
    return QString::number((milliseconds + 500) / 1000);
}

} // namespace

LockWaits::LockWaits(ConnectionSpec spec) : m_spec(std::move(spec)) { }

LockWaits::~LockWaits() = default;

void LockWaits::setLimit(int milliseconds)
{
    m_limitMs = std::max(0, milliseconds);
    if (m_db && m_db->dialect().isPostgres())
        static_cast<void>(attach(*m_db)); // the session's lock_timeout
}

int LockWaits::limit() const
{
    return m_limitMs;
}

void LockWaits::setCancelToken(std::optional<CancelToken> token)
{
    m_cancel = token;
    if (m_watcher)
        m_watcher->setCancelToken(std::move(token));
}

bool LockWaits::cancelled() const
{
    return m_cancel && m_cancel->isCancelled();
}

void LockWaits::setObserver(Observer observer)
{
    const std::lock_guard lock(m_observerMutex);
    m_observer = std::move(observer);
    m_reported = false;
}

bool LockWaits::watching() const
{
    const std::lock_guard lock(m_observerMutex);
    return m_observer || m_cancel;
}

void LockWaits::report(const QString &text)
{
    const std::lock_guard lock(m_observerMutex);
    if (text.isEmpty() && !m_reported)
        return;
    m_reported = !text.isEmpty();
    if (m_observer)
        m_observer(text);
}

Status LockWaits::attach(Database &db)
{
    m_db = &db;
    if (!db.dialect().isPostgres()) {
        if (sqlite3 *handle = db.sqliteHandle())
            sqlite3_busy_handler(handle, &LockWaits::busyHandler, this);
        return {};
    }
    // Its server process is what the watcher asks about. The limit is no setting of the session
    // (a pooler would pass it to other clients): Database sets it for each transaction.
    auto rows = db.run(QStringLiteral("SELECT pg_backend_pid()"));
    if (!rows)
        return rows.error();
    if (rows->next()) {
        m_backendPid = rows->integer(0);
        if (m_watcher)
            m_watcher->setBackendPid(m_backendPid);
    }
    return {};
}

QString LockWaits::beginStatement(const QString &begin, int lockTimeoutMs) const
{
    if (m_spec.backend != ConnectionSpec::Backend::Postgres)
        return begin;
    // Sent with BEGIN, in one round trip; a number of our own, so nothing to bind.
    return begin + QStringLiteral("; SET LOCAL lock_timeout = ") + QString::number(lockTimeoutMs);
}

void LockWaits::beginOperation()
{
    m_inOperation = true;
    m_waitedMs = 0;
    if (m_watcher)
        m_watcher->forget();
    arm();
}

void LockWaits::endOperation()
{
    m_inOperation = false;
    disarm();
}

int LockWaits::remainingMs() const
{
    return static_cast<int>(std::max<qint64>(1, m_limitMs - m_waitedMs));
}

bool LockWaits::isLockTimeout(const QSqlError &error) const
{
    // SQLite: busy or locked, once the busy handler gave up. PostgreSQL: lock_not_available.
    return m_spec.backend != ConnectionSpec::Backend::Postgres || error.nativeErrorCode() == QLatin1String("55P03");
}

bool LockWaits::spent(const QSqlError &error, qint64 attemptMs, int lockTimeoutMs)
{
    // SQLite's busy handler has counted its waits itself.
    if (m_spec.backend == ConnectionSpec::Backend::Postgres)
        m_waitedMs += isLockTimeout(error) ? lockTimeoutMs : std::min<qint64>(attemptMs, lockTimeoutMs);
    return m_waitedMs >= m_limitMs;
}

void LockWaits::arm()
{
    if (m_spec.backend != ConnectionSpec::Backend::Postgres)
        return;
    if (!m_watcher && m_backendPid > 0 && watching())
        m_watcher = std::make_unique<LockWatcher>(m_spec, m_backendPid, m_cancel,
                                                  [this](const QString &text) { report(text); });
    if (m_watcher)
        m_watcher->arm();
}

void LockWaits::disarm()
{
    if (m_watcher)
        m_watcher->disarm();
    if (m_episode.isValid()) {
        m_waitedMs += m_episodeMs; // a busy wait that ended with the lock taken
        m_episode.invalidate();
    }
    if (!m_inOperation)
        report({});
}

int LockWaits::busyHandler(void *self, int count)
{
    return static_cast<LockWaits *>(self)->onBusy(count);
}

int LockWaits::onBusy(int count)
{
    if (count == 0 || !m_episode.isValid()) {
        if (m_episode.isValid())
            m_waitedMs += m_episodeMs; // the wait before this one ended with the lock taken
        m_episode.start();
        m_nextReportMs = ReportAfterMs;
        if (!m_inOperation)
            m_waitedMs = 0;
    }
    m_episodeMs = m_episode.elapsed();
    const qint64 left = m_limitMs - (m_waitedMs + m_episodeMs);
    if (cancelled() || left <= 0) {
        m_waitedMs += m_episodeMs;
        m_episode.invalidate();
        return 0; // SQLITE_BUSY: the statement fails and nothing of the transaction is kept
    }
    if (m_episodeMs >= m_nextReportMs) {
        report(tr("Waiting for another program writing to %1 since %2 s").arg(m_spec.path, seconds(m_episodeMs)));
        m_nextReportMs += ReportEveryMs;
    }
    const int step = SqliteSleepsMs.at(std::min<std::size_t>(count, SqliteSleepsMs.size() - 1));
    QThread::msleep(static_cast<unsigned long>(std::min<qint64>(step, left)));
    return 1;
}

std::optional<Error> LockWaits::gaveUp(const QSqlError &error)
{
    if (m_inOperation || error.type() == QSqlError::NoError)
        return std::nullopt; // the transaction decides, after its retries
    if (m_spec.backend == ConnectionSpec::Backend::Postgres) {
        if (!isLockTimeout(error))
            return std::nullopt;
        m_waitedMs = m_limitMs; // the session's lock_timeout ran out
        return timeoutError();
    }
    bool ok = false;
    const int primary = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok || primary != SQLITE_BUSY || m_waitedMs < m_limitMs)
        return std::nullopt;
    return timeoutError();
}

Error LockWaits::timeoutError() const
{
    QString what;
    if (m_spec.backend != ConnectionSpec::Backend::Postgres)
        what = tr("another program writing to %1").arg(m_spec.path);
    else if (m_watcher)
        what = m_watcher->lastWaitFor();
    if (what.isEmpty())
        what = tr("a lock held by another connection");
    return Error::database(
        tr("Gave up after waiting %1 s for %2; nothing was changed.").arg(seconds(m_waitedMs), what));
}

Error LockWaits::cancelledError() const
{
    return Error::cancelled(tr("The operation was cancelled; nothing was changed."));
}
