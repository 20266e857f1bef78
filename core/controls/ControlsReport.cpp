#include "core/controls/ControlsReport.h"

#include "core/approval/ApprovalQueue.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/periods/Periods.h"
#include "core/reasons/ReasonCodes.h"

#include <QMap>

#include <algorithm>

namespace {

// The bounds as SQL binds them: an open end is the widest timestamp.
Bindings bounds(const QDateTime &since, const QDateTime &until)
{
    return {{QStringLiteral(":since"),
             since.isValid() ? Timestamp::toSql(since) : QStringLiteral("0001-01-01 00:00:00.000")},
            {QStringLiteral(":until"),
             until.isValid() ? Timestamp::toSql(until) : QStringLiteral("9999-12-31 23:59:59.999")}};
}

bool inPeriod(const QDateTime &at, const QDateTime &since, const QDateTime &until)
{
    return (!since.isValid() || at >= since) && (!until.isValid() || at < until);
}

} // namespace

qint64 ControlsReportData::reopens() const
{
    return std::count_if(periods.cbegin(), periods.cend(),
                         [](const ClosedPeriod &p) { return p.kind == ClosedPeriod::Kind::Reopen; });
}

qint64 ControlsReportData::aboveLimits() const
{
    return std::count_if(held.cbegin(), held.cend(),
                         [](const PendingAdjustment &p) { return p.heldFor != HoldReason::Threshold; });
}

Result<ControlsReportData> ControlsReport::read(const QDateTime &since, const QDateTime &until)
{
    if (since.isValid() && until.isValid() && since >= until)
        return Error::input(tr("The report's period is empty: --since %1 is not before --until %2")
                                .arg(Timestamp::toIso(since), Timestamp::toIso(until)));
    ControlsReportData data;
    const Status status = m_db.readTransaction([&]() -> Status {
        data = ControlsReportData{};
        data.since = since;
        data.until = until;
        data.generatedAt = Timestamp::now();
        data.generatedBy = m_db.actor();
        data.database = m_db.spec().displayName();
        data.operatorIsPerson = !m_db.dialect().isPostgres();
        auto held = ApprovalQueue(m_db).requested(since, until);
        if (!held)
            return held.error();
        data.held = *held;
        auto periods = Periods(m_db).list();
        if (!periods)
            return periods.error();
        for (const ClosedPeriod &period : std::as_const(*periods)) {
            if (inPeriod(period.at, since, until))
                data.periods << period;
        }
        auto catalog = ReasonCodes(m_db).catalog();
        if (!catalog)
            return catalog.error();
        data.catalog = *catalog;
        if (const Status s = readUnticketed(data); !s)
            return s;
        if (const Status s = readPeople(data); !s)
            return s;
        return readReasons(data);
    });
    if (!status)
        return status.error();
    return data;
}

Status ControlsReport::readUnticketed(ControlsReportData &data)
{
    const Dialect &d = m_db.dialect();
    const bool pg = d.isPostgres();
    // The maker of a change an approval applied is who asked for it, not the approver.
    auto rows
        = m_db.run(QStringLiteral("SELECT e.at, e.xp_id, e.user_id, COALESCE(NULLIF(u.\"name\", ''), u.\"email\", ''), "
                                  "COALESCE(e.amount, 0), COALESCE(p.%5, e.%6), r.reason_code, c.label, e.reason "
                                  "FROM %1 e JOIN %2 r ON r.xp_id = e.xp_id JOIN %3 c ON c.code = r.reason_code "
                                  "LEFT JOIN %4 p ON p.xp_id = e.xp_id LEFT JOIN \"User\" u ON u.\"id\" = e.user_id "
                                  "WHERE e.action = 'adjust' AND e.at >= %7 AND e.at < %8 AND c.ticket_required = 1 "
                                  "AND COALESCE(r.ticket, '') = '' ORDER BY e.seq")
                       .arg(d.ownTable(QStringLiteral("audit_event")), d.ownTable(QStringLiteral("xp_reason")),
                            d.ownTable(QStringLiteral("reason_code")), d.ownTable(QStringLiteral("pending_adjustment")),
                            pg ? QStringLiteral("requested_by") : QStringLiteral("requested_operator"),
                            pg ? QStringLiteral("actor") : QStringLiteral("operator"),
                            d.timestampParam(QStringLiteral(":since")), d.timestampParam(QStringLiteral(":until"))),
                   bounds(data.since, data.until));
    if (!rows)
        return rows.error();
    while (rows->next()) {
        data.unticketed << UnticketedChange{d.readTimestamp(rows->value(0)),
                                            rows->text(1),
                                            rows->text(2),
                                            rows->text(3),
                                            rows->integer(4),
                                            rows->text(5),
                                            rows->text(6),
                                            rows->text(7),
                                            rows->text(8)};
    }
    return {};
}

Status ControlsReport::readPeople(ControlsReportData &data)
{
    const Dialect &d = m_db.dialect();
    const bool pg = d.isPostgres();
    QMap<QString, PersonActivity> people;
    const auto person = [&people](const QString &name) -> PersonActivity & {
        PersonActivity &activity = people[name];
        activity.person = name;
        return activity;
    };
    // Every manual change applied in the period (bulk rows too: their events are "adjust" as well),
    // counted for its maker.
    auto rows = m_db.run(
        QStringLiteral("SELECT x.person, count(*), COALESCE(SUM(CASE WHEN x.amount > 0 THEN x.amount ELSE 0 END), 0), "
                       "COALESCE(SUM(CASE WHEN x.amount < 0 THEN -x.amount ELSE 0 END), 0) FROM (SELECT "
                       "COALESCE(p.%3, e.%4) AS person, COALESCE(e.amount, 0) AS amount FROM %1 e LEFT JOIN %2 p ON "
                       "p.xp_id = e.xp_id WHERE e.action = 'adjust' AND e.at >= %5 AND e.at < %6) x GROUP BY x.person")
            .arg(d.ownTable(QStringLiteral("audit_event")), d.ownTable(QStringLiteral("pending_adjustment")),
                 pg ? QStringLiteral("requested_by") : QStringLiteral("requested_operator"),
                 pg ? QStringLiteral("actor") : QStringLiteral("operator"), d.timestampParam(QStringLiteral(":since")),
                 d.timestampParam(QStringLiteral(":until"))),
        bounds(data.since, data.until));
    if (!rows)
        return rows.error();
    while (rows->next()) {
        PersonActivity &activity = person(rows->text(0));
        activity.changes = rows->integer(1);
        activity.given = rows->integer(2);
        activity.taken = rows->integer(3);
    }
    for (const PendingAdjustment &request : std::as_const(data.held)) {
        PersonActivity &activity = person(data.maker(request));
        ++activity.held;
        switch (request.state) {
        case PendingAdjustment::State::Approved:
            ++activity.approved;
            break;
        case PendingAdjustment::State::Rejected:
            ++activity.rejected;
            break;
        case PendingAdjustment::State::Pending:
            ++activity.waiting;
            break;
        }
    }
    data.people = people.values();
    return {};
}

Status ControlsReport::readReasons(ControlsReportData &data)
{
    const Dialect &d = m_db.dialect();
    // Every manual change applied in the period, as readPeople counts them, by its reason code.
    auto rows = m_db.run(
        QStringLiteral("SELECT COALESCE(r.reason_code, ''), COALESCE(MAX(c.label), ''), count(*), "
                       "COALESCE(SUM(CASE WHEN e.amount > 0 THEN e.amount ELSE 0 END), 0), "
                       "COALESCE(SUM(CASE WHEN e.amount < 0 THEN -e.amount ELSE 0 END), 0), "
                       "COALESCE(SUM(CASE WHEN COALESCE(r.ticket, '') = '' THEN 1 ELSE 0 END), 0) "
                       "FROM %1 e LEFT JOIN %2 r ON r.xp_id = e.xp_id LEFT JOIN %3 c ON c.code = r.reason_code "
                       "WHERE e.action = 'adjust' AND e.at >= %4 AND e.at < %5 "
                       "GROUP BY COALESCE(r.reason_code, '') ORDER BY COALESCE(r.reason_code, '') = '', 1")
            .arg(d.ownTable(QStringLiteral("audit_event")), d.ownTable(QStringLiteral("xp_reason")),
                 d.ownTable(QStringLiteral("reason_code")), d.timestampParam(QStringLiteral(":since")),
                 d.timestampParam(QStringLiteral(":until"))),
        bounds(data.since, data.until));
    if (!rows)
        return rows.error();
    while (rows->next())
        data.reasons << ReasonActivity{rows->text(0),    rows->text(1),    rows->integer(2),
                                       rows->integer(3), rows->integer(4), rows->integer(5)};
    return {};
}
