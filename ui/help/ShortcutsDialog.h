#pragma once

#include <QDialog>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

// Help > Keyboard Shortcuts: every key of the window, read from its actions when the dialog
// opens (menus, toolbar and the views' own keys), so the list is always the program's. A filter
// field narrows the table to rows whose action, key or place contains the text.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Column { ActionColumn, KeysColumn, WhereColumn, ColumnCount };

    // Lists the shortcuts of window's actions.
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);

    // The rows shown (after the filter), for tests: the table's model.
    QSortFilterProxyModel *model() const { return m_proxy; }
    QLineEdit *filterField() const { return m_filter; }

private:
    void fill(QWidget *window);

    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
};
