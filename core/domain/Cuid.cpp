#include "core/domain/Cuid.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSysInfo>

#include <atomic>

namespace {

constexpr int BlockSize = 4;
constexpr quint64 Base = 36;
constexpr quint64 DiscreteValues = Base * Base * Base * Base; // 36^4, fits 32 bits

QString pad(const QString &text, int size)
{
    const QString padded = QString(size, QLatin1Char('0')) + text;
    return padded.right(size);
}

QString base36(quint64 value)
{
    return QString::number(value, 36);
}

QString fingerprint()
{
    static const QString print = []() -> QString {
        const quint64 pid = static_cast<quint64>(QCoreApplication::applicationPid());
        quint64 hostSum = QSysInfo::machineHostName().size() + Base;
        for (const QChar c : QSysInfo::machineHostName())
            hostSum += c.unicode();
        return pad(base36(pid), 2) + pad(base36(hostSum), 2);
    }();
    return print;
}

QString randomBlock()
{
    // Seeded once a thread from the system's source: asking the system for every block cost two
    // system calls an id (a million-user import makes a million ids).
    thread_local QRandomGenerator random = QRandomGenerator::securelySeeded();
    return pad(base36(random.bounded(static_cast<quint32>(DiscreteValues))), BlockSize);
}

} // namespace

namespace Cuid {

QString generate()
{
    static std::atomic<quint64> counter{QRandomGenerator::system()->bounded(static_cast<quint32>(DiscreteValues))};
    const quint64 count = counter.fetch_add(1, std::memory_order_relaxed) % DiscreteValues;
    const quint64 timestamp = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    return QLatin1Char('c') + base36(timestamp) + pad(base36(count), BlockSize) + fingerprint() + randomBlock()
        + randomBlock();
}

bool looksValid(const QString &id)
{
    if (id.size() < 20 || id.size() > 32 || !id.startsWith(QLatin1Char('c')))
        return false;
    for (const QChar c : id) {
        if (!(c.isDigit() || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))))
            return false;
    }
    return true;
}

} // namespace Cuid
