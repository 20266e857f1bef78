#include "core/session/StandbyRoute.h"

#include <algorithm>

bool StandbyRoute::isUsable() const
{
    const QMutexLocker lock(&m_mutex);
    return m_usable;
}

void StandbyRoute::setUsable(bool usable)
{
    const QMutexLocker lock(&m_mutex);
    m_usable = usable;
}

void StandbyRoute::noteWrite(const QString &position)
{
    const QMutexLocker lock(&m_mutex);
    m_pending = position;
}

QString StandbyRoute::pendingWrite() const
{
    const QMutexLocker lock(&m_mutex);
    return m_pending;
}

void StandbyRoute::replayed(const QString &position)
{
    const QMutexLocker lock(&m_mutex);
    if (m_pending == position)
        m_pending.clear();
}

bool StandbyRoute::firstWaitFor(const QString &position)
{
    const QMutexLocker lock(&m_mutex);
    if (m_waited == position)
        return false;
    m_waited = position;
    return true;
}

Standby::Replay StandbyRoute::settle(Standby::Replay replay)
{
    const QMutexLocker lock(&m_mutex);
    if (replay.caughtUp) {
        m_caughtUpPosition = replay.replayedPosition;
        m_caughtUpAt = replay.asOf;
    } else if (!m_caughtUpPosition.isEmpty() && replay.replayedPosition == m_caughtUpPosition
               && m_caughtUpAt > replay.asOf) {
        const QDateTime now = replay.asOf.addMSecs(replay.lagMs);
        replay.asOf = m_caughtUpAt;
        replay.lagMs = std::max<qint64>(0, m_caughtUpAt.msecsTo(now));
    }
    return replay;
}
