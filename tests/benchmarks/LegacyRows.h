#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QString>

#include <vector>

// The users of figure 9's legacy file: new users, each with a non-zero legacy total. Written as
// the CSV file XP Admin imports, and handed to the raw engine as UTF-8 rows of the same data.
class LegacyRows final
{
public:
    struct User
    {
        QByteArray id;
        QByteArray email;
        QByteArray name;
        qint32 total = 0;
    };

    static LegacyRows generate(int count, quint32 seed);
    // userId,email,name,totalXP: the legacy file format (README, "Imports").
    Status writeCsv(const QString &path) const;

    int size() const { return static_cast<int>(m_users.size()); }
    const User &at(int row) const { return m_users.at(row); }
    qint64 grandTotal() const;

    // For the raw engine that also writes an audit row a user, as XP Admin does: row's audit
    // event in XP Admin's shape (the transaction and the created user as JSON, a reason, and
    // 64-character hashes, not computed: the engine's writes are what is measured).
    struct AuditRow
    {
        QByteArray reason;
        QByteArray snapshot;
        QByteArray prevHash;
        QByteArray hash;
    };
    AuditRow auditRow(int row, const QByteArray &now) const;

private:
    std::vector<User> m_users;
};
