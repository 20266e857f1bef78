#pragma once

#include <QModelIndexList>
#include <QString>

class QTableView;

// History rows as a spreadsheet takes them from the clipboard: a header, then one line a row,
// tab-separated, in the columns the table shows and in their order.
class HistoryClipboard final
{
public:
    // rows: indexes of the table's HistoryModel, in any order (copied in table order).
    static QString text(const QTableView &table, QModelIndexList rows);
};
