#include "tests/faults/PrivateCluster.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace {

// Runs a program as the "postgres" user, from "/" (the test's folder may be closed to it).
bool runAsPostgres(const QString &program, const QStringList &arguments, QString *why, int timeoutMs = 120000)
{
    QProcess process;
    process.setWorkingDirectory(QStringLiteral("/"));
    process.setProcessChannelMode(QProcess::MergedChannels);
    QStringList all{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program};
    all << arguments;
    process.start(QStringLiteral("runuser"), all);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *why = QStringLiteral("%1 failed: %2").arg(program, QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

// The pids of the direct children of pid, from /proc.
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool number = false;
        const qint64 child = entry.toLongLong(&number);
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (name) state ppid ...": the name may hold spaces, so read after the last ')'.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (rest.size() > 1 && rest.at(1).toLongLong() == pid)
            children << child;
    }
    return children;
}

bool alive(qint64 pid)
{
    // A zombie still answers kill(0); its state in /proc tells it is gone.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.size() > close + 2 && line.at(close + 2) != 'Z';
}

} // namespace

PrivateCluster::~PrivateCluster()
{
    if (m_dir && isRunning()) {
        QString ignored;
        pgCtl({QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
              &ignored);
    }
}

QString PrivateCluster::binDirectory()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &version : std::as_const(versions)) {
        const QString bin = root.filePath(version + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")) && QFile::exists(bin + QStringLiteral("/pg_ctl")))
            return bin;
    }
    return {};
}

bool PrivateCluster::start(QString *why)
{
    m_bin = binDirectory();
    if (m_bin.isEmpty()) {
        *why = QStringLiteral("no PostgreSQL server installed (initdb not found under /usr/lib/postgresql)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/xpadmin-faults-XXXXXX"));
    if (!m_dir->isValid()) {
        *why = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    const QString path = m_dir->path();
    QFile::setPermissions(path,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                              | QFileDevice::ExeOther);
    if (QProcess::execute(QStringLiteral("chown"), {QStringLiteral("postgres"), path}) != 0) {
        *why = QStringLiteral("cannot hand %1 to the postgres user").arg(path);
        return false;
    }
    if (!runAsPostgres(m_bin + QStringLiteral("/initdb"),
                       {QStringLiteral("-D"), path + QStringLiteral("/data"), QStringLiteral("--auth=trust"),
                        QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("--encoding=UTF8"),
                        QStringLiteral("--locale=C.UTF-8")},
                       why))
        return false;
    // A port from a range no other test uses, offset by our pid; the next one when taken.
    const int first = 57000 + static_cast<int>(getpid() % 500);
    for (m_port = first; m_port < first + 40; ++m_port) {
        if (restart(why))
            return true;
        if (!why->contains(QLatin1String("could not bind")) && !why->contains(QLatin1String("already in use")))
            return false;
    }
    return false;
}

bool PrivateCluster::pgCtl(const QStringList &arguments, QString *why) const
{
    QStringList all{QStringLiteral("-D"), m_dir->path() + QStringLiteral("/data")};
    all << arguments;
    return runAsPostgres(m_bin + QStringLiteral("/pg_ctl"), all, why);
}

bool PrivateCluster::restart(QString *why)
{
    const QString path = m_dir->path();
    const bool started
        = pgCtl({QStringLiteral("-w"), QStringLiteral("-l"), path + QStringLiteral("/log"), QStringLiteral("-o"),
                 QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off").arg(m_port).arg(path),
                 QStringLiteral("start")},
                why);
    if (!started) {
        QFile log(path + QStringLiteral("/log"));
        if (log.open(QIODevice::ReadOnly))
            *why += QString::fromLocal8Bit(log.readAll().right(2000));
    }
    return started;
}

qint64 PrivateCluster::postmasterPid() const
{
    QFile file(m_dir->path() + QStringLiteral("/data/postmaster.pid"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

bool PrivateCluster::isRunning() const
{
    const qint64 pid = postmasterPid();
    return pid > 0 && alive(pid);
}

bool PrivateCluster::kill(QString *why)
{
    if (!killServer(m_dir->path() + QStringLiteral("/data"), why))
        return false;
    // The same for the lock file of its socket.
    QFile::remove(m_dir->path() + QStringLiteral("/.s.PGSQL.%1.lock").arg(m_port));
    return true;
}

bool PrivateCluster::killServer(const QString &dataDirectory, QString *why)
{
    QFile file(dataDirectory + QStringLiteral("/postmaster.pid"));
    const qint64 pid = file.open(QIODevice::ReadOnly) ? file.readLine().trimmed().toLongLong() : 0;
    file.close();
    if (pid <= 0 || !alive(pid)) {
        *why = QStringLiteral("the server is not running");
        return false;
    }
    // The postmaster first, so that it cannot start new children, then every child it had.
    const QList<qint64> children = childrenOf(pid);
    ::kill(static_cast<pid_t>(pid), SIGKILL);
    for (const qint64 child : children)
        ::kill(static_cast<pid_t>(child), SIGKILL);
    for (int i = 0; i < 500; ++i) {
        bool any = alive(pid);
        for (const qint64 child : children)
            any = any || alive(child);
        if (!any) {
            // Nobody may reap the dead postmaster (PID 1 of a container often does not): its
            // zombie would still answer the server's "is the old postmaster alive" check.
            QFile::remove(dataDirectory + QStringLiteral("/postmaster.pid"));
            return true;
        }
        QThread::msleep(10);
    }
    *why = QStringLiteral("the server processes did not die");
    return false;
}

ConnectionSpec PrivateCluster::spec() const
{
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    spec.host = QStringLiteral("127.0.0.1");
    spec.port = m_port;
    spec.database = QStringLiteral("postgres");
    spec.user = QStringLiteral("postgres");
    return spec;
}
