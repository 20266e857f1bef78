#include "core/ledger/TotalWriter.h"

#include "core/db/Database.h"
#include "core/domain/Cuid.h"
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

Result<QHash<QString, StoredTotal>> writeTotals(Database &db, QStringList userIds, LedgerChange &change)
{
    std::sort(userIds.begin(), userIds.end());
    userIds.erase(std::unique(userIds.begin(), userIds.end()), userIds.end());
    QHash<QString, StoredTotal> totals;
    for (const QString &userId : std::as_const(userIds)) {
        auto total = writeTotal(db, userId);
        if (!total)
            return total.error();
        totals.insert(userId, *total);
        change.totals.insert(userId, total->after);
    }
    return totals;
}

} // namespace TotalWriter
