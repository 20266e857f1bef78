#pragma once

#include "core/statement/Statement.h"

#include <QAbstractTableModel>

// A statement's subtotals by category or by source type: what was added, what removed, the net
// change and how many changes, one row a category (or source type) under its readable name.
class StatementSubtotalModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Group { Category, SourceType };
    enum Column { Name, Added, Removed, Net, Changes, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; // sortable value of the cell

    explicit StatementSubtotalModel(Group group, QObject *parent = nullptr);

    void setSubtotals(const QList<StatementSubtotal> &subtotals);
    // The readable name of a subtotal's key ("Streak bonus"); the key itself when unknown.
    QString label(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Group m_group;
    QList<StatementSubtotal> m_subtotals;
};
