#include "core/statement/LedgerDiff.h"

#include "core/audit/AuditLog.h"
#include "core/audit/SnapshotSql.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/history/AsOfRows.h"
#include "core/ledger/RowReconciler.h"
#include "core/ledger/TransactionRows.h"
#include "core/ledger/Verifier.h"
#include "core/users/UserQuery.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace {

// Users summed in one statement, as many as one IN (...) list takes.
constexpr qsizetype UsersPerStatement = 500;

} // namespace

Result<LedgerDiff> LedgerDiffQuery::read(const QDateTime &from, const QDateTime &to, const QString &userId)
{
    if (!from.isValid() || !to.isValid())
        return Error::input(tr("A difference needs two moments, --from and --to"));
    if (from >= to)
        return Error::input(
            tr("The first moment %1 is not before the second %2").arg(Timestamp::toIso(from), Timestamp::toIso(to)));
    LedgerDiff diff;
    diff.from = from;
    diff.to = to;
    diff.userId = userId;
    const Status status = m_db.readTransaction([&]() -> Status {
        if (const Status s = readRows(diff); !s)
            return s;
        if (const Status s = readTotals(diff); !s)
            return s;
        return checkChain(diff);
    });
    if (!status)
        return status.error();
    return diff;
}

Status LedgerDiffQuery::readRows(LedgerDiff &diff)
{
    const Dialect &d = m_db.dialect();
    const QString audit = d.ownTable(QStringLiteral("audit_event"));
    Bindings bindings;
    int next = 0;
    const auto moment = [&](const QDateTime &value) {
        const QString name = QStringLiteral(":t%1").arg(++next);
        bindings << std::pair{name, QVariant(Timestamp::toSql(value))};
        return d.timestampParam(name);
    };
    const auto user = [&](const QString &column) {
        if (diff.userId.isEmpty())
            return QString();
        const QString name = QStringLiteral(":u%1").arg(++next);
        bindings << std::pair{name, QVariant(diff.userId)};
        return QStringLiteral(" AND %1 = %2").arg(column, name);
    };
    const QString o = SnapshotSql::row(d);
    // Only a row with a row event in between, or created in between, can differ. The third kind:
    // a row the log never saw added, created in between and removed since.
    const QString candidates
        = QStringLiteral("SELECT xp_id AS id FROM %1 WHERE at > %2 AND at <= %3 AND xp_id IS NOT NULL "
                         "AND action IN (%4)%5 "
                         "UNION SELECT \"id\" FROM \"UserXP\" WHERE \"createdAt\" > %6 AND \"createdAt\" <= %7%8 "
                         "UNION SELECT e.xp_id FROM %1 e%9 WHERE e.at > %10 AND e.action IN (%11)%12 AND %13 > %14 "
                         "AND %13 <= %15")
              .arg(audit, moment(diff.from), moment(diff.to),
                   RowReconciler::sqlList(RowReconciler::addingActions() + RowReconciler::removingActions()),
                   user(QStringLiteral("user_id")), moment(diff.from), moment(diff.to),
                   user(QStringLiteral("\"userId\"")), SnapshotSql::parse(d))
              .arg(moment(diff.to), RowReconciler::sqlList(RowReconciler::removingActions()),
                   user(QStringLiteral("e.user_id")), SnapshotSql::timestamp(d, o, QStringLiteral("createdAt")),
                   moment(diff.from), moment(diff.to));
    // Each moment's rows in two parts, each read through its own index (AsOfRows).
    QStringList parts;
    for (const auto &[side, moment] : {std::pair{0, diff.from}, std::pair{1, diff.to}}) {
        const QString tag = side == 0 ? QStringLiteral("a") : QStringLiteral("b");
        parts << QStringLiteral("SELECT %1, %2 FROM \"UserXP\" x WHERE x.\"id\" IN (SELECT id FROM c) AND %3")
                     .arg(QString::number(side), TransactionRows::columns(QStringLiteral("x")),
                          AsOfRows::presentCondition(d, moment, bindings, QStringLiteral("x"),
                                                     tag + QStringLiteral("p")))
              << QStringLiteral("SELECT %1, %2 FROM %3 r WHERE r.\"id\" IN (SELECT id FROM c)")
                     .arg(QString::number(side), TransactionRows::columns(QStringLiteral("r")),
                          AsOfRows::removedTable(d, moment, bindings, tag + QStringLiteral("r")));
    }
    auto rows = m_db.run(QStringLiteral("WITH c AS (%1) %2").arg(candidates, parts.join(QStringLiteral(" UNION ALL "))),
                         bindings);
    if (!rows)
        return rows.error();
    QHash<QString, XpTransaction> earlier;
    QHash<QString, XpTransaction> later;
    while (rows->next())
        (rows->integer(0) == 0 ? earlier : later).insert(rows->text(1), TransactionRows::read(*rows, d, 1));

    Bindings restoreBindings;
    next = 0;
    bindings.clear();
    const QString restoredSql
        = QStringLiteral("SELECT DISTINCT xp_id FROM %1 WHERE action = 'restore' AND at > %2 AND at <= %3")
              .arg(audit, moment(diff.from), moment(diff.to));
    auto restored = m_db.run(restoredSql, bindings);
    if (!restored)
        return restored.error();
    QSet<QString> restoredIds;
    while (restored->next())
        restoredIds.insert(restored->text(0));

    for (auto it = later.cbegin(); it != later.cend(); ++it) {
        if (!earlier.contains(it.key()))
            diff.rows << DiffRow{restoredIds.contains(it.key()) ? DiffRow::Change::Restored : DiffRow::Change::Added,
                                 it.value()};
    }
    for (auto it = earlier.cbegin(); it != earlier.cend(); ++it) {
        if (!later.contains(it.key()))
            diff.rows << DiffRow{DiffRow::Change::Removed, it.value()};
    }
    std::sort(diff.rows.begin(), diff.rows.end(), [](const DiffRow &a, const DiffRow &b) {
        return a.row.createdAt != b.row.createdAt ? a.row.createdAt < b.row.createdAt : a.row.id < b.row.id;
    });
    return {};
}

Status LedgerDiffQuery::readTotals(LedgerDiff &diff)
{
    QHash<QString, DiffUser> users;
    for (const DiffRow &change : std::as_const(diff.rows)) {
        DiffUser &user = users[change.row.userId];
        user.userId = change.row.userId;
        (change.change == DiffRow::Change::Removed ? user.removed : user.added) += change.row.amount;
    }
    if (!diff.userId.isEmpty() && !users.contains(diff.userId))
        users.insert(diff.userId, DiffUser{diff.userId, {}, 0, 0, 0, 0});
    QStringList ids = users.keys();
    std::sort(ids.begin(), ids.end());
    const Dialect &d = m_db.dialect();
    for (qsizetype start = 0; start < ids.size(); start += UsersPerStatement) {
        const QStringList chunk = ids.mid(start, UsersPerStatement);
        for (const bool later : {false, true}) {
            Bindings bindings;
            QStringList names;
            for (qsizetype i = 0; i < chunk.size(); ++i) {
                names << QStringLiteral(":user%1").arg(i);
                bindings << std::pair{names.constLast(), QVariant(chunk.at(i))};
            }
            const QString where = QStringLiteral("\"userId\" IN (%1)").arg(names.join(QStringLiteral(", ")));
            auto rows = m_db.run(
                AsOfRows::grouped(d, {QStringLiteral("\"userId\"")}, where, later ? diff.to : diff.from, bindings),
                bindings);
            if (!rows)
                return rows.error();
            while (rows->next())
                (later ? users[rows->text(0)].after : users[rows->text(0)].before) = rows->integer(1);
        }
    }
    auto labels = UserQuery(m_db).labels(ids);
    if (!labels)
        return labels.error();
    for (const QString &id : std::as_const(ids)) {
        DiffUser user = users.value(id);
        user.label = labels->value(id);
        diff.users << user;
    }
    return {};
}

Status LedgerDiffQuery::checkChain(LedgerDiff &diff)
{
    const Dialect &d = m_db.dialect();
    const QString audit = d.ownTable(QStringLiteral("audit_event"));
    auto range = m_db.run(
        QStringLiteral("SELECT (SELECT at FROM %1 ORDER BY seq LIMIT 1), "
                       "(SELECT MIN(seq) FROM %1 WHERE at > %2), (SELECT MAX(seq) FROM %1 WHERE at <= %3)")
            .arg(audit, d.timestampParam(QStringLiteral(":from")), d.timestampParam(QStringLiteral(":to"))),
        {{QStringLiteral(":from"), Timestamp::toSql(diff.from)}, {QStringLiteral(":to"), Timestamp::toSql(diff.to)}});
    if (!range)
        return range.error();
    if (!range->next() || range->isNull(0))
        return {};
    diff.logBegins = d.readTimestamp(range->value(0));
    if (range->isNull(1) || range->isNull(2))
        return {};
    const qint64 first = range->integer(1);
    const qint64 last = range->integer(2);
    AuditLog log(m_db);
    // The event before the stretch gives the hash it must follow.
    qint64 seq = first - 1;
    QString hash = AuditLog::genesisHash();
    if (seq > 0) {
        auto previous = m_db.run(QStringLiteral("SELECT hash FROM %1 WHERE seq = :seq").arg(audit),
                                 {{QStringLiteral(":seq"), seq}});
        if (!previous)
            return previous.error();
        if (!previous->next()) {
            diff.brokenSeq = first;
            diff.brokenReason = tr("audit event %1 is missing: event %2 follows nothing").arg(seq).arg(first);
            return {};
        }
        hash = previous->text(0);
    }
    constexpr int PageSize = 10000;
    while (seq < last) {
        auto page = log.page(seq, PageSize);
        if (!page)
            return page.error();
        QList<AuditEvent> events;
        for (const AuditEvent &event : std::as_const(*page))
            if (event.seq <= last)
                events << event;
        if (events.isEmpty())
            break;
        const Verifier::PageCheck check = Verifier::checkPage(events, seq, hash);
        diff.eventsChecked += check.events;
        if (check.brokenSeq) {
            diff.brokenSeq = check.brokenSeq;
            diff.brokenReason = check.brokenReason;
            return {};
        }
        seq = events.constLast().seq;
        hash = events.constLast().hash;
        if (page->size() < PageSize)
            break;
    }
    return {};
}
