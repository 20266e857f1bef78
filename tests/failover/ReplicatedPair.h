#pragma once

#include "core/db/ConnectionSpec.h"

#include <QString>
#include <QTemporaryDir>

// A primary and its streaming hot standby of the test's own (scripts/pg-cluster.sh start and
// standby), which the test may kill and promote.
class ReplicatedPair final
{
public:
    ReplicatedPair();
    ~ReplicatedPair();
    ReplicatedPair(const ReplicatedPair &) = delete;
    ReplicatedPair &operator=(const ReplicatedPair &) = delete;

    // Starts both; false and *why when it cannot.
    bool start(QString *why);
    // Every commit on the primary waits until the standby has it (synchronous_standby_names).
    bool makeSynchronous(QString *why);
    // SIGKILL to the primary and its children, as a crash would: no last WAL is sent.
    bool killPrimary(QString *why);
    // Stops (SIGSTOP) the primary's WAL sender: what the primary commits from now on stays on it,
    // as when the standby lags behind an asynchronous primary.
    bool freezeStreaming(QString *why);
    // Makes the standby a primary (pg_promote), once it has replayed what it received.
    bool promoteStandby(QString *why);

    ConnectionSpec primary() const { return specOf(QString::number(m_primaryPort)); }
    ConnectionSpec standby() const { return specOf(QString::number(m_standbyPort)); }
    // Both hosts, the primary first, as the web application would list them: libpq tries them
    // in order and takes the one that accepts writes.
    ConnectionSpec both() const;
    QString standbyAddress() const { return QStringLiteral("127.0.0.1:%1").arg(m_standbyPort); }
    QString primaryAddress() const { return QStringLiteral("127.0.0.1:%1").arg(m_primaryPort); }

private:
    bool script(const QStringList &arguments, QString *output) const;
    static ConnectionSpec specOf(const QString &port);

    QTemporaryDir m_dir;
    int m_primaryPort = 0;
    int m_standbyPort = 0;
    bool m_primaryMade = false;
    bool m_standbyMade = false;
};
