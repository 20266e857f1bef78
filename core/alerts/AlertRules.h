#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

// The alert rules an admin sets for the whole ledger (AlertSettings stores them in XP Admin's meta
// table, shared by every desk). Each rule is off at 0 (or false):
//   maxChange    a single change whose amount, up or down, is above this many XP
//   maxPerHour   more than this many changes by one actor within an hour
//   directTotal  a cached total changed directly in the database (a "db-total" event marked
//                "direct": no "UserXP" row of the user changed in that database transaction)
struct AlertRules
{
    Q_DECLARE_TR_FUNCTIONS(AlertRules)

public:
    static constexpr qint64 MaxChangeLimit = 2147483647; // a total is 32 bits
    static constexpr qint64 MaxPerHourLimit = 1000000;

    qint64 maxChange = 0;
    qint64 maxPerHour = 0;
    bool directTotal = true; // on until an admin turns it off: the change nobody should make

    bool operator==(const AlertRules &other) const = default;
    bool anyOn() const { return maxChange > 0 || maxPerHour > 0 || directTotal; }

    // Refuses a value out of range, naming the field; changes nothing.
    Status validate() const;
    // {"maxChange": N, "maxPerHour": M, "directTotal": true}: the audit snapshot and the CLI's JSON.
    QJsonObject toJson() const;
    // "a single change above 1000 XP; many changes by one actor in an hour: off; a direct change of a
    // total: on", for the audit log's reason.
    QString summary() const;

    // The fields as people name them, for messages ("largest single change").
    static QString maxChangeField();
    static QString maxPerHourField();
    static QString directTotalField();
    // Parses what a person typed for a field: a whole number from 0 (off) to limit, or "off";
    // an error names the field and the value.
    static Result<qint64> parseLimit(const QString &field, const QString &text, qint64 limit);
    // "on" / "off" (also yes/no, true/false, 1/0).
    static Result<bool> parseSwitch(const QString &field, const QString &text);
};
