#include "core/audit/DirectTotalChange.h"

#include <QJsonDocument>
#include <QJsonObject>

std::optional<DirectTotalChange> DirectTotalChange::of(const AuditEvent &event)
{
    if (event.action != QLatin1StringView("db-total") || event.userId.isEmpty())
        return std::nullopt;
    const QJsonObject snapshot = QJsonDocument::fromJson(event.snapshot.toUtf8()).object();
    if (!snapshot.value(QLatin1StringView("direct")).toBool())
        return std::nullopt;
    const auto total = [&](QLatin1StringView key) -> std::optional<qint64> {
        const QJsonValue value = snapshot.value(key);
        if (value.isDouble())
            return value.toInteger();
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok); // as text, like every total in a snapshot
        return ok ? std::optional(number) : std::nullopt;
    };
    DirectTotalChange change;
    change.userId = event.userId;
    change.role = snapshot.value(QLatin1StringView("role")).toString(event.actor);
    change.application = snapshot.value(QLatin1StringView("application")).toString();
    change.client = snapshot.value(QLatin1StringView("client")).toString();
    change.before = total(QLatin1StringView("totalXP_before"));
    change.after = total(QLatin1StringView("totalXP_after"));
    change.at = event.at;
    change.seq = event.seq;
    return change;
}

QString DirectTotalChange::who() const
{
    return application.isEmpty() ? role : tr("%1 (%2)").arg(role, application);
}

QString DirectTotalChange::where() const
{
    if (client.isEmpty() || client == QLatin1StringView("local"))
        return tr("on the database server");
    return tr("from %1").arg(client);
}
