#include "core/live/LedgerChangeFeed.h"

#include "core/db/Database.h"
#include "core/live/LiveChannel.h"

#include <QSocketNotifier>

#include <libpq-fe.h>

namespace {

// The web app's writes, without capture: PostgreSQL's write counters, which a backend publishes
// at the end of a transaction (at most once a second; see docs/live.md).
constexpr int CounterPollMs = 1000;
// The web app's writes, with capture: the records capture's triggers append, visible at commit
// (the triggers do not notify: a notifying commit takes a lock every such commit in the cluster
// waits for, which the web app's writes must not pay; see docs/capture.md).
constexpr int CapturePollMs = 500;
// Behind a pooler nothing is pushed: the log's end and the counters, read together.
constexpr int PoolerPollMs = 2000;
// SQLite's data_version: one page-cache look, no disk read.
constexpr int FilePollMs = 250;
// changed() at most this often; the first of a quiet spell goes out at once.
constexpr int CoalesceMs = 250;
// Whether capture was installed or removed meanwhile.
constexpr int CaptureCheckMs = 30000;
constexpr int FirstRetryMs = 500;
constexpr int LongestRetryMs = 10000;

} // namespace

LedgerChangeFeed::LedgerChangeFeed(const ConnectionSpec &spec, QObject *parent)
    : QObject(parent), m_spec(spec), m_displayName(spec.displayName())
{
    // A name in pg_stat_activity that says what the connection is, unless the URL names one.
    if (m_spec.backend == ConnectionSpec::Backend::Postgres
        && m_spec.option(QStringLiteral("application_name")).isEmpty())
        m_spec.setOption(QStringLiteral("application_name"), QStringLiteral("xpadmin-live"));
    m_pollTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &LedgerChangeFeed::poll);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &LedgerChangeFeed::retry);
    m_captureTimer.setInterval(CaptureCheckMs);
    m_captureTimer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_captureTimer, &QTimer::timeout, this, &LedgerChangeFeed::recheckCapture);
    m_coalesceTimer.setSingleShot(true);
    m_coalesceTimer.setInterval(CoalesceMs);
    connect(&m_coalesceTimer, &QTimer::timeout, this, &LedgerChangeFeed::flushPending);
}

LedgerChangeFeed::~LedgerChangeFeed()
{
    closeConnection();
}

Status LedgerChangeFeed::start()
{
    stop();
    const Mode mode = m_spec.backend == ConnectionSpec::Backend::Sqlite ? Mode::FileWatch
        : m_spec.pooler                                                 ? Mode::Polling
                                                                        : Mode::Listening;
    m_mode = mode;
    if (const Status connected = connectNow(); !connected) {
        m_mode = Mode::Stopped;
        return connected;
    }
    Q_EMIT modeChanged();
    return {};
}

void LedgerChangeFeed::stop()
{
    m_pollTimer.stop();
    m_captureTimer.stop();
    m_retryTimer.stop();
    m_coalesceTimer.stop();
    m_pending = false;
    closeConnection();
    if (m_mode != Mode::Stopped) {
        m_mode = Mode::Stopped;
        Q_EMIT modeChanged();
    }
}

QString LedgerChangeFeed::modeText() const
{
    if (m_mode != Mode::Stopped && !m_db)
        return tr("Waiting for the database server to come back; changes are not shown until it does");
    switch (m_mode) {
    case Mode::Listening:
        return m_countersPolled ? tr("Live: changes made in XP Admin appear as they are made; the web app's within "
                                     "10 s at most (capture is not installed)")
                                : tr("Live: changes appear as they are made");
    case Mode::Polling:
        return tr("Checking for changes every %1 s (through PgBouncer, which cannot pass notifications)")
            .arg(PoolerPollMs / 1000);
    case Mode::FileWatch:
        return tr("Live: changes made by other programs on this file appear within a second");
    case Mode::Stopped:
        break;
    }
    return tr("Not watching for changes");
}

int LedgerChangeFeed::pollIntervalMs() const
{
    switch (m_mode) {
    case Mode::Listening:
        return m_countersPolled ? CounterPollMs : CapturePollMs;
    case Mode::Polling:
        return PoolerPollMs;
    case Mode::FileWatch:
        return FilePollMs;
    case Mode::Stopped:
        break;
    }
    return 0;
}

int LedgerChangeFeed::backendPid() const
{
    pg_conn *connection = m_db ? m_db->postgresHandle() : nullptr;
    return connection ? PQbackendPID(connection) : 0;
}

Status LedgerChangeFeed::connectNow()
{
    auto opened = Database::open(m_spec, {}, Database::OpenMode::ReadOnly);
    if (!opened)
        return opened.error();
    m_db = std::move(*opened);
    m_db->setReconnectWait(0); // a lost server is waited for here, without blocking
    quietNotices();
    m_countersPolled = true;
    if (m_mode == Mode::Listening) {
        auto capture = captureReadable();
        if (!capture) {
            closeConnection();
            return capture.error();
        }
        m_countersPolled = !*capture;
        if (const Status listening = listen(); !listening) {
            closeConnection();
            return listening;
        }
    }
    auto mark = readMark();
    if (!mark) {
        closeConnection();
        return mark.error();
    }
    m_mark = *mark;
    m_retryMs = 0;
    if (const int interval = pollIntervalMs(); interval > 0)
        m_pollTimer.start(interval);
    if (m_mode == Mode::Listening)
        m_captureTimer.start();
    return {};
}

Result<bool> LedgerChangeFeed::captureReadable()
{
    // Capture installed, and this role may read its records: then their newest tells at once.
    auto capture = m_db->run(QStringLiteral("SELECT CASE WHEN to_regclass('%1') IS NULL THEN false "
                                            "ELSE has_table_privilege('%1', 'SELECT') END")
                                 .arg(m_db->dialect().ownTable(QStringLiteral("captured_change"))));
    if (!capture)
        return capture.error();
    return capture->next() && capture->value(0).toBool();
}

void LedgerChangeFeed::recheckCapture()
{
    // An admin may install or remove capture while a window stays open.
    if (!m_db || m_mode != Mode::Listening)
        return;
    auto capture = captureReadable();
    if (!capture || m_countersPolled == !*capture)
        return; // a failure is the poll's or the socket's to notice
    m_countersPolled = !*capture;
    if (auto mark = readMark())
        m_mark = *mark;
    m_pollTimer.start(pollIntervalMs());
    Q_EMIT modeChanged();
}

Status LedgerChangeFeed::listen()
{
    m_notifier.reset();
    m_listening = nullptr;
    // The channel is an identifier: LISTEN takes no parameter.
    if (const Status status = m_db->execute(QStringLiteral("LISTEN ") + LiveChannel::name()); !status)
        return status;
    pg_conn *connection = m_db->postgresHandle();
    if (!connection || PQsocket(connection) < 0)
        return Error::database(tr("The connection to %1 has no socket to wait on").arg(m_displayName));
    quietNotices();
    m_listening = connection;
    m_notifier = std::make_unique<QSocketNotifier>(PQsocket(connection), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &LedgerChangeFeed::readSocket);
    drainNotifications(); // any that came with LISTEN's answer
    return {};
}

void LedgerChangeFeed::quietNotices()
{
    // The server's last words on a lost connection ("FATAL: terminating connection ...") would go
    // to stderr as they are; problem() says the same in words.
    if (pg_conn *connection = m_db ? m_db->postgresHandle() : nullptr)
        PQsetNoticeReceiver(
            connection, [](void *, const PGresult *) {}, nullptr);
}

void LedgerChangeFeed::readSocket()
{
    if (!m_db || !m_listening)
        return;
    if (m_db->postgresHandle() != m_listening) {
        // The connection was opened again under the notifier (a statement reconnected it).
        lose(tr("the connection was opened again"));
        return;
    }
    if (PQconsumeInput(m_listening) == 0 || PQstatus(m_listening) == CONNECTION_BAD) {
        lose(QString::fromUtf8(PQerrorMessage(m_listening)).trimmed());
        return;
    }
    drainNotifications();
}

void LedgerChangeFeed::drainNotifications()
{
    if (!m_listening)
        return;
    bool any = false;
    while (PGnotify *notification = PQnotifies(m_listening)) {
        any = any || QString::fromUtf8(notification->relname) == LiveChannel::name();
        PQfreemem(notification);
    }
    if (any)
        noteChange();
}

void LedgerChangeFeed::poll()
{
    if (!m_db)
        return;
    auto mark = readMark();
    if (!mark) {
        lose(mark.error().message);
        return;
    }
    if (m_mode == Mode::Listening) {
        if (m_db->postgresHandle() != m_listening) {
            // The statement found the connection gone and opened another: LISTEN again.
            if (const Status listening = listen(); !listening) {
                lose(listening.error().message);
                return;
            }
            noteChange();
        } else {
            drainNotifications(); // those that arrived with the poll's answer
        }
    }
    if (*mark != m_mark) {
        m_mark = *mark;
        noteChange();
    }
}

Result<QString> LedgerChangeFeed::readMark()
{
    if (m_mode == Mode::FileWatch) {
        auto rows = m_db->run(QStringLiteral("PRAGMA data_version"));
        if (!rows)
            return rows.error();
        return rows->next() ? rows->text(0) : QString();
    }
    if (m_mode == Mode::Listening && !m_countersPolled) {
        // The newest record capture keeps: a handful of rows at most, as they are sealed at once.
        auto rows = m_db->run(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM %1")
                                  .arg(m_db->dialect().ownTable(QStringLiteral("captured_change"))));
        if (rows)
            return rows->next() ? rows->text(0) : QString();
        // Capture removed meanwhile (or this role may no longer read it): the counters again.
        auto capture = captureReadable();
        if (!capture || *capture)
            return rows.error();
        m_countersPolled = true;
        m_pollTimer.start(pollIntervalMs());
        Q_EMIT modeChanged();
    }
    // The log's last seq: one step down its primary key. The counters: three lookups in the
    // server's shared statistics for each table, no table read.
    auto rows
        = m_db->run(QStringLiteral("SELECT (SELECT MAX(seq) FROM %1), "
                                   "pg_stat_get_tuples_inserted(r.x) + pg_stat_get_tuples_updated(r.x) + "
                                   "pg_stat_get_tuples_deleted(r.x) + pg_stat_get_tuples_inserted(r.p) + "
                                   "pg_stat_get_tuples_updated(r.p) + pg_stat_get_tuples_deleted(r.p) "
                                   "FROM (SELECT to_regclass(:xp)::oid AS x, to_regclass(:profile)::oid AS p) r")
                        .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                    {{QStringLiteral(":xp"), m_db->dialect().tables().qualified(QStringLiteral("UserXP"))},
                     {QStringLiteral(":profile"), m_db->dialect().tables().qualified(QStringLiteral("UserProfile"))}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return QString();
    // Listening learns of the log's events from notifications: only the counters tell here.
    const QString counters = rows->text(1);
    return m_mode == Mode::Listening ? counters : rows->text(0) + QLatin1Char('/') + counters;
}

void LedgerChangeFeed::lose(const QString &why)
{
    closeConnection();
    m_pollTimer.stop();
    m_captureTimer.stop();
    m_retryMs = m_retryMs == 0 ? FirstRetryMs : std::min(m_retryMs * 2, LongestRetryMs);
    m_retryTimer.start(m_retryMs);
    Q_EMIT problem(tr("The connection to %1 was lost (%2); trying again every few seconds")
                       .arg(m_displayName, why.isEmpty() ? tr("no reason given") : why));
    Q_EMIT modeChanged();
}

void LedgerChangeFeed::retry()
{
    if (m_mode == Mode::Stopped)
        return;
    if (const Status connected = connectNow(); !connected) {
        m_retryMs = std::min(m_retryMs * 2, LongestRetryMs);
        m_retryTimer.start(m_retryMs);
        return;
    }
    Q_EMIT modeChanged();
    // Whatever changed while the connection was down was not announced.
    noteChange();
}

void LedgerChangeFeed::noteChange()
{
    if (m_coalesceTimer.isActive()) {
        m_pending = true;
        return;
    }
    Q_EMIT changed();
    m_coalesceTimer.start();
}

void LedgerChangeFeed::flushPending()
{
    if (!m_pending)
        return;
    m_pending = false;
    Q_EMIT changed();
    m_coalesceTimer.start();
}

void LedgerChangeFeed::closeConnection()
{
    m_notifier.reset();
    m_listening = nullptr;
    m_db.reset();
}
