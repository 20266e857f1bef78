#pragma once

#include <QTableView>

class TransactionListModel;
class UserEffectModel;

// A read-only table for the short lists in the action dialogs: whole rows, no row numbers,
// columns sized to their contents, as tall as up to `visibleRows` rows.
class CompactTable final : public QTableView
{
    Q_OBJECT

public:
    explicit CompactTable(int visibleRows, QWidget *parent = nullptr);

    // Transactions about to change: amounts coloured by sign, the description taking the room left.
    static CompactTable *forTransactions(TransactionListModel *model, int visibleRows, QWidget *parent);
    // Each user's current total, change and resulting total (bold; red below zero).
    static CompactTable *forEffects(UserEffectModel *model, int visibleRows, QWidget *parent);

    QSize sizeHint() const override;

private:
    int m_visibleRows;
};
