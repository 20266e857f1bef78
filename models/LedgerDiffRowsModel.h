#pragma once

#include "core/statement/LedgerDiff.h"

#include <QAbstractTableModel>
#include <QHash>

// The rows added, restored and removed between two moments (LedgerDiff), by time: what changed,
// when the row was made, whose (by name), how much, of which category and source, and why.
class LedgerDiffRowsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Change, Time, User, Amount, Category, Source, Description, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; // the enum, qint64 amount, QDateTime (UTC), text

    using QAbstractTableModel::QAbstractTableModel;

    void setDiff(const LedgerDiff &diff);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Added", "Restored", "Removed".
    static QString changeText(DiffRow::Change change);

private:
    QList<DiffRow> m_rows;
    QHash<QString, QString> m_labels; // user id -> name, else email
};
