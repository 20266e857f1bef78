#pragma once

#include "core/statement/LedgerDiff.h"

#include <QAbstractTableModel>

// Each user whose XP changed between two moments: the total before, what was added and removed,
// the total after, and whether before + added - removed = after.
class LedgerDiffUsersModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { User, Before, Added, Removed, After, Reconciled, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; // qint64 figures, bool reconciled, text

    using QAbstractTableModel::QAbstractTableModel;

    void setDiff(const LedgerDiff &diff);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DiffUser> m_users;
};
