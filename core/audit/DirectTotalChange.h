#pragma once

#include "core/audit/AuditEvent.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

// A cached total changed directly in the database, with no "UserXP" row of its user changed in
// the same transaction (a console's UPDATE "UserProfile" SET "totalXP" = ...): what capture's
// db-total event with "direct": true says of it. The one reading of that event's snapshot, for
// verify, the users list and the Verify panel.
struct DirectTotalChange
{
    Q_DECLARE_TR_FUNCTIONS(DirectTotalChange)

public:
    QString userId;
    QString role; // the database role that made it
    QString application; // its application_name; empty when none
    QString client; // its client address, or "local" (a Unix socket)
    std::optional<qint64> before; // the total before; none when the profile was inserted
    std::optional<qint64> after; // the total after; none when the profile was deleted
    QDateTime at;
    qint64 seq = 0;

    // The change an event records; none when the event is no direct change of a total.
    static std::optional<DirectTotalChange> of(const AuditEvent &event);
    // "app_user (psql)", or the role alone.
    QString who() const;
    // "from 10.0.0.7", or "on the database server".
    QString where() const;
};
