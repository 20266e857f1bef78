#include "core/periods/Periods.h"

#include "core/audit/AuditLog.h"
#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/periods/PeriodEnforcement.h"

#include <QCryptographicHash>

namespace {

const QString P_PERIOD = QStringLiteral(":period");
const QString P_BOUNDARY = QStringLiteral(":boundary");

QString periodTable(const Database &db)
{
    return db.dialect().ownTable(QStringLiteral("period"));
}

QString totalTable(const Database &db)
{
    return db.dialect().ownTable(QStringLiteral("period_total"));
}

ClosedPeriod read(const SqlRows &rows, const Dialect &d)
{
    ClosedPeriod period;
    period.id = rows.integer(0);
    period.kind = rows.text(1) == QLatin1String("reopen") ? ClosedPeriod::Kind::Reopen : ClosedPeriod::Kind::Close;
    period.day = QDate::fromString(rows.text(2), Qt::ISODate);
    period.boundary = d.readTimestamp(rows.value(3));
    period.actor = rows.text(4);
    period.operatorName = rows.text(5);
    period.at = d.readTimestamp(rows.value(6));
    period.reason = rows.text(7);
    period.users = rows.integer(8);
    period.sum = rows.integer(9);
    period.digest = rows.text(10);
    period.auditSeq = rows.integer(11);
    return period;
}

} // namespace

QString Periods::columns()
{
    return QStringLiteral("id, kind, until_day, boundary, actor, operator, at, reason, users, total_sum, digest, "
                          "audit_seq");
}

Result<QDate> Periods::parseDay(const QString &field, const QString &raw)
{
    const QString text = raw.trimmed();
    const QDate day = text.size() == 10 ? QDate::fromString(text, Qt::ISODate) : QDate();
    if (!day.isValid())
        return Error::input(tr("%1 %2 is not a day: write it as 2026-11-30").arg(field, Validation::quoted(raw)));
    return day;
}

QDateTime Periods::boundaryOf(const QDate &day)
{
    return QDateTime(day.addDays(1), QTime(0, 0)).toUTC().addMSecs(-1);
}

Result<std::optional<ClosedPeriod>> Periods::current()
{
    auto rows
        = m_db.run(QStringLiteral("SELECT %1 FROM %2 ORDER BY id DESC LIMIT 1").arg(columns(), periodTable(m_db)));
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<ClosedPeriod>();
    return std::optional<ClosedPeriod>(read(*rows, m_db.dialect()));
}

Result<QList<ClosedPeriod>> Periods::list()
{
    auto rows = m_db.run(QStringLiteral("SELECT %1 FROM %2 ORDER BY id").arg(columns(), periodTable(m_db)));
    if (!rows)
        return rows.error();
    QList<ClosedPeriod> periods;
    while (rows->next())
        periods << read(*rows, m_db.dialect());
    return periods;
}

Result<QHash<QString, qint64>> Periods::totals(qint64 periodId)
{
    auto rows
        = m_db.run(QStringLiteral("SELECT user_id, total FROM %1 WHERE period_id = :period").arg(totalTable(m_db)),
                   {{P_PERIOD, periodId}});
    if (!rows)
        return rows.error();
    QHash<QString, qint64> totals;
    while (rows->next())
        totals.insert(rows->text(0), rows->integer(1));
    return totals;
}

Status Periods::checkDay(ClosedPeriod::Kind kind, const QDate &day, const std::optional<ClosedPeriod> &now) const
{
    if (!day.isValid())
        return Error::input(tr("Give the last day of the period, as 2026-11-30"));
    const QString given = day.toString(Qt::ISODate);
    if (kind == ClosedPeriod::Kind::Close) {
        const QDate today = QDate::currentDate();
        if (day >= today)
            return Error::input(tr("%1 is not over yet (today is %2 here): only a day that has ended can be closed")
                                    .arg(given, today.toString(Qt::ISODate)));
        if (now && day <= now->day)
            return Error::input(
                tr("Cannot close up to %1: the ledger is closed up to %2 already (%3); close a later day")
                    .arg(given, now->day.toString(Qt::ISODate), now->describe()));
        return {};
    }
    if (!now)
        return Error::input(tr("Nothing is closed: there is no period to reopen"));
    if (day >= now->day)
        return Error::input(
            tr("Cannot reopen after %1: the ledger is closed up to %2; to reopen, give an earlier day (what is "
               "after it becomes open again)")
                .arg(given, now->day.toString(Qt::ISODate)));
    return {};
}

Result<PeriodFigures> Periods::preview(const QDate &day)
{
    PeriodFigures figures;
    const Status status = m_db.readTransaction([&]() -> Status {
        auto now = current();
        if (!now)
            return now.error();
        if (const Status s = checkDay(ClosedPeriod::Kind::Close, day, *now); !s)
            return s;
        auto rows = m_db.run(QStringLiteral("SELECT count(*), COALESCE(SUM(t), 0) FROM (SELECT SUM(\"amount\") AS t "
                                            "FROM \"UserXP\" WHERE \"createdAt\" <= %1 GROUP BY \"userId\") s")
                                 .arg(m_db.dialect().timestampParam(P_BOUNDARY)),
                             {{P_BOUNDARY, Timestamp::toSql(boundaryOf(day))}});
        if (!rows)
            return rows.error();
        if (rows->next())
            figures = PeriodFigures{rows->integer(0), rows->integer(1), {}};
        return {};
    });
    if (!status)
        return status.error();
    return figures;
}

Result<PeriodFigures> Periods::keepTotals(qint64 periodId, const QDateTime &boundary)
{
    auto kept = m_db.run(QStringLiteral("INSERT INTO %1 (period_id, user_id, total) SELECT :period, \"userId\", "
                                        "SUM(\"amount\") FROM \"UserXP\" WHERE \"createdAt\" <= %2 GROUP BY \"userId\"")
                             .arg(totalTable(m_db), m_db.dialect().timestampParam(P_BOUNDARY)),
                         {{P_PERIOD, periodId}, {P_BOUNDARY, Timestamp::toSql(boundary)}});
    if (!kept)
        return kept.error();
    return figuresOf(periodId);
}

Result<PeriodFigures> Periods::figuresOf(qint64 periodId)
{
    // user_id is in byte order on both backends (COLLATE "C" on PostgreSQL, BINARY on SQLite), which
    // the primary key's index gives without a sort.
    auto rows = m_db.run(QStringLiteral("SELECT user_id, total FROM %1 WHERE period_id = :period ORDER BY user_id")
                             .arg(totalTable(m_db)),
                         {{P_PERIOD, periodId}});
    if (!rows)
        return rows.error();
    PeriodFigures figures;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (rows->next()) {
        const qint64 total = rows->integer(1);
        hash.addData(ClosedPeriod::digestLine(rows->text(0), total));
        ++figures.users;
        figures.sum += total;
    }
    figures.digest = QString::fromLatin1(hash.result().toHex());
    return figures;
}

Result<ClosedPeriod> Periods::close(const QDate &day, const QString &reason)
{
    return record(ClosedPeriod::Kind::Close, day, reason);
}

Result<ClosedPeriod> Periods::reopen(const QDate &day, const QString &reason)
{
    return record(ClosedPeriod::Kind::Reopen, day, reason);
}

Result<ClosedPeriod> Periods::record(ClosedPeriod::Kind kind, const QDate &day, const QString &reason)
{
    if (const Status s = Validation::requiredText(tr("reason"), reason, Validation::MaxReasonLength); !s)
        return s.error();
    if (const Status s = m_db.requireWritable(); !s)
        return s.error();
    ClosedPeriod period;
    const Status status = m_db.writeTransaction([&]() -> Status {
        const bool postgres = m_db.dialect().isPostgres();
        if (postgres) {
            // One close or reopen at a time, and none while a change checked against the closed period
            // is under way (PeriodGuard::holdOffCloses). Then no row of "UserXP" changes while the
            // totals are taken (SHARE: the writers wait, the readers do not).
            if (auto lock = m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(AdvisoryLocks::Periods));
                !lock)
                return lock.error();
        }
        auto now = current();
        if (!now)
            return now.error();
        if (const Status s = checkDay(kind, day, *now); !s)
            return s;
        if (postgres) {
            if (const Status s = PeriodEnforcement(m_db).ensure(); !s)
                return s;
            if (const Status s = m_db.execute(QStringLiteral("LOCK TABLE \"UserXP\" IN SHARE MODE")); !s)
                return s;
        }
        period = {};
        period.id = *now ? (*now)->id + 1 : 1;
        period.kind = kind;
        period.day = day;
        period.boundary = boundaryOf(day);
        period.actor = m_db.actor();
        period.operatorName = m_db.operatorName();
        period.at = Timestamp::now();
        period.reason = reason.trimmed();
        auto figures = keepTotals(period.id, period.boundary);
        if (!figures)
            return figures.error();
        period.users = figures->users;
        period.sum = figures->sum;
        period.digest = figures->digest;

        AuditEvent event;
        event.action
            = kind == ClosedPeriod::Kind::Close ? QStringLiteral("period-close") : QStringLiteral("period-reopen");
        event.operationId = Cuid::generate();
        event.reason = period.reason;
        JsonText snapshot;
        snapshot.add(QLatin1StringView("periodId"), period.id)
            .add(QLatin1StringView("until"), day.toString(Qt::ISODate))
            .add(QLatin1StringView("boundary"), Timestamp::toIso(period.boundary))
            .add(QLatin1StringView("users"), period.users)
            .add(QLatin1StringView("sum"), period.sum)
            .add(QLatin1StringView("digest"), period.digest);
        event.snapshot = snapshot.text();
        AuditLog log(m_db);
        if (const Status s = log.append({event}); !s)
            return s;
        {
            // The log's lock is held until commit: the newest event is this one.
            auto rows = m_db.run(
                QStringLiteral("SELECT max(seq) FROM %1").arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))));
            if (!rows)
                return rows.error();
            period.auditSeq = rows->next() ? rows->integer(0) : 0;
        }
        const Dialect &d = m_db.dialect();
        auto inserted = m_db.run(
            QStringLiteral("INSERT INTO %1 (%2) VALUES (:period, :kind, :day, %3, :actor, :operator, %4, :reason, "
                           ":users, :sum, :digest, :seq)")
                .arg(periodTable(m_db), columns(), d.timestampParam(P_BOUNDARY),
                     d.timestampParam(QStringLiteral(":at"))),
            {{P_PERIOD, period.id},
             {QStringLiteral(":kind"), ClosedPeriod::kindName(kind)},
             {QStringLiteral(":day"), day.toString(Qt::ISODate)},
             {P_BOUNDARY, Timestamp::toSql(period.boundary)},
             {QStringLiteral(":actor"), period.actor},
             {QStringLiteral(":operator"), period.operatorName},
             {QStringLiteral(":at"), Timestamp::toSql(period.at)},
             {QStringLiteral(":reason"), period.reason},
             {QStringLiteral(":users"), period.users},
             {QStringLiteral(":sum"), period.sum},
             {QStringLiteral(":digest"), period.digest},
             {QStringLiteral(":seq"), period.auditSeq}});
        if (!inserted)
            return inserted.error();
        return {};
    });
    if (!status)
        return status.error();
    return period;
}
