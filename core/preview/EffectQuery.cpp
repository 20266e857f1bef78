#include "core/preview/EffectQuery.h"

#include "core/db/Database.h"

#include <QHash>

#include <algorithm>

namespace {

// Ids are bound in fixed-size chunks, padded with an id no row has, so that one prepared
// statement serves every selection size.
constexpr int ChunkSize = 100;

QString placeholders(const QString &prefix)
{
    QStringList names;
    for (int i = 0; i < ChunkSize; ++i)
        names << QStringLiteral(":%1%2").arg(prefix).arg(i);
    return names.join(QStringLiteral(", "));
}

Bindings chunkBindings(const QString &prefix, const QStringList &values, qsizetype from)
{
    Bindings bindings;
    for (int i = 0; i < ChunkSize; ++i) {
        const qsizetype at = from + i;
        bindings << std::pair{QStringLiteral(":%1%2").arg(prefix).arg(i),
                              QVariant(at < values.size() ? values.at(at) : QString())};
    }
    return bindings;
}

} // namespace

Result<EffectQuery::Removal> EffectQuery::ofRemoving(const QStringList &rawIds)
{
    QStringList ids = rawIds;
    ids.removeDuplicates();
    ids.removeAll(QString());
    Removal removal;
    const Status status = m_db.readTransaction([&]() -> Status {
        removal = {};
        QHash<QString, UserEffect> byUser;
        const QString sql = QStringLiteral("SELECT \"userId\", COALESCE(SUM(\"amount\"), 0), count(*) FROM \"UserXP\" "
                                           "WHERE \"id\" IN (%1) GROUP BY \"userId\"")
                                .arg(placeholders(QStringLiteral("id")));
        for (qsizetype from = 0; from < ids.size(); from += ChunkSize) {
            auto rows = m_db.run(sql, chunkBindings(QStringLiteral("id"), ids, from));
            if (!rows)
                return rows.error();
            while (rows->next()) {
                UserEffect &effect = byUser[rows->text(0)];
                effect.userId = rows->text(0);
                effect.change -= rows->integer(1);
                effect.transactions += rows->integer(2);
                removal.found += rows->integer(2);
            }
        }
        removal.missing = ids.size() - removal.found;
        removal.users = byUser.values();
        return readTotals(removal.users);
    });
    if (!status)
        return status.error();
    return removal;
}

Result<QList<UserEffect>> EffectQuery::withCurrentTotals(QList<UserEffect> effects)
{
    const Status status = m_db.readTransaction([&]() -> Status { return readTotals(effects); });
    if (!status)
        return status.error();
    return effects;
}

Result<EffectQuery::Restoral> EffectQuery::ofRestoring(QList<UserEffect> effects, const QStringList &rawIds)
{
    QStringList ids = rawIds;
    ids.removeDuplicates();
    ids.removeAll(QString());
    Restoral restoral;
    const Status status = m_db.readTransaction([&]() -> Status {
        restoral = {};
        restoral.users = effects;
        const QString sql = QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE \"id\" IN (%1)")
                                .arg(placeholders(QStringLiteral("id")));
        for (qsizetype from = 0; from < ids.size(); from += ChunkSize) {
            auto rows = m_db.run(sql, chunkBindings(QStringLiteral("id"), ids, from));
            if (!rows)
                return rows.error();
            while (rows->next())
                restoral.present << rows->text(0);
        }
        return readTotals(restoral.users);
    });
    if (!status)
        return status.error();
    return restoral;
}

Status EffectQuery::readTotals(QList<UserEffect> &effects)
{
    std::sort(effects.begin(), effects.end(),
              [](const UserEffect &a, const UserEffect &b) { return a.userId < b.userId; });
    QStringList userIds;
    for (const UserEffect &effect : std::as_const(effects))
        userIds << effect.userId;
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < effects.size(); ++i)
        index.insert(effects.at(i).userId, i);
    const QString sql = QStringLiteral("SELECT u.\"id\", u.\"email\", u.\"name\", COALESCE(p.\"totalXP\", 0) FROM "
                                       "\"User\" u LEFT JOIN \"UserProfile\" p ON p.\"userId\" = u.\"id\" "
                                       "WHERE u.\"id\" IN (%1)")
                            .arg(placeholders(QStringLiteral("user")));
    for (qsizetype from = 0; from < userIds.size(); from += ChunkSize) {
        auto rows = m_db.run(sql, chunkBindings(QStringLiteral("user"), userIds, from));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            UserEffect &effect = effects[index.value(rows->text(0))];
            effect.email = rows->text(1);
            effect.name = rows->text(2);
            effect.currentTotal = rows->integer(3);
            effect.exists = true;
        }
    }
    return {};
}
