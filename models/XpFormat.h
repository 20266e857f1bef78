#pragma once

#include "core/domain/XpEnums.h"

#include <QDateTime>
#include <QString>

// How XP numbers, times, users and sources read in the action dialogs and their tables.
namespace XpFormat {

// A total with the locale's digit grouping: "1,234", "-16".
QString total(qint64 value);
// An amount or change with its sign: "+50", "-25".
QString signedAmount(qint64 value);
// A UTC time shown in local time, "2026-11-25 11:52:11"; utcTime() for tooltips.
QString localTime(const QDateTime &utc);
QString utcTime(const QDateTime &utc);
// A user as a person recognises them: the name, else the email, else the id.
QString user(const QString &id, const QString &name = {}, const QString &email = {});
// "USER_PROBLEM_ATTEMPT attempt-42"
QString source(SourceType type, const QString &sourceId);

} // namespace XpFormat
