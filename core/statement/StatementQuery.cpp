#include "core/statement/StatementQuery.h"

#include "core/audit/SnapshotSql.h"
#include "core/db/Database.h"
#include "core/db/RowView.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/history/AsOfRows.h"
#include "core/history/HistoryRow.h"
#include "core/ledger/RowReconciler.h"
#include "core/ledger/TransactionRows.h"
#include "core/reasons/ReasonCodes.h"
#include "core/users/UserQuery.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <vector>

namespace {

// The period's bounds on a time column, with their bindings; `suffix` keeps placeholders apart.
QString periodCondition(const Dialect &d, const QString &column, const Statement &statement, const QString &suffix,
                        Bindings &bindings)
{
    QString condition;
    if (statement.since.isValid()) {
        const QString name = QStringLiteral(":since") + suffix;
        condition += QStringLiteral(" AND %1 >= %2").arg(column, d.timestampParam(name));
        bindings << std::pair{name, QVariant(Timestamp::toSql(statement.since))};
    }
    if (statement.until.isValid()) {
        const QString name = QStringLiteral(":until") + suffix;
        condition += QStringLiteral(" AND %1 < %2").arg(column, d.timestampParam(name));
        bindings << std::pair{name, QVariant(Timestamp::toSql(statement.until))};
    }
    return condition;
}

// The columns of TransactionRows::read(): the row from the table (alias x) while it exists, else
// from the event's snapshot.
QString rowColumns(const Dialect &d)
{
    const QString o = SnapshotSql::row(d);
    const auto field = [&](const QString &name) {
        return QStringLiteral("COALESCE(CAST(x.\"%1\" AS TEXT), %2)").arg(name, SnapshotSql::field(d, o, name));
    };
    return QStringList{
        QStringLiteral("e.xp_id"),
        QStringLiteral("e.user_id"),
        QStringLiteral("e.amount"),
        field(QStringLiteral("sourceType")),
        field(QStringLiteral("sourceId")),
        field(QStringLiteral("description")),
        field(QStringLiteral("category")),
        QStringLiteral("COALESCE(x.\"createdAt\", %1)").arg(SnapshotSql::timestamp(d, o, QStringLiteral("createdAt"))),
        QStringLiteral("COALESCE(x.\"updatedAt\", %1, %2)")
            .arg(SnapshotSql::timestamp(d, o, QStringLiteral("updatedAt")),
                 SnapshotSql::timestamp(d, o, QStringLiteral("createdAt")))}
        .join(QStringLiteral(", "));
}

// PostgreSQL parses a snapshot only for a row that is gone; SQLite's COALESCE reads it only then.
QString lateSnapshot(const Dialect &d)
{
    return d.isPostgres() ? QStringLiteral(" CROSS JOIN LATERAL (SELECT CAST(CASE WHEN x.\"id\" IS NULL THEN "
                                           "e.snapshot ELSE '{}' END AS jsonb) AS s) j")
                          : QString();
}

StatementEntry::Kind kindOf(const QString &action)
{
    if (RowReconciler::removingActions().contains(action))
        return StatementEntry::Kind::Removed;
    if (action == QLatin1StringView("restore"))
        return StatementEntry::Kind::Restored;
    return StatementEntry::Kind::Added;
}

// The subtotals by the enum's name (as a QMap orders them), from those kept by its value.
template<typename Enum>
QList<StatementSubtotal> subtotals(const QMap<int, StatementSubtotal> &byValue)
{
    QMap<QString, StatementSubtotal> byName;
    for (auto it = byValue.cbegin(); it != byValue.cend(); ++it) {
        StatementSubtotal subtotal = it.value();
        subtotal.key = XpEnums::name(static_cast<Enum>(it.key()));
        byName.insert(subtotal.key, subtotal);
    }
    return QList<StatementSubtotal>(byName.cbegin(), byName.cend());
}

// A line's transaction. Every line is the statement's user's: one string serves all of them.
XpTransaction transactionOf(const RowView &row, int firstColumn, const Statement &statement, const Dialect &d)
{
    XpTransaction transaction = HistoryRow::readTransaction(row, d, firstColumn);
    if (transaction.userId == statement.userId)
        transaction.userId = statement.userId;
    return transaction;
}

// In time order; at the same millisecond, in the log's order (the web app's rows first). The keys
// are sorted, not the entries: a hundred thousand lines moved whole took most of the time. They
// are put in place along the permutation's cycles: they mostly come in time order already, and a
// second list of them would be tens of megabytes more to fault in.
void sortInTimeOrder(QList<StatementEntry> &entries)
{
    struct Key
    {
        qint64 at;
        qint64 seq;
        qsizetype index;
    };
    std::vector<Key> order;
    order.reserve(std::size_t(entries.size()));
    for (qsizetype i = 0; i < entries.size(); ++i)
        order.push_back({entries.at(i).at.toMSecsSinceEpoch(), entries.at(i).seq, i});
    std::stable_sort(order.begin(), order.end(),
                     [](const Key &a, const Key &b) { return a.at != b.at ? a.at < b.at : a.seq < b.seq; });
    std::vector<bool> placed(order.size(), false);
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (placed[start] || order[start].index == qsizetype(start))
            continue;
        StatementEntry held = std::move(entries[qsizetype(start)]);
        std::size_t at = start;
        while (true) {
            placed[at] = true;
            const auto from = std::size_t(order[at].index);
            if (from == start) {
                entries[qsizetype(at)] = std::move(held);
                break;
            }
            entries[qsizetype(at)] = std::move(entries[qsizetype(from)]);
            at = from;
        }
    }
}

} // namespace

Result<Statement> StatementQuery::read(const QString &userId, const QDateTime &since, const QDateTime &until)
{
    if (const Status s = Validation::requiredText(tr("user"), userId, Validation::MaxIdLength); !s)
        return s.error();
    if (since.isValid() && until.isValid() && since >= until)
        return Error::input(tr("The period is empty: its start %1 is not before its end %2")
                                .arg(Timestamp::toIso(since), Timestamp::toIso(until)));
    Statement statement;
    statement.userId = userId;
    statement.since = since;
    statement.until = until;
    const Status status = m_db.readTransaction([&]() -> Status {
        statement.madeAt = Timestamp::now();
        auto users = UserQuery(m_db).rows({userId});
        if (!users)
            return users.error();
        if (users->isEmpty())
            return Error::input(tr("There is no user %1").arg(Validation::quoted(userId)));
        const UserRow &user = users->constFirst();
        // Over all time, a line for each of the user's transactions at least (and one for each
        // removal and restore the log holds); a period's lines are not known beforehand.
        if (!since.isValid() && !until.isValid())
            statement.entries.reserve(qsizetype(user.transactions));
        statement.userName = user.name;
        statement.userEmail = user.email;
        if (!until.isValid())
            statement.cachedTotal = user.totalXP;
        if (since.isValid()) {
            auto opening = balanceAt(userId, since.addMSecs(-1));
            if (!opening)
                return opening.error();
            statement.opening = *opening;
        }
        if (until.isValid()) {
            auto closing = balanceAt(userId, until.addMSecs(-1));
            if (!closing)
                return closing.error();
            statement.rebuiltClosing = *closing;
        } else {
            // Up to now: the sum of the user's rows, read with the user in this snapshot.
            statement.rebuiltClosing = user.sum;
        }
        auto reasons = ReasonCodes(m_db).catalog();
        if (!reasons)
            return reasons.error();
        statement.reasons = *reasons;
        if (const Status s = readEntries(statement); !s)
            return s;
        if (const Status s = readExternal(statement); !s)
            return s;
        if (const Status s = readDrift(statement); !s)
            return s;
        return readLogStart(statement);
    });
    if (!status)
        return status.error();

    sortInTimeOrder(statement.entries);

    // Only a removed row's earlier line is marked; most rows are never removed.
    QSet<QString> removedIds;
    for (const StatementEntry &entry : std::as_const(statement.entries)) {
        if (entry.kind == StatementEntry::Kind::Removed)
            removedIds.insert(entry.row.id);
    }
    qint64 balance = statement.opening;
    QHash<QString, qsizetype> lastAdded;
    QMap<int, StatementSubtotal> byCategory;
    QMap<int, StatementSubtotal> bySourceType;
    for (qsizetype i = 0; i < statement.entries.size(); ++i) {
        StatementEntry &entry = statement.entries[i];
        balance += entry.change;
        entry.balance = balance;
        if (entry.kind == StatementEntry::Kind::Removed) {
            if (const auto added = lastAdded.constFind(entry.row.id); added != lastAdded.cend())
                statement.entries[*added].removedLater = true;
        } else if (removedIds.contains(entry.row.id)) {
            lastAdded.insert(entry.row.id, i);
        }
        for (StatementSubtotal *subtotal :
             {&byCategory[int(entry.row.category)], &bySourceType[int(entry.row.sourceType)]}) {
            (entry.change >= 0 ? subtotal->added : subtotal->removed) += entry.change;
            ++subtotal->count;
        }
    }
    statement.closing = balance;
    statement.byCategory = subtotals<Category>(byCategory);
    statement.bySourceType = subtotals<SourceType>(bySourceType);
    return statement;
}

Result<qint64> StatementQuery::balanceAt(const QString &userId, const QDateTime &moment)
{
    Bindings bindings{{QStringLiteral(":user"), userId}};
    const QString sql = QStringLiteral("SELECT COALESCE(SUM(s), 0) FROM (%1) t")
                            .arg(AsOfRows::grouped(m_db.dialect(), {QStringLiteral("''")},
                                                   QStringLiteral("\"userId\" = :user"), moment, bindings));
    auto rows = m_db.run(sql, bindings);
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}

Status StatementQuery::readEntries(Statement &statement)
{
    const Dialect &d = m_db.dialect();
    Bindings bindings{{QStringLiteral(":user"), statement.userId}};
    const QString period = periodCondition(d, QStringLiteral("e.at"), statement, QString(), bindings);
    // The user's index on the log (user_id, seq) finds the events; the row by its primary key.
    return m_db.scan(
        QStringLiteral("SELECT e.seq, e.at, e.actor, e.operator, e.action, e.reason, r.reason_code, r.ticket, %1 "
                       "FROM %2 e LEFT JOIN \"UserXP\" x ON x.\"id\" = e.xp_id AND e.action NOT IN (%6)%3 "
                       "LEFT JOIN %7 r ON r.xp_id = e.xp_id "
                       "WHERE e.user_id = :user AND e.xp_id IS NOT NULL AND e.action IN (%4)%5 ORDER BY e.seq")
            .arg(rowColumns(d), d.ownTable(QStringLiteral("audit_event")), lateSnapshot(d),
                 RowReconciler::sqlList(RowReconciler::addingActions() + RowReconciler::removingActions()), period,
                 // A row rewritten outside XP Admin: each of its two images as the event kept it.
                 RowReconciler::sqlList({QStringLiteral("db-update-before"), QStringLiteral("db-update")}),
                 d.ownTable(QStringLiteral("xp_reason"))),
        bindings, [&](const RowView &row) {
            StatementEntry entry;
            entry.seq = row.integer(0);
            entry.at = HistoryRow::timestamp(row, 1, d);
            entry.actor = row.string(2);
            entry.operatorName = row.string(3);
            entry.action = row.string(4);
            entry.reason = row.string(5);
            entry.reasonTag = {row.string(6), row.string(7)};
            entry.row = transactionOf(row, 8, statement, d);
            entry.kind = kindOf(entry.action);
            entry.change = entry.kind == StatementEntry::Kind::Removed ? -qint64(entry.row.amount) : entry.row.amount;
            statement.entries.append(std::move(entry));
        });
}

Status StatementQuery::readExternal(Statement &statement)
{
    const Dialect &d = m_db.dialect();
    const QString audit = d.ownTable(QStringLiteral("audit_event"));
    const QString rowActions
        = RowReconciler::sqlList(RowReconciler::addingActions() + RowReconciler::removingActions());
    Bindings bindings{{QStringLiteral(":user"), statement.userId}};
    const QString present = periodCondition(d, QStringLiteral("x.\"createdAt\""), statement, QString(), bindings);
    bindings << std::pair{QStringLiteral(":user2"), QVariant(statement.userId)};
    const QString o = SnapshotSql::row(d);
    const QString gone = periodCondition(d, SnapshotSql::timestamp(d, o, QStringLiteral("createdAt")), statement,
                                         QStringLiteral("2"), bindings);
    // A row the log never saw added: in the table, its first row event (if any) not an addition;
    // or gone, its first row event the removal. The rows whose first event is an addition (fa),
    // from the user's events, are joined away once: PostgreSQL hashes them, SQLite's NOT IN
    // indexes them.
    bindings << std::pair{QStringLiteral(":user3"), QVariant(statement.userId)};
    const QString loggedAdds = QStringLiteral("WITH fa AS (SELECT f.xp_id FROM (SELECT xp_id, MIN(seq) AS s FROM %1 "
                                              "WHERE user_id = :user3 AND xp_id IS NOT NULL AND action IN (%2) "
                                              "GROUP BY xp_id) f JOIN %1 a ON a.seq = f.s WHERE a.action IN (%3)) ")
                                   .arg(audit, rowActions, RowReconciler::sqlList(RowReconciler::addingActions()));
    const QString notLoggedAdd = d.isPostgres()
        ? QStringLiteral("NOT EXISTS (SELECT 1 FROM fa WHERE fa.xp_id = x.\"id\")")
        : QStringLiteral("x.\"id\" NOT IN (SELECT xp_id FROM fa)");
    const QString sql = loggedAdds
        + QStringLiteral("SELECT %1 FROM \"UserXP\" x WHERE x.\"userId\" = :user%2 AND %5 "
                         "UNION ALL "
                         "SELECT e.xp_id, e.user_id, e.amount, %6, %7, %8, %9, %10, COALESCE(%11, %10) FROM %3 e%12 "
                         "WHERE e.user_id = :user2 AND e.action IN (%13)%14 AND NOT EXISTS (SELECT 1 FROM %3 p "
                         "WHERE p.xp_id = e.xp_id AND p.seq < e.seq AND p.action IN (%4)) "
                         "AND NOT EXISTS (SELECT 1 FROM \"UserXP\" y WHERE y.\"id\" = e.xp_id)")
              .arg(TransactionRows::columns(QStringLiteral("x")), present, audit, rowActions, notLoggedAdd,
                   d.sourceTypeParam(SnapshotSql::field(d, o, QStringLiteral("sourceType"))),
                   SnapshotSql::field(d, o, QStringLiteral("sourceId")),
                   SnapshotSql::field(d, o, QStringLiteral("description")),
                   d.categoryParam(SnapshotSql::field(d, o, QStringLiteral("category"))))
              .arg(SnapshotSql::timestamp(d, o, QStringLiteral("createdAt")),
                   SnapshotSql::timestamp(d, o, QStringLiteral("updatedAt")), SnapshotSql::parse(d),
                   RowReconciler::sqlList(RowReconciler::removingActions()), gone);
    return m_db.scan(sql, bindings, [&](const RowView &row) {
        StatementEntry entry;
        entry.kind = StatementEntry::Kind::External;
        entry.row = transactionOf(row, 0, statement, d);
        entry.at = entry.row.createdAt;
        entry.change = entry.row.amount;
        statement.entries.append(std::move(entry));
        ++statement.externalEntries;
    });
}

Status StatementQuery::readDrift(Statement &statement)
{
    const Dialect &d = m_db.dialect();
    Bindings bindings{{QStringLiteral(":user"), statement.userId}};
    QString until;
    if (statement.until.isValid()) {
        until = QStringLiteral(" AND at < %1").arg(d.timestampParam(QStringLiteral(":until")));
        bindings << std::pair{QStringLiteral(":until"), QVariant(Timestamp::toSql(statement.until))};
    }
    auto rows = m_db.run(QStringLiteral("SELECT at, action, operator, snapshot FROM %1 WHERE user_id = :user AND "
                                        "action IN ('repair', 'recalc')%2 ORDER BY seq")
                             .arg(d.ownTable(QStringLiteral("audit_event")), until),
                         bindings);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const QJsonObject snapshot = QJsonDocument::fromJson(rows->text(3).toUtf8()).object();
        DriftNote note;
        note.at = d.readTimestamp(rows->value(0));
        note.action = rows->text(1);
        note.operatorName = rows->text(2);
        note.cached = snapshot.value(QStringLiteral("totalXP_before")).toString().toLongLong();
        note.summed = snapshot.value(QStringLiteral("totalXP_after")).toString().toLongLong();
        statement.drift << note;
    }
    return {};
}

Status StatementQuery::readLogStart(Statement &statement)
{
    const Dialect &d = m_db.dialect();
    auto rows = m_db.run(QStringLiteral("SELECT (SELECT at FROM %1 ORDER BY seq LIMIT 1), (SELECT MIN(\"createdAt\") "
                                        "FROM \"UserXP\" WHERE \"userId\" = :user)")
                             .arg(d.ownTable(QStringLiteral("audit_event"))),
                         {{QStringLiteral(":user"), statement.userId}});
    if (!rows)
        return rows.error();
    if (!rows->next() || rows->isNull(0))
        return {};
    statement.logBegins = d.readTimestamp(rows->value(0));
    const QDateTime firstRow = rows->isNull(1) ? QDateTime() : d.readTimestamp(rows->value(1));
    const QDateTime start = statement.since.isValid() ? statement.since : firstRow;
    statement.logCoversPeriod = !start.isValid() || statement.logBegins <= start;
    return {};
}
