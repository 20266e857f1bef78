#include "core/ledger/TotalWriter.h"

#include "core/db/Database.h"
#include "core/db/IdBatches.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace {

const QString P_USER = QStringLiteral(":user");

} // namespace

namespace TotalWriter {

Status checkFits(const QString &userId, qint64 total)
{
    if (Validation::fitsTotal(total))
        return {};
    return Error::input(
        QCoreApplication::translate("Ledger",
                                    "Refused: the total XP of user %1 would become %2, past the limit of the 32-bit "
                                    "totalXP column (%3 to %4). Nothing was changed.")
            .arg(Validation::quoted(userId), QString::number(total),
                 QString::number(std::numeric_limits<qint32>::min()),
                 QString::number(std::numeric_limits<qint32>::max())));
}

QString upsertSql(const Dialect &d)
{
    return QStringLiteral("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") "
                          "VALUES (:profile_id, :user, :total, %1) ON CONFLICT (\"userId\") DO UPDATE SET "
                          "\"totalXP\" = excluded.\"totalXP\", \"updatedAt\" = excluded.\"updatedAt\"")
        .arg(d.timestampParam(QStringLiteral(":now")));
}

Bindings upsertBindings(const QString &userId, qint64 total)
{
    return {{QStringLiteral(":profile_id"), Cuid::generate()},
            {QStringLiteral(":user"), userId},
            {QStringLiteral(":total"), total},
            {QStringLiteral(":now"), Timestamp::toSql(Timestamp::now())}};
}

Result<StoredTotal> writeTotal(Database &db, const QString &userId)
{
    StoredTotal stored;
    {
        // The cached total in the same statement, before it is overwritten: what the audit
        // events record as the total before.
        auto rows = db.run(
            QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0), (SELECT \"totalXP\" FROM \"UserProfile\" WHERE "
                           "\"userId\" = :cached) FROM \"UserXP\" WHERE \"userId\" = :user"),
            {{P_USER, userId}, {QStringLiteral(":cached"), userId}});
        if (!rows)
            return rows.error();
        if (rows->next()) {
            stored.after = rows->integer(0);
            stored.before = rows->isNull(1) ? 0 : rows->integer(1);
        }
    }
    if (const Status s = checkFits(userId, stored.after); !s)
        return s.error();
    auto rows = db.run(upsertSql(db.dialect()), upsertBindings(userId, stored.after));
    if (!rows)
        return rows.error();
    return stored;
}

Status upsertTotals(Database &db, const QList<std::pair<QString, qint64>> &totals)
{
    if (totals.isEmpty())
        return {};
    // {"userId": total, ...}, written as text: a QJsonObject keeps its keys sorted, and inserting
    // the hundreds of thousands a repair can have would take quadratic time.
    QString object = QStringLiteral("{");
    for (const auto &[userId, total] : totals) {
        if (object.size() > 1)
            object += QLatin1Char(',');
        object += JsonText::string(userId) + QLatin1Char(':') + QString::number(total);
    }
    object += QLatin1Char('}');
    const Dialect &d = db.dialect();
    auto upsert
        = db.run(QStringLiteral("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") "
                                "SELECT %1, t.key, CAST(t.value AS INTEGER), %2 FROM %3 AS t WHERE true "
                                "ON CONFLICT (\"userId\") DO UPDATE SET \"totalXP\" = excluded.\"totalXP\", "
                                "\"updatedAt\" = excluded.\"updatedAt\"")
                     .arg(d.generatedIdExpression(QStringLiteral("t.key")), d.timestampParam(QStringLiteral(":now")),
                          d.jsonObjectEntries(QStringLiteral(":totals"))),
                 {{QStringLiteral(":now"), Timestamp::toSql(Timestamp::now())}, {QStringLiteral(":totals"), object}});
    return upsert ? Status() : Status(upsert.error());
}

Result<QHash<QString, StoredTotal>> writeTotals(Database &db, QStringList userIds, LedgerChange &change)
{
    std::sort(userIds.begin(), userIds.end());
    userIds.erase(std::unique(userIds.begin(), userIds.end()), userIds.end());
    QHash<QString, StoredTotal> totals;
    // Each user's sum and cached total (what the audit events record as the total before), read
    // together before any is overwritten. On PostgreSQL from the ids themselves, not "User": the
    // callers know their users exist, and "UserProfile"'s foreign key refuses one that does not.
    const QString sums = QStringLiteral(
        "SELECT u.\"id\", (SELECT COALESCE(SUM(x.\"amount\"), 0) FROM \"UserXP\" x WHERE x.\"userId\" = u.\"id\"), "
        "(SELECT p.\"totalXP\" FROM \"UserProfile\" p WHERE p.\"userId\" = u.\"id\") FROM ");
    const auto readSums = [&](const QString &from, const Bindings &bindings) -> Status {
        auto rows = db.run(sums + from, bindings);
        if (!rows)
            return rows.error();
        while (rows->next())
            totals.insert(rows->text(0), {rows->isNull(2) ? 0 : rows->integer(2), rows->integer(1)});
        return {};
    };
    const Status read = db.dialect().isPostgres()
        ? readSums(QStringLiteral("unnest(CAST(:ids AS TEXT[])) AS u(\"id\")"),
                   {{QStringLiteral(":ids"), IdBatches::arrayLiteral(userIds)}})
        : IdBatches::forEach(db.dialect(), QStringLiteral("u.\"id\""), userIds,
                             [&](const QString &condition, const Bindings &bindings) {
                                 return readSums(QStringLiteral("\"User\" u WHERE ") + condition, bindings);
                             });
    if (!read)
        return read.error();
    QList<std::pair<QString, qint64>> written;
    written.reserve(userIds.size());
    for (const QString &userId : std::as_const(userIds)) {
        const StoredTotal total = totals.value(userId);
        if (const Status s = checkFits(userId, total.after); !s)
            return s.error();
        written.append({userId, total.after});
        change.totals.insert(userId, total.after);
    }
    if (const Status s = upsertTotals(db, written); !s)
        return s.error();
    return totals;
}

} // namespace TotalWriter
