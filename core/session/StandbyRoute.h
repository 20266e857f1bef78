#pragma once

#include "core/db/ConnectionSpec.h"

#include <QMutex>
#include <QString>

// Where a session's reading goes, shared by its worker threads: the standby while it is
// reachable and has replayed the session's own newest write, else the primary. Thread-safe.
class StandbyRoute final
{
public:
    explicit StandbyRoute(ConnectionSpec standby) : m_spec(std::move(standby)) { }

    const ConnectionSpec &spec() const { return m_spec; }

    // Whether the standby was reached and checked last time it was asked.
    bool isUsable() const;
    void setUsable(bool usable);

    // The primary's write position after the session's newest change (Standby::writePosition):
    // until the standby has replayed it, the session reads from the primary.
    void noteWrite(const QString &position);
    QString pendingWrite() const;
    // The standby has replayed position: reading may go there again, unless a newer write came.
    void replayed(const QString &position);
    // Whether the reading waited for position already; a wait is only worth it once per write.
    bool firstWaitFor(const QString &position);

private:
    const ConnectionSpec m_spec;
    mutable QMutex m_mutex;
    bool m_usable = false;
    QString m_pending;
    QString m_waited;
};
