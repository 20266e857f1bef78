#pragma once

#include "core/domain/JsonText.h"

#include <QJsonObject>
#include <QString>

// What a manual adjustment says about why, besides its free text: a reason code and a ticket (an
// id such as "ZD-4411", or a URL). Both optional here; ReasonCheck says when they are required.
// Kept in the adjust event's snapshot ("reasonCode", "ticket"), in a pending adjustment, and in
// xpadmin.xp_reason by the "UserXP" row's id.
struct ReasonTag
{
    QString code;
    QString ticket;

    bool isEmpty() const { return code.isEmpty() && ticket.isEmpty(); }
    bool operator==(const ReasonTag &other) const = default;

    // Adds "reasonCode" and "ticket" to a snapshot, each only when set.
    void addTo(JsonText &json) const
    {
        if (!code.isEmpty())
            json.add(QLatin1StringView("reasonCode"), code);
        if (!ticket.isEmpty())
            json.add(QLatin1StringView("ticket"), ticket);
    }
    void addTo(QJsonObject &json) const
    {
        if (!code.isEmpty())
            json.insert(QStringLiteral("reasonCode"), code);
        if (!ticket.isEmpty())
            json.insert(QStringLiteral("ticket"), ticket);
    }
    static ReasonTag fromJson(const QJsonObject &json)
    {
        return {json.value(QStringLiteral("reasonCode")).toString(), json.value(QStringLiteral("ticket")).toString()};
    }
};
