#pragma once

#include "core/db/Database.h"
#include "core/domain/XpTransaction.h"

#include <QString>
#include <QStringList>

class Dialect;
class SqlRows;

// The one way "UserXP" rows are selected and read back, shared by every query of them.
namespace TransactionRows {

// The columns in the order read() expects, and joined, optionally qualified with a table alias.
const QStringList &columnNames();
QString columns(const QString &alias = {});
// BulkInsert's value expressions for columnNames(): sourceType and category given by name,
// createdAt and updatedAt as Timestamp::toSql writes them.
QStringList valueExpressions(const Dialect &dialect);
XpTransaction read(const SqlRows &rows, const Dialect &dialect, int firstColumn = 0);
// The INSERT of one row, with its values named :id, :user, :amount, :source_type, :source_id,
// :description, :category, :created and :updated, and those values for row.
QString insertSql(const Dialect &dialect);
Bindings insertBindings(const XpTransaction &row);
// Inserts the rows as they are, in a few statements however many there are (BulkInsert).
Status insertAll(Database &db, const QList<XpTransaction> &rows);

} // namespace TransactionRows
