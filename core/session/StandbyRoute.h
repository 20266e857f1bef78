#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Standby.h"

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

    // A standby's answer, made exact with what earlier answers showed. The commit time of the last
    // change it replayed is all a standby knows of itself, so one that was caught up at 10:00:05
    // on a primary idle since 09:00, and has replayed nothing since, would say its figures are of
    // 09:00. They are of 10:00:05 at least: the time it was last seen caught up at this position.
    Standby::Replay settle(Standby::Replay replay);

private:
    const ConnectionSpec m_spec;
    mutable QMutex m_mutex;
    bool m_usable = false;
    QString m_pending;
    QString m_waited;
    QString m_caughtUpPosition; // where the standby was last seen caught up
    QDateTime m_caughtUpAt; // and when (its own clock)
};
