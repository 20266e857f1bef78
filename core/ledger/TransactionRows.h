#pragma once

#include "core/db/Database.h"
#include "core/domain/XpTransaction.h"

#include <QString>

class Dialect;
class SqlRows;

// The one way "UserXP" rows are selected and read back, shared by every query of them.
namespace TransactionRows {

// The column list, in the order read() expects, optionally qualified with a table alias.
QString columns(const QString &alias = {});
XpTransaction read(const SqlRows &rows, const Dialect &dialect, int firstColumn = 0);
// The INSERT of one row, with its values named :id, :user, :amount, :source_type, :source_id,
// :description, :category, :created and :updated, and those values for row.
QString insertSql(const Dialect &dialect);
Bindings insertBindings(const XpTransaction &row);
// Inserts the rows as they are, in a few statements however many there are (BulkInsert).
Status insertAll(Database &db, const QList<XpTransaction> &rows);

} // namespace TransactionRows
