#include "core/session/StandbyRoute.h"

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
