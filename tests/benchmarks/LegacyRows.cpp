#include "tests/benchmarks/LegacyRows.h"

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

LegacyRows::AuditRow LegacyRows::auditRow(int row, const QByteArray &now) const
{
    const User &user = m_users.at(std::size_t(row));
    const auto hash = [](int seq) { return QByteArray::number(seq, 16).rightJustified(64, '0'); };
    const QByteArray at = QByteArray(now).replace(' ', 'T') + 'Z';
    AuditRow audit;
    audit.reason = "Migrated from the legacy total (batch legacy-batch); user added by import legacy-batch, line "
        + QByteArray::number(row + 2);
    audit.snapshot = "{\"amount\":" + QByteArray::number(user.total) + ",\"category\":\"MANUAL\",\"createdAt\":\"" + at
        + "\",\"createdUser\":{\"email\":\"" + user.email + "\",\"id\":\"" + user.id + "\",\"name\":\"" + user.name
        + "\"},\"description\":\"Migrated from the legacy total (batch legacy-batch)\",\"id\":\"x" + user.id
        + "\",\"sourceId\":\"legacy-batch\",\"sourceType\":\"MANUAL_ADJUSTMENT\",\"updatedAt\":\"" + at
        + "\",\"userId\":\"" + user.id + "\"}";
    audit.prevHash = hash(row);
    audit.hash = hash(row + 1);
    return audit;
}

qint64 LegacyRows::grandTotal() const
{
    qint64 total = 0;
    for (const User &user : m_users)
        total += user.total;
    return total;
}
