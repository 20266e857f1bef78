#pragma once

#include <QDateTime>
#include <QString>

// Timestamps in the ledger are UTC with millisecond precision, like Prisma's DateTime.
namespace Timestamp {

// Now, in UTC, truncated to milliseconds.
QDateTime now();
// "2026-11-25T10:52:11.123Z": JSON, CLI output and audit snapshots.
QString toIso(const QDateTime &utc);
QDateTime fromIso(const QString &text);
// "2026-11-25 10:52:11.123": the form the database stores and compares (SQLite) or casts
// (PostgreSQL TIMESTAMP(3)). Fixed width, so text order is time order.
QString toSql(const QDateTime &utc);
QDateTime fromSql(const QString &text);
// Parses a date or date-time typed by a person ("2026-11-01", "2026-11-01 13:00",
// "2026-11-01T13:00:00Z"). A date without a zone is local time; endOfDay moves a bare date to
// the start of the next day, so "--until 2026-11-01" includes that whole day.
QDateTime parseUserInput(const QString &text, bool endOfDay = false);

} // namespace Timestamp
