#pragma once

#include "core/db/Database.h"
#include "core/domain/Result.h"

#include <QDateTime>
#include <QString>

class Dialect;

// The "UserXP" table as it stood at a past moment, rebuilt from today's rows and the audit log's
// row events (docs/as-of.md). A row existed at the moment when
// - it is in the table now, was created by then, and no row event has touched it since; or
// - the first row event about it after the moment removed it (rolled back, or deleted with its
//   source): the row is read from that event's snapshot.
// A row whose first event after the moment added it (award, adjustment, import, restore) did not.
// Rows the log never saw (the web app's, before capture) are placed by their "createdAt".
namespace AsOfRows {

// A derived table with the columns of "UserXP" (TransactionRows::columns()), aliased `alias`,
// for a FROM clause. The moment is inclusive: a change at that very millisecond is in it. `tag`
// keeps the placeholders apart when one statement reads two moments.
QString table(const Dialect &dialect, const QDateTime &moment, Bindings &bindings,
              const QString &alias = QStringLiteral("rows_then"), const QString &tag = QStringLiteral("m"));

// The two parts of table(), for statements that read each through its own indexes: the
// condition on today's rows (aliased `alias`) that existed at the moment untouched since, and a
// derived table (not aliased) of the rows that existed then and were removed since.
QString presentCondition(const Dialect &dialect, const QDateTime &moment, Bindings &bindings, const QString &alias,
                         const QString &tag = QStringLiteral("p"));
QString removedTable(const Dialect &dialect, const QDateTime &moment, Bindings &bindings,
                     const QString &tag = QStringLiteral("r"));

// FROM-clause source for a moment: "UserXP" itself when the moment is invalid (now), else
// table(). Not aliased "UserXP": the connection qualifies that name with the web app's schema.
QString source(const Dialect &dialect, const QDateTime &moment, Bindings &bindings);

// Sums grouped by `keys` (expressions over the columns of "UserXP") of the rows as they stood at
// the moment and matching `where` (over the same columns; empty: all): a statement with the
// columns k0, k1, ..., s (the sum of "amount") and n (the rows). Computed as today's rows created
// by then, less those a row event touched since, plus the rows removed since: the first part reads
// the same indexes as the current figures, the others only what changed after the moment.
// `where` may use a placeholder more than once (it is repeated in each part).
QString grouped(const Dialect &dialect, const QStringList &keys, const QString &where, const QDateTime &moment,
                Bindings &bindings, const QString &tag = QStringLiteral("g"));

// When the audit log began (its first event), invalid for an empty log: a moment before it is
// rebuilt from the rows' "createdAt" alone, and rows removed before it are not known.
Result<QDateTime> logBegins(Database &db);

} // namespace AsOfRows
