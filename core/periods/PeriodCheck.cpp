#include "core/periods/PeriodCheck.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/periods/PeriodGuard.h"
#include "core/periods/Periods.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace {

QString named(const ClosedPeriod &period)
{
    return period.kind == ClosedPeriod::Kind::Close
        ? PeriodCheck::tr("the close #%1 (up to %2)").arg(period.id).arg(period.day.toString(Qt::ISODate))
        : PeriodCheck::tr("the reopen #%1 (after %2)").arg(period.id).arg(period.day.toString(Qt::ISODate));
}

} // namespace

Result<QStringList> PeriodCheck::findings()
{
    Periods periods(m_db);
    auto list = periods.list();
    if (!list)
        return list.error();
    QStringList found;
    QSet<qint64> recorded;
    for (const ClosedPeriod &period : std::as_const(*list)) {
        recorded.insert(period.id);
        auto figures = periods.figuresOf(period.id);
        if (!figures)
            return figures.error();
        if (figures->users != period.users || figures->sum != period.sum || figures->digest != period.digest)
            found << tr("%1 no longer holds the totals it kept: %2 users, sum %3 XP now, against %4 users, sum %5 XP "
                        "and its digest when it was made")
                         .arg(named(period))
                         .arg(figures->users)
                         .arg(figures->sum)
                         .arg(period.users)
                         .arg(period.sum);
        auto rows = m_db.run(QStringLiteral("SELECT action, snapshot FROM %1 WHERE seq = :seq")
                                 .arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))),
                             {{QStringLiteral(":seq"), period.auditSeq}});
        if (!rows)
            return rows.error();
        const QJsonObject snapshot
            = rows->next() ? QJsonDocument::fromJson(rows->text(1).toUtf8()).object() : QJsonObject();
        if (snapshot.value(QStringLiteral("periodId")).toInteger() != period.id
            || snapshot.value(QStringLiteral("digest")).toString() != figures->digest
            || snapshot.value(QStringLiteral("users")).toInteger() != figures->users
            || snapshot.value(QStringLiteral("sum")).toInteger() != figures->sum)
            found << tr("%1 does not match its audit event %2: the totals kept differ from the number of users, sum "
                        "and digest the hash chain anchors")
                         .arg(named(period))
                         .arg(period.auditSeq);
    }
    {
        // Every close and reopen the log records is still there: removing one would reopen silently.
        auto rows = m_db.run(QStringLiteral("SELECT seq, snapshot FROM %1 WHERE action IN ('period-close', "
                                            "'period-reopen') ORDER BY seq")
                                 .arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            const qint64 id = QJsonDocument::fromJson(rows->text(1).toUtf8())
                                  .object()
                                  .value(QStringLiteral("periodId"))
                                  .toInteger();
            if (!recorded.contains(id))
                found << tr("the close or reopen #%1 that audit event %2 records is missing from XP Admin's period "
                            "table")
                             .arg(id)
                             .arg(rows->integer(0));
        }
    }
    PeriodGuard guard(m_db);
    auto current = guard.closed();
    if (!current)
        return current.error();
    auto changed = guard.changedSinceClose();
    if (!changed)
        return changed.error();
    if (*current && !changed->isEmpty())
        found << tr("the rows up to %1 of %n user(s) no longer add up to the totals kept when the ledger was closed "
                    "(the first: %2): a change was made in the closed period outside XP Admin",
                    nullptr, int(changed->size()))
                     .arg((*current)->day.toString(Qt::ISODate), Validation::quoted(changed->constFirst()));
    return found;
}
