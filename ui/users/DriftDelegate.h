#pragma once

#include <QStyledItemDelegate>

// Marks users whose cached total disagrees with the sum of their transactions
// (UsersModel::DriftRole): warning-coloured text, and a warning icon beside the total.
class DriftDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit DriftDelegate(QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
