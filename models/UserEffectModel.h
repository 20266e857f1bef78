#pragma once

#include "core/preview/UserEffect.h"

#include <QAbstractTableModel>
#include <QList>

// A change's effect per user: current total, change and resulting total, for the check before
// a rollback, delete-source or restore is confirmed.
class UserEffectModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { User, Transactions, CurrentTotal, Change, ResultingTotal, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; // sortable value of the cell
    static constexpr int UserIdRole = Qt::UserRole + 2; // the user id (every column)

    explicit UserEffectModel(QObject *parent = nullptr);

    void setEffects(const QList<UserEffect> &effects);
    const QList<UserEffect> &effects() const { return m_effects; }
    // Users whose total would go below zero, or past the 32-bit limit (refused by the ledger).
    int negativeCount() const;
    int overflowCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<UserEffect> m_effects;
};
