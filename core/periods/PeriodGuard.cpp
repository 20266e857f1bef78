#include "core/periods/PeriodGuard.h"

#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/periods/Periods.h"

#include <QSet>

namespace {

QString shownTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

} // namespace

Result<std::optional<ClosedPeriod>> PeriodGuard::closed()
{
    if (!m_read) {
        auto current = Periods(m_db).current();
        if (!current)
            return current.error();
        m_closed = *current;
        m_read = true;
    }
    return m_closed;
}

Status PeriodGuard::holdOffCloses()
{
    if (m_holding || !m_db.dialect().isPostgres())
        return {};
    if (m_read)
        m_read = false; // read again under the lock: a close may have committed meanwhile
    auto locked = m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock_shared(%1)").arg(AdvisoryLocks::Periods));
    if (!locked)
        return locked.error();
    m_holding = true;
    return {};
}

Status PeriodGuard::allowRows(const QList<XpTransaction> &rows, const QString &action)
{
    if (const Status s = holdOffCloses(); !s)
        return s;
    auto inside = rowsInPeriod(rows);
    if (!inside)
        return inside.error();
    if (inside->isEmpty())
        return {};
    return Error::conflict(
        QCoreApplication::translate("ClosedPeriod", "Refused to %1: %2. Nothing was changed.").arg(action, *inside));
}

Result<QString> PeriodGuard::rowsInPeriod(const QList<XpTransaction> &rows)
{
    auto period = closed();
    if (!period)
        return period.error();
    if (!*period)
        return QString();
    QList<const XpTransaction *> inside;
    for (const XpTransaction &row : rows) {
        if (row.createdAt <= (*period)->boundary)
            inside << &row;
    }
    if (inside.isEmpty())
        return QString();
    const XpTransaction &first = *inside.constFirst();
    return (*period)->inPeriod(firstOf(inside.size(), first.id, first.createdAt));
}

Result<QString> PeriodGuard::sourceInPeriod(SourceType type, const QString &sourceId)
{
    auto period = closed();
    if (!period)
        return period.error();
    if (!*period)
        return QString();
    const Dialect &d = m_db.dialect();
    // The oldest first, as the rows of a rollback are listed; the count of all in the period.
    auto rows = m_db.run(
        QStringLiteral("SELECT \"id\", \"createdAt\", count(*) OVER () FROM \"UserXP\" WHERE \"sourceType\" = %1 AND "
                       "\"sourceId\" = :source_id AND \"createdAt\" <= %2 ORDER BY \"createdAt\", \"id\" LIMIT 1")
            .arg(d.sourceTypeParam(QStringLiteral(":source_type")), d.timestampParam(QStringLiteral(":boundary"))),
        {{QStringLiteral(":source_type"), XpEnums::name(type)},
         {QStringLiteral(":source_id"), sourceId},
         {QStringLiteral(":boundary"), Timestamp::toSql((*period)->boundary)}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return QString();
    return (*period)->inPeriod(firstOf(rows->integer(2), rows->text(0), d.readTimestamp(rows->value(1))));
}

QString PeriodGuard::firstOf(qint64 count, const QString &id, const QDateTime &createdAt)
{
    return count == 1 ? tr("transaction %1 (created %2)").arg(Validation::quoted(id), shownTime(createdAt))
                      : tr("the first of %1 of these transactions, %2 (created %3),")
                            .arg(count)
                            .arg(Validation::quoted(id), shownTime(createdAt));
}

Status PeriodGuard::allowDatedFrom(const QDateTime &from, const QString &action)
{
    if (const Status s = holdOffCloses(); !s)
        return s;
    auto period = closed();
    if (!period)
        return period.error();
    if (!*period || from > (*period)->boundary)
        return {};
    return Error::conflict((*period)->refusal(action, tr("a transaction dated %1 or later").arg(shownTime(from))));
}

Result<QStringList> PeriodGuard::changedSinceClose(const QStringList &userIds)
{
    auto period = closed();
    if (!period)
        return period.error();
    if (!*period)
        return QStringList();
    // The rows up to the boundary, less the totals kept: a user left with anything but 0 differs.
    Bindings bindings{{QStringLiteral(":period"), (*period)->id},
                      {QStringLiteral(":boundary"), Timestamp::toSql((*period)->boundary)}};
    QString onlyRows;
    QString onlyTotals;
    if (!userIds.isEmpty()) {
        QStringList names;
        for (int i = 0; i < userIds.size(); ++i) {
            names << QStringLiteral(":u%1").arg(i);
            bindings << std::pair{names.constLast(), QVariant(userIds.at(i))};
        }
        onlyRows = QStringLiteral(" AND \"userId\" IN (%1)").arg(names.join(QStringLiteral(", ")));
        onlyTotals = QStringLiteral(" AND user_id IN (%1)").arg(names.join(QStringLiteral(", ")));
    }
    auto rows = m_db.run(
        QStringLiteral("SELECT u FROM (SELECT \"userId\" AS u, \"amount\" AS a FROM \"UserXP\" WHERE \"createdAt\" <= "
                       "%1%2 UNION ALL SELECT user_id, -total FROM %3 WHERE period_id = :period%4) s GROUP BY u HAVING "
                       "SUM(a) <> 0 ORDER BY u")
            .arg(m_db.dialect().timestampParam(QStringLiteral(":boundary")), onlyRows,
                 m_db.dialect().ownTable(QStringLiteral("period_total")), onlyTotals),
        bindings);
    if (!rows)
        return rows.error();
    QStringList changed;
    while (rows->next())
        changed << rows->text(0);
    return changed;
}

Status PeriodGuard::allowRecalc(const QStringList &userIds, const QString &action)
{
    if (userIds.isEmpty())
        return {};
    if (const Status s = holdOffCloses(); !s)
        return s;
    auto period = closed();
    if (!period)
        return period.error();
    if (!*period)
        return {};
    // A few users are asked about by name; many at once by one pass over the closed period.
    constexpr qsizetype ByName = 200;
    auto changed = changedSinceClose(userIds.size() <= ByName ? userIds : QStringList());
    if (!changed)
        return changed.error();
    const QSet<QString> asked(userIds.cbegin(), userIds.cend());
    QStringList refused;
    for (const QString &userId : std::as_const(*changed)) {
        if (asked.contains(userId))
            refused << userId;
    }
    if (refused.isEmpty())
        return {};
    const QString what = refused.size() == 1
        ? tr("the total of user %1 as it stood at the close (its rows up to that day no longer add up to it)")
              .arg(Validation::quoted(refused.constFirst()))
        : tr("the totals of %1 users as they stood at the close, the first %2 (their rows up to that day no longer "
             "add up to them)")
              .arg(refused.size())
              .arg(Validation::quoted(refused.constFirst()));
    return Error::conflict((*period)->refusal(action, what));
}
