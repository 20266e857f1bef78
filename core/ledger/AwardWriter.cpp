#include "core/ledger/AwardWriter.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/TotalWriter.h"
#include "core/ledger/TransactionRows.h"
#include "core/reasons/ReasonCodes.h"

#include <QCoreApplication>

namespace {

// After AuditLog::endColumns (three columns): whether the user exists, the sum of their
// transactions before this one, their cached total (NULL without a profile); on PostgreSQL the
// transaction's id, kept to settle a commit whose answer was lost (the write goes with COMMIT).
QString readSql(const Dialect &d)
{
    // Each value its own name: Qt's SQLite statements bind a name once.
    return QStringLiteral("SELECT %1, EXISTS (SELECT 1 FROM \"User\" WHERE \"id\" = :known), "
                          "(SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE \"userId\" = :summed), "
                          "(SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = :cached)%2")
        .arg(AuditLog::endColumns(d), d.isPostgres() ? QStringLiteral(", txid_current()") : QString());
}

} // namespace

Result<StoredTotal> AwardWriter::add(const XpTransaction &row, const QString &action, const QString &operationId,
                                     const ReasonTag &tag, bool recordTag)
{
    Q_ASSERT(m_db.inTransaction());
    const Dialect &d = m_db.dialect();
    QList<BoundStatement> first;
    if (d.isPostgres()) {
        // The user's lock before the log's, as every operation takes them.
        first << Ledger::userLock(row.userId) << AuditLog::lockStatement();
    }
    first << BoundStatement{readSql(d),
                            {{QStringLiteral(":known"), row.userId},
                             {QStringLiteral(":summed"), row.userId},
                             {QStringLiteral(":cached"), row.userId}}};
    auto read = m_db.runTogether(first);
    if (!read)
        return read.error();
    [[maybe_unused]] const bool one = read->next(); // a SELECT without FROM: always one row
    Q_ASSERT(one);
    if (!read->value(3).toBool())
        return Error::input(QCoreApplication::translate("Ledger", "Unknown user %1: no such id in \"User\"")
                                .arg(Validation::quoted(row.userId)));
    // Under the user's lock no other desk changes their rows: the sum with this row is the sum
    // before it plus its amount.
    const StoredTotal total{read->isNull(5) ? 0 : read->integer(5), read->integer(4) + row.amount};
    if (d.isPostgres())
        m_db.setTransactionId(read->integer(6));
    if (const Status s = TotalWriter::checkFits(row.userId, total.after); !s)
        return s.error();

    AuditLog log(m_db);
    auto tail = log.tailFrom(*read, 0);
    if (!tail)
        return tail.error();
    QList<AuditEvent> events = RowEvents::make(action, operationId, {row}, RowEvents::Effect::Added, row.description,
                                               {{row.userId, total}}, tag);
    AuditLog::seal(events, *tail);
    const ReasonTag *recorded = recordTag && !tag.isEmpty() ? &tag : nullptr;
    const Status written = d.isPostgres() ? writeTogether(row, total.after, events.constFirst(), recorded)
                                          : writeInTurn(row, total.after, events.constFirst(), recorded);
    if (!written)
        return written.error();
    log.witness(events.constFirst());
    return total;
}

Status AwardWriter::writeTogether(const XpTransaction &row, qint64 total, const AuditEvent &event, const ReasonTag *tag)
{
    const Dialect &d = m_db.dialect();
    // One statement, sent with COMMIT: the row, the total, the event (and the reason) together.
    QString sql = QStringLiteral("WITH added AS (%1), total AS (%2)")
                      .arg(TransactionRows::insertSql(d), TotalWriter::upsertSql(d));
    Bindings bindings = TransactionRows::insertBindings(row) + TotalWriter::upsertBindings(row.userId, total)
        + AuditLog::insertBindings(event);
    if (tag) {
        sql += QStringLiteral(", event AS (%1) %2").arg(AuditLog::insertSql(d), ReasonCodes::recordSql(d));
        bindings += ReasonCodes::recordBindings(row.id, *tag);
    } else {
        sql += QLatin1Char(' ') + AuditLog::insertSql(d);
    }
    return m_db.runWithCommit(sql, bindings);
}

Status AwardWriter::writeInTurn(const XpTransaction &row, qint64 total, const AuditEvent &event, const ReasonTag *tag)
{
    const Dialect &d = m_db.dialect();
    QList<BoundStatement> statements{{TransactionRows::insertSql(d), TransactionRows::insertBindings(row)},
                                     {TotalWriter::upsertSql(d), TotalWriter::upsertBindings(row.userId, total)},
                                     {AuditLog::insertSql(d), AuditLog::insertBindings(event)}};
    if (tag)
        statements << BoundStatement{ReasonCodes::recordSql(d), ReasonCodes::recordBindings(row.id, *tag)};
    for (const auto &[sql, bindings] : std::as_const(statements)) {
        if (auto rows = m_db.run(sql, bindings); !rows)
            return rows.error();
    }
    return {};
}
