#include "core/limits/LimitRules.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/roles/RoleDetector.h"

namespace {

QString table(const Database &db)
{
    return db.dialect().ownTable(QStringLiteral("adjust_limit"));
}

QVariant bound(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant();
}

std::optional<qint64> read(const SqlRows &rows, int column)
{
    return rows.isNull(column) ? std::nullopt : std::optional<qint64>(rows.integer(column));
}

} // namespace

QString LimitRules::scopeKey(Scope scope)
{
    return scope == Scope::Role ? QStringLiteral("role") : QStringLiteral("person");
}

QStringList LimitRules::roleKeys()
{
    return {Roles::key(Role::Auditor), Roles::key(Role::Support), Roles::key(Role::Admin)};
}

Result<QString> LimitRules::checkSubject(Scope scope, const QString &subject)
{
    const QString trimmed = subject.trimmed();
    if (scope == Scope::Role) {
        const QString key = trimmed.toLower();
        if (!roleKeys().contains(key))
            return Error::input(tr("--role %1 is not a role limits are set for: use %2. Nothing was changed.")
                                    .arg(Validation::quoted(subject), roleKeys().join(QStringLiteral(", "))));
        return key;
    }
    if (const Status s = Validation::requiredText(QStringLiteral("--person"), trimmed, Validation::MaxIdLength); !s)
        return Error::input(tr("%1. Nothing was changed.").arg(s.error().message));
    if (m_db.dialect().isPostgres()) {
        // A person is a login there: a mistyped name would be a limit nobody has.
        auto rows = m_db.run(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = :name"),
                             {{QStringLiteral(":name"), trimmed}});
        if (!rows)
            return rows.error();
        if (!rows->next() || !rows->value(0).toBool())
            return Error::input(tr("--person %1: there is no such login on this server (a person is a database "
                                   "login on PostgreSQL). Nothing was changed.")
                                    .arg(Validation::quoted(trimmed)));
    }
    return trimmed;
}

Result<QList<LimitRules::Rule>> LimitRules::list()
{
    const Dialect &d = m_db.dialect();
    auto rows = m_db.run(QStringLiteral("SELECT scope, subject, per_change, per_day, set_by, set_operator, set_at "
                                        "FROM %1 ORDER BY CASE scope WHEN 'role' THEN 0 ELSE 1 END, CASE subject "
                                        "WHEN 'auditor' THEN 0 WHEN 'support' THEN 1 WHEN 'admin' THEN 2 ELSE 3 END, "
                                        "subject")
                             .arg(table(m_db)));
    if (!rows)
        return rows.error();
    QList<Rule> rules;
    while (rows->next()) {
        Rule rule;
        rule.scope = rows->text(0) == QLatin1String("role") ? Scope::Role : Scope::Person;
        rule.subject = rows->text(1);
        rule.limits.perChange = read(*rows, 2);
        rule.limits.perDay = read(*rows, 3);
        rule.setBy = rows->text(4);
        rule.setOperator = rows->text(5);
        rule.setAt = d.readTimestamp(rows->value(6));
        rules << rule;
    }
    return rules;
}

Result<LimitPair> LimitRules::find(Scope scope, const QString &subject)
{
    auto rows
        = m_db.run(QStringLiteral("SELECT per_change, per_day FROM %1 WHERE scope = :scope AND subject = :subject")
                       .arg(table(m_db)),
                   {{QStringLiteral(":scope"), scopeKey(scope)}, {QStringLiteral(":subject"), subject}});
    if (!rows)
        return rows.error();
    LimitPair limits;
    if (rows->next()) {
        limits.perChange = read(*rows, 0);
        limits.perDay = read(*rows, 1);
    }
    return limits;
}

Status LimitRules::set(Scope scope, const QString &rawSubject, const Change &change)
{
    if (!change.perChange && !change.perDay)
        return Error::input(tr("Give --per-change, --per-day or both (a number of XP, or \"none\"). Nothing was "
                               "changed."));
    for (const auto &value : {change.perChange, change.perDay}) {
        if (value && *value && (**value < 0 || **value > LimitPair::MaxValue))
            return LimitPair::parseValue(QStringLiteral("limit"), QString::number(**value)).error();
    }
    auto role = RoleDetector::detect(m_db);
    if (!role)
        return role.error();
    if (!role->permissions().may(Action::SetLimits))
        return Error::permission(tr("%1. Nothing was changed.").arg(role->refusal(Action::SetLimits)));
    auto subject = checkSubject(scope, rawSubject);
    if (!subject)
        return subject.error();
    return m_db.writeTransaction([&]() -> Status {
        auto before = find(scope, *subject);
        if (!before)
            return before.error();
        LimitPair after = *before;
        if (change.perChange)
            after.perChange = *change.perChange;
        if (change.perDay)
            after.perDay = *change.perDay;
        if (after == *before)
            return {};
        const Dialect &d = m_db.dialect();
        const Bindings key{{QStringLiteral(":scope"), scopeKey(scope)}, {QStringLiteral(":subject"), *subject}};
        auto written = after.isEmpty()
            ? m_db.run(QStringLiteral("DELETE FROM %1 WHERE scope = :scope AND subject = :subject").arg(table(m_db)),
                       key)
            : m_db.run(QStringLiteral("INSERT INTO %1 (scope, subject, per_change, per_day, set_by, set_operator, "
                                      "set_at) VALUES (:scope, :subject, :change, :day, :by, :operator, %2) "
                                      "ON CONFLICT (scope, subject) DO UPDATE SET per_change = excluded.per_change, "
                                      "per_day = excluded.per_day, set_by = excluded.set_by, "
                                      "set_operator = excluded.set_operator, set_at = excluded.set_at")
                           .arg(table(m_db), d.timestampParam(QStringLiteral(":at"))),
                       key
                           + Bindings{{QStringLiteral(":change"), bound(after.perChange)},
                                      {QStringLiteral(":day"), bound(after.perDay)},
                                      {QStringLiteral(":by"), m_db.actor()},
                                      {QStringLiteral(":operator"), m_db.operatorName()},
                                      {QStringLiteral(":at"), Timestamp::toSql(Timestamp::now())}});
        if (!written)
            return written.error();
        AuditEvent event;
        event.action = QStringLiteral("limits-set");
        event.operationId = Cuid::generate();
        const QString whose = scope == Scope::Role ? tr("role %1").arg(*subject) : tr("person %1").arg(*subject);
        event.reason = tr("limits of %1: per change %2 → %3, per day %4 → %5")
                           .arg(whose, LimitPair::valueText(before->perChange), LimitPair::valueText(after.perChange),
                                LimitPair::valueText(before->perDay), LimitPair::valueText(after.perDay));
        event.snapshot = JsonText::compact(QJsonObject{{QStringLiteral("scope"), scopeKey(scope)},
                                                       {QStringLiteral("subject"), *subject},
                                                       {QStringLiteral("before"), before->toJson()},
                                                       {QStringLiteral("after"), after.toJson()}});
        return AuditLog(m_db).append({event});
    });
}
