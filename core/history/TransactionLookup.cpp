#include "core/history/TransactionLookup.h"

#include "core/db/Database.h"
#include "core/ledger/TransactionRows.h"

Result<TransactionLookup::Found> TransactionLookup::find(const QString &transactionId)
{
    Found found;
    const Dialect &d = m_db.dialect();
    auto rows = m_db.run(QStringLiteral("SELECT %1 FROM \"UserXP\" WHERE \"id\" = :id").arg(TransactionRows::columns()),
                         {{QStringLiteral(":id"), transactionId}});
    if (!rows)
        return rows.error();
    if (rows->next()) {
        found.transaction = TransactionRows::read(*rows, d);
        found.userId = found.transaction->userId;
    }
    // A row in the ledger: the newest event that wrote it (a restored row was written last by its
    // restore). A removed one: the newest event, the removal. The index on (xp_id, seq) keeps this
    // to the few events of the one row.
    const QString writingFirst = found.transaction
        ? QStringLiteral("CASE WHEN action IN ('rollback', 'delete-source') THEN 1 ELSE 0 END, ")
        : QString();
    auto events = m_db.run(QStringLiteral("SELECT seq, user_id FROM %1 WHERE xp_id = :xp ORDER BY %2seq DESC LIMIT 1")
                               .arg(d.ownTable(QStringLiteral("audit_event")), writingFirst),
                           {{QStringLiteral(":xp"), transactionId}});
    if (!events)
        return events.error();
    if (events->next()) {
        found.event = events->integer(0);
        if (found.userId.isEmpty())
            found.userId = events->text(1);
    }
    return found;
}
