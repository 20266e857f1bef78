#include "tests/failover/ReplicatedPair.h"

#include "core/db/Database.h"
#include "tests/faults/PrivateCluster.h"

#include <QFile>
#include <QProcess>
#include <QThread>
#include <QUrl>

#include <csignal>
#include <sys/types.h>

ReplicatedPair::ReplicatedPair() : m_dir(QStringLiteral("/tmp/xpadmin-failover-XXXXXX"))
{
    // The server runs as "postgres" when the test runs as root: it must reach the folder.
    QFile::setPermissions(m_dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                              | QFileDevice::ExeOther);
}

ReplicatedPair::~ReplicatedPair()
{
    QString ignored;
    if (m_standbyMade)
        script({QStringLiteral("stop"), m_dir.filePath(QStringLiteral("standby"))}, &ignored);
    if (m_primaryMade)
        script({QStringLiteral("stop"), m_dir.filePath(QStringLiteral("primary"))}, &ignored);
}

bool ReplicatedPair::script(const QStringList &arguments, QString *output) const
{
    QProcess process;
    process.start(QStringLiteral("bash"),
                  QStringList{QStringLiteral(XPADMIN_SOURCE_DIR "/scripts/pg-cluster.sh")} + arguments);
    const bool ok
        = process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    *output = QString::fromLocal8Bit(ok ? process.readAllStandardOutput() : process.readAllStandardError()).trimmed();
    return ok;
}

bool ReplicatedPair::start(QString *why)
{
    if (!m_dir.isValid()) {
        *why = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    QString url;
    if (!script({QStringLiteral("start"), m_dir.filePath(QStringLiteral("primary"))}, &url)) {
        *why = url;
        return false;
    }
    m_primaryMade = true;
    m_primaryPort = QUrl(url).port();
    if (!script({QStringLiteral("standby"), m_dir.filePath(QStringLiteral("standby")), url}, &url)) {
        *why = url;
        return false;
    }
    m_standbyMade = true;
    m_standbyPort = QUrl(url).port();
    return true;
}

bool ReplicatedPair::makeSynchronous(QString *why)
{
    auto db = Database::open(primary());
    if (!db) {
        *why = db.error().message;
        return false;
    }
    // The standby streams first; only then may commits wait for it.
    for (int i = 0; i < 100; ++i) {
        auto rows = (*db)->run(QStringLiteral("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"));
        if (rows && rows->next() && rows->integer(0) > 0)
            break;
        QThread::msleep(100);
    }
    const Status set = (*db)->execute(QStringLiteral("ALTER SYSTEM SET synchronous_standby_names = '*'"));
    auto reloaded = (*db)->run(QStringLiteral("SELECT pg_reload_conf()"));
    if (!set || !reloaded) {
        *why = !set ? set.error().message : reloaded.error().message;
        return false;
    }
    return true;
}

bool ReplicatedPair::killPrimary(QString *why)
{
    return PrivateCluster::killServer(m_dir.filePath(QStringLiteral("primary/data")), why);
}

bool ReplicatedPair::freezeStreaming(QString *why)
{
    auto db = Database::open(primary());
    if (!db) {
        *why = db.error().message;
        return false;
    }
    auto rows = (*db)->run(QStringLiteral("SELECT pid FROM pg_stat_replication"));
    if (!rows || !rows->next()) {
        *why = rows ? QStringLiteral("the standby does not stream") : rows.error().message;
        return false;
    }
    if (::kill(static_cast<pid_t>(rows->integer(0)), SIGSTOP) != 0) {
        *why = QStringLiteral("cannot stop the primary's WAL sender");
        return false;
    }
    return true;
}

bool ReplicatedPair::promoteStandby(QString *why)
{
    auto db = Database::open(standby());
    if (!db) {
        *why = db.error().message;
        return false;
    }
    auto promoted = (*db)->run(QStringLiteral("SELECT pg_promote(true, 60)"));
    if (!promoted || !promoted->next() || !promoted->value(0).toBool()) {
        *why = promoted ? QStringLiteral("pg_promote did not finish") : promoted.error().message;
        return false;
    }
    return true;
}

ConnectionSpec ReplicatedPair::specOf(const QString &port)
{
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    spec.host = QStringLiteral("127.0.0.1");
    spec.port = port.toInt();
    spec.database = QStringLiteral("postgres");
    spec.user = QStringLiteral("postgres");
    return spec;
}

ConnectionSpec ReplicatedPair::both() const
{
    // libpq takes the last value of a key: these follow Qt's own host= and port=.
    ConnectionSpec spec = primary();
    spec.host = QStringLiteral("127.0.0.1,127.0.0.1");
    spec.options = QStringLiteral("port=%1,%2;target_session_attrs=read-write").arg(m_primaryPort).arg(m_standbyPort);
    return spec;
}
