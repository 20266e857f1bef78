#pragma once

#include "core/domain/XpTransaction.h"

#include <QString>

class Dialect;
class SqlRows;

// The one way "UserXP" rows are selected and read back, shared by every query of them.
namespace TransactionRows {

// The column list, in the order read() expects, optionally qualified with a table alias.
QString columns(const QString &alias = {});
XpTransaction read(const SqlRows &rows, const Dialect &dialect, int firstColumn = 0);

} // namespace TransactionRows
