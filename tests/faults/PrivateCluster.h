#pragma once

#include "core/db/ConnectionSpec.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

// A PostgreSQL server of the test's own, which the test may kill: initdb and pg_ctl run as the
// "postgres" user (the server refuses root), on a free port, in a temporary folder under /tmp.
class PrivateCluster final
{
public:
    PrivateCluster() = default;
    ~PrivateCluster();
    PrivateCluster(const PrivateCluster &) = delete;
    PrivateCluster &operator=(const PrivateCluster &) = delete;

    // The folder of initdb and pg_ctl, or empty when no server is installed.
    static QString binDirectory();
    // Creates and starts the cluster; false and *why when it cannot.
    bool start(QString *why);
    // Starts the stopped (or killed) server again on the same port.
    bool restart(QString *why);
    // SIGKILL to the postmaster and every child of it, as a crash or an OOM killer would; returns
    // once all of them are gone.
    bool kill(QString *why);
    // The same for any server, by its data directory.
    static bool killServer(const QString &dataDirectory, QString *why);
    bool isRunning() const;

    ConnectionSpec spec() const;
    int port() const { return m_port; }

private:
    bool pgCtl(const QStringList &arguments, QString *why) const;
    qint64 postmasterPid() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    int m_port = 0;
};
