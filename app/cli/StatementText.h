#pragma once

#include <QString>

struct Statement;

// A statement as the terminal shows it: the heading, a table of the changes with the balance
// after each, the subtotals, the repairs of the cached total, and what the figures rest on.
namespace StatementText {

QString text(const Statement &statement);

} // namespace StatementText
