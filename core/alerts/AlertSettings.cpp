#include "core/alerts/AlertSettings.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Validation.h"

namespace {

const QString MaxChangeKey = QStringLiteral("alert_max_change");
const QString MaxPerHourKey = QStringLiteral("alert_max_per_hour");
const QString DirectTotalKey = QStringLiteral("alert_direct_total");

} // namespace

Result<AlertRules> AlertSettings::rules()
{
    auto rows = m_db.run(QStringLiteral("SELECT key, value FROM %1 WHERE key IN (:change, :hour, :direct)")
                             .arg(m_db.dialect().ownTable(QStringLiteral("meta"))),
                         {{QStringLiteral(":change"), MaxChangeKey},
                          {QStringLiteral(":hour"), MaxPerHourKey},
                          {QStringLiteral(":direct"), DirectTotalKey}});
    if (!rows)
        return rows.error();
    AlertRules rules;
    while (rows->next()) {
        const QString key = rows->text(0);
        const QString value = rows->text(1);
        const auto broken = [&](const QString &field) {
            return Error::database(tr("The %1 stored in the database, %2, is not valid: set the alert rules again "
                                      "with xpadmin-cli alerts set")
                                       .arg(field, Validation::quoted(value)));
        };
        if (key == MaxChangeKey) {
            auto parsed = AlertRules::parseLimit(AlertRules::maxChangeField(), value, AlertRules::MaxChangeLimit);
            if (!parsed)
                return broken(AlertRules::maxChangeField());
            rules.maxChange = *parsed;
        } else if (key == MaxPerHourKey) {
            auto parsed = AlertRules::parseLimit(AlertRules::maxPerHourField(), value, AlertRules::MaxPerHourLimit);
            if (!parsed)
                return broken(AlertRules::maxPerHourField());
            rules.maxPerHour = *parsed;
        } else if (key == DirectTotalKey) {
            auto parsed = AlertRules::parseSwitch(AlertRules::directTotalField(), value);
            if (!parsed)
                return broken(AlertRules::directTotalField());
            rules.directTotal = *parsed;
        }
    }
    return rules;
}

Status AlertSettings::setRules(const AlertRules &rules)
{
    if (const Status s = rules.validate(); !s)
        return s;
    return m_db.writeTransaction([&]() -> Status {
        auto before = this->rules();
        if (!before)
            return before.error();
        if (*before == rules)
            return {};
        const QString upsert = QStringLiteral("INSERT INTO %1 (key, value) VALUES (:key, :value) "
                                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                                   .arg(m_db.dialect().ownTable(QStringLiteral("meta")));
        const QList<std::pair<QString, QString>> values{
            {MaxChangeKey, QString::number(rules.maxChange)},
            {MaxPerHourKey, QString::number(rules.maxPerHour)},
            {DirectTotalKey, rules.directTotal ? QStringLiteral("on") : QStringLiteral("off")}};
        for (const auto &[key, value] : values) {
            auto rows = m_db.run(upsert, {{QStringLiteral(":key"), key}, {QStringLiteral(":value"), value}});
            if (!rows)
                return rows.error();
        }
        AuditEvent event;
        event.action = QStringLiteral("alert-rules");
        event.operationId = Cuid::generate();
        event.reason = tr("alert rules changed from: %1; to: %2").arg(before->summary(), rules.summary());
        event.snapshot = JsonText::compact(
            QJsonObject{{QStringLiteral("before"), before->toJson()}, {QStringLiteral("after"), rules.toJson()}});
        return AuditLog(m_db).append({event});
    });
}
