#pragma once

#include <QStyledItemDelegate>

// Marks users whose cached total disagrees with the sum of their transactions
// (UsersModel::DriftRole): warning-coloured text, and a warning icon beside the total; the same
// icon for a total changed directly in the database (DirectChangeRole), and a brief wash over a
// user whose total just changed elsewhere (ChangedRole). Where
// the model has no tooltip, a row's tooltip gives the email, id and number of transactions,
// which the list hides at first.
class DriftDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit DriftDelegate(QObject *parent = nullptr);

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
