#include "ui/history/HistoryClipboard.h"

#include "models/HistoryModel.h"

#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace {

// A clipboard cell: tabs and line breaks would break the table it is pasted into.
QString cell(QString text)
{
    text.replace(QLatin1Char('\t'), QLatin1Char(' '))
        .replace(QLatin1Char('\r'), QLatin1Char(' '))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

} // namespace

QString HistoryClipboard::text(const QTableView &table, QModelIndexList rows)
{
    const QAbstractItemModel *model = table.model();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    const QHeaderView *header = table.horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    // The transaction's ID always goes along, shown or not: it is what a ticket or the command
    // line needs.
    if (!columns.contains(HistoryModel::Id))
        columns << HistoryModel::Id;
    QStringList lines;
    QStringList cells;
    for (const int column : std::as_const(columns))
        cells << model->headerData(column, Qt::Horizontal).toString();
    lines << cells.join(QLatin1Char('\t'));
    for (const QModelIndex &row : std::as_const(rows)) {
        cells.clear();
        for (const int column : std::as_const(columns)) {
            const QModelIndex index = model->index(row.row(), column);
            // Amounts and balances as plain numbers, so a spreadsheet adds them up.
            cells << ((column == HistoryModel::Amount || column == HistoryModel::Balance)
                          ? QString::number(index.data(HistoryModel::RawValueRole).toLongLong())
                          : cell(index.data().toString()));
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}
