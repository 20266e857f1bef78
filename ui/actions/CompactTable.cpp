#include "ui/actions/CompactTable.h"

#include "models/TransactionListModel.h"
#include "models/UserEffectModel.h"
#include "ui/actions/AmountDelegate.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStyle>

#include <algorithm>

CompactTable::CompactTable(int visibleRows, QWidget *parent) : QTableView(parent), m_visibleRows(visibleRows)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::NoSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

CompactTable *CompactTable::forTransactions(TransactionListModel *model, int visibleRows, QWidget *parent)
{
    auto *table = new CompactTable(visibleRows, parent);
    table->setModel(model);
    table->setItemDelegateForColumn(
        TransactionListModel::Amount,
        new AmountDelegate(TransactionListModel::RawValueRole, AmountDelegate::Mode::Signed, table));
    table->horizontalHeader()->setSectionResizeMode(TransactionListModel::Description, QHeaderView::Stretch);
    table->horizontalHeader()->setStretchLastSection(false);
    return table;
}

CompactTable *CompactTable::forEffects(UserEffectModel *model, int visibleRows, QWidget *parent)
{
    auto *table = new CompactTable(visibleRows, parent);
    table->setModel(model);
    table->setItemDelegateForColumn(
        UserEffectModel::Change,
        new AmountDelegate(UserEffectModel::RawValueRole, AmountDelegate::Mode::Signed, table));
    auto *resulting = new AmountDelegate(UserEffectModel::RawValueRole, AmountDelegate::Mode::NegativeOnly, table);
    resulting->setBold(true);
    table->setItemDelegateForColumn(UserEffectModel::ResultingTotal, resulting);
    // The user takes the room left, so the numbers stay together on the right.
    table->horizontalHeader()->setSectionResizeMode(UserEffectModel::User, QHeaderView::Stretch);
    table->horizontalHeader()->setStretchLastSection(false);
    return table;
}

QSize CompactTable::sizeHint() const
{
    const int rows = model() ? std::clamp(model()->rowCount(), 1, m_visibleRows) : m_visibleRows;
    // Room for a horizontal scroll bar, so that it never hides the last row.
    const int height = horizontalHeader()->sizeHint().height() + rows * verticalHeader()->defaultSectionSize()
        + 2 * frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this) + 2;
    // Wide enough for every column's content and header, the stretched one included, so that
    // a dialog opens without cutting a column (up to what the screen allows).
    int width = 2 * frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const QHeaderView *header = horizontalHeader();
    for (int column = 0; model() && column < model()->columnCount(); ++column) {
        if (!isColumnHidden(column))
            width += std::max(sizeHintForColumn(column), header->sectionSizeHint(column));
    }
    return {std::max(width, QTableView::sizeHint().width()), height};
}
