#include "core/history/HistoryQuery.h"

#include "core/capture/LoggedRollups.h"
#include "core/db/Database.h"
#include "core/db/RollupDdl.h"
#include "core/db/RowView.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/history/AsOfRows.h"
#include "core/ledger/TransactionRows.h"

#include <algorithm>

QString HistoryQuery::whereClause(const Dialect &d, const HistoryFilter &filter, Bindings &bindings)
{
    QStringList conditions;
    if (!filter.userId.isEmpty()) {
        conditions << QStringLiteral("\"userId\" = :user");
        bindings << std::pair{QStringLiteral(":user"), QVariant(filter.userId)};
    }
    if (filter.since.isValid()) {
        conditions << QStringLiteral("\"createdAt\" >= %1").arg(d.timestampParam(QStringLiteral(":since")));
        bindings << std::pair{QStringLiteral(":since"), QVariant(Timestamp::toSql(filter.since))};
    }
    if (filter.until.isValid()) {
        conditions << QStringLiteral("\"createdAt\" < %1").arg(d.timestampParam(QStringLiteral(":until")));
        bindings << std::pair{QStringLiteral(":until"), QVariant(Timestamp::toSql(filter.until))};
    }
    if (filter.category) {
        conditions << QStringLiteral("\"category\" = %1").arg(d.categoryParam(QStringLiteral(":category")));
        bindings << std::pair{QStringLiteral(":category"), QVariant(XpEnums::name(*filter.category))};
    }
    if (filter.sourceType) {
        conditions << QStringLiteral("\"sourceType\" = %1").arg(d.sourceTypeParam(QStringLiteral(":source_type")));
        bindings << std::pair{QStringLiteral(":source_type"), QVariant(XpEnums::name(*filter.sourceType))};
    }
    if (const QString text = filter.text.trimmed();
        text.contains(QChar(0)) || text.size() > Validation::MaxDescriptionLength) {
        // No stored text holds a NUL or is that long (Validation). Sent to the server, a NUL cuts
        // QPSQL's statement short, and a long pattern is "too complex" for SQLite's LIKE.
        conditions << QStringLiteral("1 = 0");
    } else if (!text.isEmpty()) {
        conditions << QStringLiteral("(\"description\" %1 :text ESCAPE '\\' OR \"sourceId\" %1 :text_source ESCAPE "
                                     "'\\' OR \"id\" = :text_id)")
                          .arg(d.likeOperator());
        const QString pattern = Dialect::containsPattern(filter.text.trimmed());
        bindings << std::pair{QStringLiteral(":text"), QVariant(pattern)}
                 << std::pair{QStringLiteral(":text_source"), QVariant(pattern)}
                 << std::pair{QStringLiteral(":text_id"), QVariant(filter.text.trimmed())};
    }
    return conditions.isEmpty() ? QString() : conditions.join(QStringLiteral(" AND "));
}

Result<QList<HistoryRow>> HistoryQuery::readRows(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                                                 int limit, Order order)
{
    const Dialect &d = m_db.dialect();
    Bindings bindings;
    QString where = whereClause(m_db.dialect(), filter, bindings);
    const bool newestFirst = order == Order::NewestFirst;
    if (after) {
        // Written so that a plain index on "createdAt" (or "userId", "createdAt") bounds the scan.
        const QString keyset
            = QStringLiteral("\"createdAt\" %1= %2 AND (\"createdAt\" %1 %3 OR \"id\" %1 :after_id)")
                  .arg(newestFirst ? QStringLiteral("<") : QStringLiteral(">"),
                       d.timestampParam(QStringLiteral(":after_at")), d.timestampParam(QStringLiteral(":after_at2")));
        where = where.isEmpty() ? keyset : where + QStringLiteral(" AND ") + keyset;
        bindings << std::pair{QStringLiteral(":after_at"), QVariant(Timestamp::toSql(after->createdAt))}
                 << std::pair{QStringLiteral(":after_at2"), QVariant(Timestamp::toSql(after->createdAt))}
                 << std::pair{QStringLiteral(":after_id"), QVariant(after->id)};
    }
    bindings << std::pair{QStringLiteral(":limit"), QVariant(limit)};
    const QString direction = newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const auto read
        = [&](const QString &from, const QString &condition, const Bindings &all) -> Result<QList<HistoryRow>> {
        const QString sql
            = QStringLiteral("SELECT %1 FROM %2%3 ORDER BY \"createdAt\" %4, \"id\" %4 LIMIT :limit")
                  .arg(TransactionRows::columns(), from,
                       condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition, direction);
        QList<HistoryRow> result;
        result.reserve(limit);
        // Straight from the driver's row into the compact form (HistoryRow::read).
        const Status scanned = m_db.scan(sql, all, [&](const RowView &row) { result << HistoryRow::read(row, d); });
        if (!scanned)
            return scanned.error();
        return result;
    };
    if (!filter.asOf.isValid())
        return read(QStringLiteral("\"UserXP\""), where, bindings);
    // A past moment: today's rows that were there then, through the same indexes as today's
    // pages, and the rows removed since, a page of each, merged.
    Bindings presentBindings = bindings;
    const QString present = AsOfRows::presentCondition(d, filter.asOf, presentBindings, QStringLiteral("x"));
    auto kept = read(QStringLiteral("\"UserXP\" x"),
                     where.isEmpty() ? present : present + QStringLiteral(" AND ") + where, presentBindings);
    if (!kept)
        return kept.error();
    Bindings removedBindings = bindings;
    const QString removedRows = AsOfRows::removedTable(d, filter.asOf, removedBindings) + QStringLiteral(" r");
    auto removed = read(removedRows, where, removedBindings);
    if (!removed)
        return removed.error();
    QList<HistoryRow> merged = *kept + *removed;
    const auto earlier = [](const HistoryRow &a, const HistoryRow &b) {
        return a.createdAtMs != b.createdAtMs ? a.createdAtMs < b.createdAtMs : a.idBytes() < b.idBytes();
    };
    std::sort(merged.begin(), merged.end(),
              [&](const HistoryRow &a, const HistoryRow &b) { return newestFirst ? earlier(b, a) : earlier(a, b); });
    if (merged.size() > limit)
        merged.resize(limit);
    return merged;
}

Result<QList<XpTransaction>> HistoryQuery::page(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                                                int limit, Order order)
{
    auto rows = readRows(filter, after, limit, order);
    if (!rows)
        return rows.error();
    QList<XpTransaction> result;
    result.reserve(rows->size());
    for (const HistoryRow &row : std::as_const(*rows))
        result << row.transaction();
    return result;
}

Result<std::optional<qint64>> HistoryQuery::countFromRollups()
{
    const Dialect &d = m_db.dialect();
    auto kept = LoggedRollups::readable(m_db);
    if (!kept)
        return kept.error();
    if (!*kept)
        return std::optional<qint64>();
    // One statement, one snapshot: on PostgreSQL the rollup and what the log holds after it.
    const QString pending = d.isPostgres()
        ? QStringLiteral(" + COALESCE((SELECT SUM(n) FROM %1 p), 0)").arg(LoggedRollups::pending(d))
        : QString();
    auto rows = m_db.run(
        QStringLiteral("SELECT COALESCE((SELECT SUM(n) FROM %1), 0)%2").arg(RollupDdl::hourTable(d), pending));
    if (!rows)
        return rows.error();
    return std::optional<qint64>(rows->next() ? rows->integer(0) : 0);
}

Result<qint64> HistoryQuery::count(const HistoryFilter &filter)
{
    Bindings bindings;
    const QString where = whereClause(m_db.dialect(), filter, bindings);
    if (where.isEmpty() && !filter.asOf.isValid()) {
        auto rolledUp = countFromRollups();
        if (!rolledUp)
            return rolledUp.error();
        if (*rolledUp)
            return **rolledUp;
    }
    const QString sql = filter.asOf.isValid()
        ? QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM (%1) t")
              .arg(AsOfRows::grouped(m_db.dialect(), {QStringLiteral("''")}, where, filter.asOf, bindings))
        : QStringLiteral("SELECT count(*) FROM \"UserXP\"%1")
              .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    auto counted = m_db.run(sql, bindings);
    if (!counted)
        return counted.error();
    return counted->next() ? counted->integer(0) : 0;
}

Result<std::optional<std::pair<QDateTime, QDateTime>>> HistoryQuery::timeSpan(const QString &userId)
{
    // Two subqueries, so that each of MIN and MAX is one step down an index.
    Bindings bindings;
    QString sql = QStringLiteral("SELECT (SELECT MIN(\"createdAt\") FROM \"UserXP\"), (SELECT MAX(\"createdAt\") FROM "
                                 "\"UserXP\")");
    if (!userId.isEmpty()) {
        sql = QStringLiteral("SELECT (SELECT MIN(\"createdAt\") FROM \"UserXP\" WHERE \"userId\" = :user), (SELECT "
                             "MAX(\"createdAt\") FROM \"UserXP\" WHERE \"userId\" = :user2)");
        bindings << std::pair{QStringLiteral(":user"), QVariant(userId)}
                 << std::pair{QStringLiteral(":user2"), QVariant(userId)};
    }
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    if (!rows->next() || rows->isNull(0))
        return std::optional<std::pair<QDateTime, QDateTime>>();
    const Dialect &d = m_db.dialect();
    return std::optional(std::pair{d.readTimestamp(rows->value(0)), d.readTimestamp(rows->value(1))});
}

bool HistoryQuery::hasBalance(const HistoryFilter &filter)
{
    return !filter.userId.isEmpty() && !filter.category && !filter.sourceType && filter.text.trimmed().isEmpty();
}

Result<qint64> HistoryQuery::sumOfUser(const HistoryFilter &filter, const QString &condition, const Bindings &bindings)
{
    // The index on ("userId", "createdAt", "amount") answers this without reading the rows.
    Bindings all = bindings;
    all << std::pair{QStringLiteral(":user"), QVariant(filter.userId)};
    const QString where = QStringLiteral("\"userId\" = :user")
        + (condition.isEmpty() ? QString() : QStringLiteral(" AND ") + condition);
    const QString sql = filter.asOf.isValid()
        ? QStringLiteral("SELECT COALESCE(SUM(s), 0) FROM (%1) t")
              .arg(AsOfRows::grouped(m_db.dialect(), {QStringLiteral("''")}, where, filter.asOf, all))
        : QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE %1").arg(where);
    auto summed = m_db.run(sql, all);
    if (!summed)
        return summed.error();
    return summed->next() ? summed->integer(0) : 0;
}

Result<qint64> HistoryQuery::startBalance(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                                          Order order)
{
    const bool newestFirst = order == Order::NewestFirst;
    if (after && after->balance)
        return newestFirst ? *after->balance - after->amount : *after->balance;
    const Dialect &d = m_db.dialect();
    Bindings bindings;
    if (after) {
        // A cursor without a balance: the total after its row, from the user's rows up to it.
        bindings << std::pair{QStringLiteral(":at"), QVariant(Timestamp::toSql(after->createdAt))}
                 << std::pair{QStringLiteral(":at2"), QVariant(Timestamp::toSql(after->createdAt))}
                 << std::pair{QStringLiteral(":id"), QVariant(after->id)};
        auto upTo
            = sumOfUser(filter,
                        QStringLiteral("\"createdAt\" <= %1 AND (\"createdAt\" < %2 OR \"id\" <= :id)")
                            .arg(d.timestampParam(QStringLiteral(":at")), d.timestampParam(QStringLiteral(":at2"))),
                        bindings);
        if (!upTo)
            return upTo.error();
        if (!newestFirst)
            return *upTo;
        // Newest first the page starts at the row after the cursor: take the cursor's own amount off.
        auto own = sumOfUser(filter, QStringLiteral("\"id\" = :id"),
                             {std::pair{QStringLiteral(":id"), QVariant(after->id)}});
        if (!own)
            return own.error();
        return *upTo - *own;
    }
    // Newest first: every row before the period's end is at or before the first row shown.
    // Oldest first: the rows before the period's start are what the first row adds to.
    const QDateTime bound = newestFirst ? filter.until : filter.since;
    if (!bound.isValid())
        return newestFirst ? sumOfUser(filter, {}, {}) : Result<qint64>(qint64(0));
    bindings << std::pair{QStringLiteral(":bound"), QVariant(Timestamp::toSql(bound))};
    return sumOfUser(filter, QStringLiteral("\"createdAt\" < %1").arg(d.timestampParam(QStringLiteral(":bound"))),
                     bindings);
}

Result<QList<HistoryRow>> HistoryQuery::compactPage(const HistoryFilter &filter,
                                                    const std::optional<HistoryCursor> &after, int limit, Order order)
{
    auto rows = readRows(filter, after, limit, order);
    if (!rows || !hasBalance(filter) || rows->isEmpty())
        return rows;
    auto start = startBalance(filter, after, order);
    if (!start)
        return start.error();
    // Within the page the balance moves by each row's amount: newest first it is the total after
    // the row, which is the one after the row above less that row's amount.
    qint64 balance = *start;
    const bool newestFirst = order == Order::NewestFirst;
    for (qsizetype i = 0; i < rows->size(); ++i) {
        if (newestFirst && i > 0)
            balance -= (*rows)[i - 1].amount;
        else if (!newestFirst)
            balance += (*rows)[i].amount;
        (*rows)[i].balance = balance;
    }
    return rows;
}

Result<HistoryPage> HistoryQuery::pageWithBalances(const HistoryFilter &filter,
                                                   const std::optional<HistoryCursor> &after, int limit, Order order)
{
    auto rows = compactPage(filter, after, limit, order);
    if (!rows)
        return rows.error();
    HistoryPage result;
    result.rows.reserve(rows->size());
    const bool balances = hasBalance(filter);
    if (balances)
        result.balances.reserve(rows->size());
    for (const HistoryRow &row : std::as_const(*rows)) {
        result.rows << row.transaction();
        if (balances)
            result.balances << row.balance;
    }
    return result;
}
