#include "core/preview/RemovedQuery.h"

#include "core/db/Database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

Result<QList<RemovedTransaction>> RemovedQuery::page(const QString &userId, std::optional<qint64> beforeSeq, int limit)
{
    const QString table = m_db.dialect().ownTable(QStringLiteral("audit_event"));
    QString sql
        = QStringLiteral("SELECT e.seq, e.at, e.action, e.operator, e.reason, e.snapshot, e.xp_id, e.user_id, "
                         "e.amount, u.\"name\", u.\"email\" FROM %1 e LEFT JOIN \"User\" u ON u.\"id\" = e.user_id "
                         "WHERE e.action IN ('rollback', 'delete-source')")
              .arg(table);
    Bindings bindings;
    if (!userId.isEmpty()) {
        sql += QStringLiteral(" AND e.user_id = :user");
        bindings << std::pair{QStringLiteral(":user"), QVariant(userId)};
    }
    if (beforeSeq) {
        sql += QStringLiteral(" AND e.seq < :before");
        bindings << std::pair{QStringLiteral(":before"), QVariant(*beforeSeq)};
    }
    // The latest removal of each row only, and only while the row is still out of the ledger.
    sql += QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM %1 l WHERE l.xp_id = e.xp_id AND l.seq > e.seq AND "
                          "l.action IN ('rollback', 'delete-source')) AND NOT EXISTS (SELECT 1 FROM \"UserXP\" x "
                          "WHERE x.\"id\" = e.xp_id) ORDER BY e.seq DESC LIMIT :limit")
               .arg(table);
    bindings << std::pair{QStringLiteral(":limit"), QVariant(limit)};
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    QList<RemovedTransaction> removed;
    while (rows->next()) {
        RemovedTransaction item;
        item.seq = rows->integer(0);
        item.removedAt = m_db.dialect().readTimestamp(rows->value(1));
        item.action = rows->text(2);
        item.operatorName = rows->text(3);
        item.removalReason = rows->text(4);
        item.userName = rows->text(9);
        item.userEmail = rows->text(10);
        const auto row = XpTransaction::fromJson(QJsonDocument::fromJson(rows->text(5).toUtf8()).object());
        if (row) {
            item.row = *row;
        } else {
            // Listed from the event's own columns, so it can be seen; restoring it will say why it cannot.
            item.row.id = rows->text(6);
            item.row.userId = rows->text(7);
            item.row.amount = static_cast<qint32>(rows->integer(8));
            item.snapshotReadable = false;
            item.row.description = QCoreApplication::translate("RemovedQuery", "(the audit snapshot cannot be read)");
        }
        removed << item;
    }
    return removed;
}
