#include "core/db/LockWatcher.h"

#include "core/db/Database.h"

#include <QCoreApplication>
#include <QThread>

namespace {

using namespace std::chrono_literals;
// A wait is told once it has lasted a moment, then again every few seconds; a cancel is seen
// within a poll.
constexpr auto ReportAfter = 1000ms;
constexpr auto ReportEvery = 3000ms;
constexpr auto Poll = 100ms;

// Names come from other programs and logins: no control or bidi character reaches a terminal.
QString printable(const QString &text)
{
    QString shown = text;
    for (QChar &c : shown) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char('?');
    }
    return shown;
}

QString lockName(const QString &type, const QString &relation)
{
    if (type == QLatin1String("relation") && !relation.isEmpty())
        return QCoreApplication::translate("LockWatcher", "a lock on %1").arg(printable(relation));
    if (type == QLatin1String("tuple") && !relation.isEmpty())
        return QCoreApplication::translate("LockWatcher", "a lock on a row of %1").arg(printable(relation));
    if (type == QLatin1String("tuple") || type == QLatin1String("transactionid"))
        return QCoreApplication::translate("LockWatcher", "a lock on a row");
    if (type == QLatin1String("advisory"))
        return QCoreApplication::translate("LockWatcher", "a lock on a user's XP");
    return QCoreApplication::translate("LockWatcher", "a lock");
}

} // namespace

LockWatcher::LockWatcher(ConnectionSpec spec, qint64 backendPid, std::optional<CancelToken> cancel, Report report)
    : m_spec(std::move(spec)), m_report(std::move(report)), m_pid(backendPid), m_cancel(std::move(cancel))
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("LockWatcher"));
    m_thread->start();
}

LockWatcher::~LockWatcher()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread->wait();
}

void LockWatcher::setCancelToken(std::optional<CancelToken> cancel)
{
    const std::lock_guard lock(m_mutex);
    m_cancel = std::move(cancel);
}

void LockWatcher::setBackendPid(qint64 pid)
{
    const std::lock_guard lock(m_mutex);
    m_pid = pid;
}

void LockWatcher::arm()
{
    bool idle = false;
    {
        const std::lock_guard lock(m_mutex);
        m_armed = true;
        ++m_generation;
        m_armedAt = Clock::now();
        idle = m_idle;
    }
    // Only an idle thread is woken: during a run of short transactions it wakes once a poll.
    if (idle)
        m_wake.notify_one();
}

void LockWatcher::disarm()
{
    const std::lock_guard lock(m_mutex);
    m_armed = false;
}

QString LockWatcher::lastWaitFor() const
{
    const std::lock_guard lock(m_mutex);
    return m_lastWaitFor;
}

void LockWatcher::forget()
{
    const std::lock_guard lock(m_mutex);
    m_lastWaitFor.clear();
}

void LockWatcher::run()
{
    std::unique_ptr<Database> probe; // opened on this thread, when first needed
    std::unique_lock lock(m_mutex);
    quint64 generation = 0;
    Clock::time_point nextAsk;
    Clock::time_point blockedSince;
    bool blocked = false;
    bool asked = false;
    bool cancelSent = false;
    while (!m_stop) {
        if (!m_armed) {
            m_idle = true;
            m_wake.wait(lock, [this] { return m_stop || m_armed; });
            m_idle = false;
            continue;
        }
        if (generation != m_generation) {
            generation = m_generation;
            nextAsk = m_armedAt + ReportAfter;
            blocked = asked = cancelSent = false;
        }
        const auto now = Clock::now();
        const qint64 pid = m_pid;
        if (m_cancel && m_cancel->isCancelled()) {
            if (!cancelSent) {
                cancelSent = true;
                lock.unlock();
                cancelStatement(probe, pid);
                lock.lock();
            }
        } else if (now >= nextAsk) {
            lock.unlock();
            const QString what = ask(probe, pid);
            lock.lock();
            QString text;
            if (m_armed && generation == m_generation && !what.isEmpty()) {
                if (!blocked)
                    blockedSince = asked ? now : m_armedAt;
                blocked = true;
                m_lastWaitFor = what;
                const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - blockedSince);
                text = tr("Waiting for %1 since %2 s").arg(what).arg((waited.count() + 500) / 1000);
            }
            const bool ended = blocked && text.isEmpty();
            if (ended)
                blocked = false;
            asked = true;
            nextAsk = now + ReportEvery;
            if (!text.isEmpty() || ended) {
                lock.unlock();
                m_report(text);
                lock.lock();
            }
        }
        m_wake.wait_until(lock, std::min(now + Poll, nextAsk));
    }
    lock.unlock();
    probe.reset();
}

bool LockWatcher::openProbe(std::unique_ptr<Database> &probe)
{
    if (!probe) {
        auto opened = Database::open(m_spec, QStringLiteral("lock watcher"));
        if (!opened)
            return false;
        probe = std::move(*opened);
    }
    return true;
}

QString LockWatcher::ask(std::unique_ptr<Database> &probe, qint64 pid)
{
    if (!openProbe(probe))
        return {};
    auto rows = probe->run(
        QStringLiteral("WITH me AS (SELECT CAST(:pid AS integer) AS pid) "
                       "SELECT DISTINCT l.locktype, COALESCE(CAST(CAST(l.relation AS regclass) AS text), ''), a.pid, "
                       "COALESCE(a.application_name, ''), COALESCE(CAST(a.usename AS text), '') "
                       "FROM me JOIN pg_locks l ON l.pid = me.pid AND NOT l.granted "
                       "CROSS JOIN LATERAL unnest(pg_blocking_pids(me.pid)) AS b(pid) "
                       "JOIN pg_stat_activity a ON a.pid = b.pid ORDER BY a.pid LIMIT 5"),
        {{QStringLiteral(":pid"), pid}});
    if (!rows)
        return {};
    QString lock;
    QStringList holders;
    while (rows->next()) {
        lock = lockName(rows->text(0), rows->text(1));
        const QString program = rows->text(3).isEmpty() ? tr("no program name") : printable(rows->text(3));
        const QString holder = tr("process %1 (%2, user %3)").arg(rows->text(2), program, printable(rows->text(4)));
        if (!holders.contains(holder))
            holders << holder;
    }
    if (holders.isEmpty())
        return {};
    return tr("%1 held by %2").arg(lock, holders.join(QStringLiteral(", ")));
}

void LockWatcher::cancelStatement(std::unique_ptr<Database> &probe, qint64 pid)
{
    // Behind a pooler the server process may already run another client's transaction: the
    // wait then ends at its limit, and the cancel is seen there.
    if (m_spec.pooler || !openProbe(probe))
        return;
    // The same login may cancel its own statements; the transaction fails and is rolled back.
    auto rows = probe->run(QStringLiteral("SELECT pg_cancel_backend(CAST(:pid AS integer))"),
                           {{QStringLiteral(":pid"), pid}});
    static_cast<void>(rows);
}
