#include "core/db/Database.h"

#include "core/db/LockWaits.h"
#include "core/db/PostgresConnection.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSqlError>
#include <QThread>

#ifdef XPADMIN_HAVE_LIBPQ
#include <libpq-fe.h>
#endif

// Database, continued: finding a server again after the connection was lost (a restart, or a
// standby promoted in the primary's place), and knowing which server the connection reached.

namespace {

// How long a connection to several hosts waits for one that takes writes: a failover manager
// notices a dead primary and promotes a standby within this, in the usual settings.
constexpr int FailoverWaitMs = 30000;
constexpr qint64 ReportEveryMs = 2000;
constexpr unsigned long RetryEveryMs = 250;

// Several hosts (libpq tries them in order), or a request for a primary among them: a lost
// connection is worth waiting for, as another server may take over.
bool hasSeveralHosts(const ConnectionSpec &spec)
{
    if (spec.host.contains(QLatin1Char(',')))
        return true;
    const QStringList options = spec.options.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &option : options) {
        const QString key = option.section(QLatin1Char('='), 0, 0).trimmed();
        const QString value = option.section(QLatin1Char('='), 1);
        if (key == QLatin1String("target_session_attrs") || key == QLatin1String("service"))
            return true;
        if ((key == QLatin1String("host") || key == QLatin1String("hostaddr") || key == QLatin1String("port"))
            && value.contains(QLatin1Char(',')))
            return true;
    }
    return false;
}

// Whether the server closed the connection since its last statement (it died, or a failover
// manager cut it): a look at what arrived on the socket, without waiting for anything.
bool closedByServer(pg_conn *connection)
{
#ifdef XPADMIN_HAVE_LIBPQ
    if (!connection || PQstatus(connection) != CONNECTION_OK || PQisBusy(connection))
        return connection && PQstatus(connection) == CONNECTION_BAD;
    // A backend told to end says so first (FATAL) and closes after: the end is the next read.
    for (int read = 0; read < 3; ++read) {
        if (PQconsumeInput(connection) == 0 || PQstatus(connection) == CONNECTION_BAD)
            return true;
    }
    return false;
#else
    Q_UNUSED(connection)
    return false;
#endif
}

} // namespace

int Database::reconnectWait() const
{
    if (m_reconnectWaitMs >= 0)
        return m_reconnectWaitMs;
    return m_dialect.isPostgres() && hasSeveralHosts(m_spec) ? FailoverWaitMs : 0;
}

bool Database::isOpen() const
{
    return m_postgres || m_db.isOpen();
}

void Database::closeConnection()
{
    finishStatements();
    m_statements.clear();
    finalizeScans();
    m_streaming.reset();
    dropUnsent();
    PostgresConnection::close(std::exchange(m_postgres, nullptr));
    m_db.close();
}

Status Database::reconnect()
{
    // Closed first, so the statements do not try to free themselves on the dead connection.
    finishStatements();
    m_statements.clear();
    finalizeScans();
    if (m_dialect.isPostgres()) {
        attachPostgres();
        if (!isOpen())
            return Error::database(
                tr("Cannot reconnect to %1: %2").arg(m_spec.displayName(), m_lastError.text().trimmed()));
    } else {
        m_db.close();
        if (!m_db.open())
            return Error::database(
                tr("Cannot reconnect to %1: %2").arg(m_spec.displayName(), m_db.lastError().text().trimmed()));
    }
    if (const Status bounded = m_waits->attach(*this); !bounded)
        return bounded;
    if (m_dialect.isPostgres())
        m_readOnlyReason.clear(); // the server may be another one now: it says again
    if (const Status configured = configureSession(); !configured)
        return configured;
    return identifyServer();
}

Status Database::reopenIfClosed()
{
    // Between transactions: a reconnect that failed (the server was down) left the connection
    // closed, or the server closed it since. Connected again now, so that the statement about to
    // run does not fail on a connection known to be gone.
    if (m_inTransaction || hasOpenStatement())
        return {};
    if (isOpen() && !(m_dialect.isPostgres() && closedByServer(postgresHandle())))
        return {};
    const Status again = reconnectWaiting(reconnectWait());
    if (again || again.error().kind == Error::Kind::Cancelled)
        return again;
    return Error::database(
        tr("The connection to the database was lost and could not be re-established; nothing was changed. %1")
            .arg(again.error().message));
}

Status Database::reconnectWaiting(qint64 patienceMs)
{
    // A connection that wrote waits for a server that takes writes: without
    // target_session_attrs, libpq may reach a standby that is not promoted yet.
    const bool wantsWrites = m_mode != OpenMode::ReadOnly && m_readOnlyReason.isEmpty();
    const QString before = m_serverAddress;
    QElapsedTimer waited;
    waited.start();
    qint64 nextReportMs = ReportEveryMs / 2;
    const auto untold = qScopeGuard([this] { m_waits->tell({}); });
    for (;;) {
        Status connected = reconnect();
        if (connected && wantsWrites && !m_readOnlyReason.isEmpty()) {
            connected = Error::database(tr("The server %1 accepts only reads.").arg(m_serverAddress));
            closeConnection();
        }
        if (connected) {
            if (!before.isEmpty() && m_serverAddress != before)
                qInfo("xpadmin: the connection to %s was lost; now connected to %s", qPrintable(before),
                      qPrintable(m_serverAddress));
            checkLastCommit();
            return {};
        }
        if (m_waits->cancelled())
            return m_waits->cancelledError();
        if (waited.elapsed() >= patienceMs)
            return connected;
        if (waited.elapsed() >= nextReportMs) {
            const QString seconds = QString::number(waited.elapsed() / 1000);
            m_waits->tell(
                wantsWrites ? tr("Waiting for a database server that accepts changes (%1) since %2 s")
                                  .arg(m_spec.displayName(), seconds)
                            : tr("Waiting for the database server (%1) since %2 s").arg(m_spec.displayName(), seconds));
            nextReportMs += ReportEveryMs;
        }
        // In small steps, so that a cancel ends the wait at once.
        for (unsigned long slept = 0; slept < RetryEveryMs && !m_waits->cancelled(); slept += 50)
            QThread::msleep(50);
    }
}

Status Database::identifyServer()
{
    if (!m_dialect.isPostgres())
        return {};
    // The address as the server sees it; a Unix socket has none, its port still tells.
    auto rows = run(QStringLiteral("SELECT COALESCE(host(inet_server_addr()), 'localhost') || ':' || "
                                   "current_setting('port'), pg_postmaster_start_time()::text"));
    if (!rows)
        return rows.error();
    if (rows->next()) {
        m_serverAddress = rows->text(0);
        m_serverStarted = rows->text(1);
    }
    finishStatements();
    return {};
}
