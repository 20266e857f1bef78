#include "LegacyRows.h"

#include <QFile>
#include <QRandomGenerator>

LegacyRows LegacyRows::generate(int count, quint32 seed)
{
    LegacyRows rows;
    rows.m_users.reserve(count);
    QRandomGenerator random(seed);
    for (int i = 0; i < count; ++i) {
        User user;
        user.id = "legacy-" + QByteArray::number(i);
        user.email = "legacy." + QByteArray::number(i) + "@example.com";
        user.name = "Legacy User " + QByteArray::number(i);
        user.total = static_cast<qint32>(1 + random.bounded(100000u));
        rows.m_users.push_back(std::move(user));
    }
    return rows;
}

Status LegacyRows::writeCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error::input(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    QByteArray text = "userId,email,name,totalXP\n";
    text.reserve(64 * qsizetype(m_users.size()));
    for (const User &user : m_users)
        text += user.id + ',' + user.email + ',' + user.name + ',' + QByteArray::number(user.total) + '\n';
    if (file.write(text) != text.size())
        return Error::input(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

qint64 LegacyRows::grandTotal() const
{
    qint64 total = 0;
    for (const User &user : m_users)
        total += user.total;
    return total;
}
