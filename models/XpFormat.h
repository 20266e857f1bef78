#pragma once

#include "core/domain/XpEnums.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QVariant>

// How XP numbers, times, users and sources read for people, in every table, dialog, preview and
// report: one place, so the same instant and the same amount read the same everywhere. Files for
// machines (CSV) keep ISO times and plain integers and do not use these.
namespace XpFormat {

// A total with the locale's digit grouping: "1,234", "-16".
QString total(qint64 value);
// An amount or change with its sign and grouping: "+1,250", "-25".
QString signedAmount(qint64 value);
// The date and time pattern for the locale: its short date with a four-digit year, and its short
// time with seconds ("12/5/2026 3:59:15 AM", "05.12.2026 03:59:15").
QString timePattern(const QLocale &locale = QLocale());
// Its date part alone ("12/5/2026", "05.12.2026"), for date fields.
QString datePattern(const QLocale &locale = QLocale());
// A UTC time shown in local time with timePattern(); utcTime() for tooltips and technical details.
QString localTime(const QDateTime &utc);
QString utcTime(const QDateTime &utc);
// The colour of an amount: gains green, losses red, zero none (an invalid QVariant), for
// Qt::ForegroundRole; readable on light and dark palettes.
QVariant amountColor(qint64 value);
// A user as a person recognises them: the name, else the email, else the id.
QString user(const QString &id, const QString &name = {}, const QString &email = {});
// "Problem attempt attempt-42"
QString source(SourceType type, const QString &sourceId);

} // namespace XpFormat
