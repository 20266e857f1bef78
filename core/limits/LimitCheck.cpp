#include "core/limits/LimitCheck.h"

#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/limits/LimitRules.h"
#include "core/roles/RoleSetting.h"

#include <QDate>

QString LimitCheck::connectedPerson(const Database &db)
{
    return db.dialect().isPostgres() ? db.actor() : db.operatorName();
}

Result<Role> LimitCheck::roleOf(const QString &person)
{
    if (!m_db.dialect().isPostgres())
        return RoleSetting::sqliteRole().value_or(Role::Unrestricted);
    // As RoleDetector reads the connected login, for any login: a superuser or the owner of the
    // ledger's tables is unrestricted, anyone else has the highest XP Admin role they inherit.
    auto rows = m_db.run(
        QStringLiteral(
            "SELECT r.rolsuper OR COALESCE(pg_has_role(r.oid, (SELECT c.relowner FROM pg_class c WHERE c.oid = "
            "to_regclass(:xp)), 'USAGE'), false), "
            "COALESCE((SELECT string_agg(g.rolname::text, ',') FROM pg_roles g WHERE g.rolname IN ('xpadmin_auditor', "
            "'xpadmin_support', 'xpadmin_admin') AND pg_has_role(r.oid, g.oid, 'USAGE')), '') "
            "FROM pg_roles r WHERE r.rolname = :person"),
        {{QStringLiteral(":xp"), m_db.dialect().tables().qualified(QStringLiteral("UserXP"))},
         {QStringLiteral(":person"), person}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return Role::None;
    if (rows->value(0).toBool())
        return Role::Unrestricted;
    const QStringList member = rows->text(1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const Role role : {Role::Admin, Role::Support, Role::Auditor}) {
        if (member.contains(Roles::groupRole(role)))
            return role;
    }
    return Role::None;
}

Result<PersonLimits> LimitCheck::read(const QString &person)
{
    PersonLimits limits;
    limits.person = person;
    const QDate today = QDate::currentDate();
    limits.dayStart = today.startOfDay().toUTC();
    limits.dayEnd = today.addDays(1).startOfDay().toUTC();
    auto role = roleOf(person);
    if (!role)
        return role.error();
    limits.role = *role;
    LimitRules rules(m_db);
    auto own = rules.find(LimitRules::Scope::Person, person);
    if (!own)
        return own.error();
    limits.own = *own;
    const QString roleKey = Roles::key(*role);
    if (LimitRules::roleKeys().contains(roleKey)) {
        auto ofRole = rules.find(LimitRules::Scope::Role, roleKey);
        if (!ofRole)
            return ofRole.error();
        limits.ofRole = *ofRole;
    }
    auto moved = this->moved(person, limits.dayStart, limits.dayEnd);
    if (!moved)
        return moved.error();
    limits.movedToday = *moved;
    return limits;
}

Status LimitCheck::lockDay(const QString &person)
{
    if (!m_db.dialect().isPostgres())
        return {};
    auto lock = m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(%1, hashtext(CAST(:person AS TEXT)))")
                             .arg(AdvisoryLocks::PersonLimit),
                         {{QStringLiteral(":person"), person}});
    return lock ? Status() : Status(lock.error());
}

Result<qint64> LimitCheck::moved(const QString &person, const QDateTime &start, const QDateTime &end)
{
    const Dialect &d = m_db.dialect();
    const bool pg = d.isPostgres();
    // Adjustments applied at once (bulk rows too: their events are "adjust" as well), less those
    // an approval applied, which count for their maker below with the requests.
    auto rows = m_db.run(
        QStringLiteral("SELECT (SELECT COALESCE(SUM(ABS(e.amount)), 0) FROM %1 e WHERE e.action = 'adjust' "
                       "AND e.at >= %3 AND e.at < %4 AND e.%5 = :person AND NOT EXISTS (SELECT 1 FROM %2 p WHERE "
                       "p.xp_id = e.xp_id)), "
                       "(SELECT COALESCE(SUM(ABS(r.amount)), 0) FROM %2 r WHERE r.requested_at >= %6 AND "
                       "r.requested_at < %7 AND r.state <> 'rejected' AND r.%8 = :person2)")
            .arg(d.ownTable(QStringLiteral("audit_event")), d.ownTable(QStringLiteral("pending_adjustment")),
                 d.timestampParam(QStringLiteral(":start")), d.timestampParam(QStringLiteral(":end")),
                 pg ? QStringLiteral("actor") : QStringLiteral("operator"), d.timestampParam(QStringLiteral(":start2")),
                 d.timestampParam(QStringLiteral(":end2")),
                 pg ? QStringLiteral("requested_by") : QStringLiteral("requested_operator")),
        {{QStringLiteral(":start"), Timestamp::toSql(start)},
         {QStringLiteral(":end"), Timestamp::toSql(end)},
         {QStringLiteral(":person"), person},
         {QStringLiteral(":start2"), Timestamp::toSql(start)},
         {QStringLiteral(":end2"), Timestamp::toSql(end)},
         {QStringLiteral(":person2"), person}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return qint64(0);
    return rows->integer(0) + rows->integer(1);
}
