#pragma once

#include <QDateTime>
#include <QString>

struct Statement;

// A statement as the terminal shows it: the heading, a table of the changes with the balance
// after each, the subtotals, the repairs of the cached total, and what the figures rest on.
namespace StatementText {

QString text(const Statement &statement);
// A moment as the statement's lines show it: local time, to the second.
QString localTime(const QDateTime &utc);

} // namespace StatementText
