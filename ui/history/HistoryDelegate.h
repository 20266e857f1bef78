#pragma once

#include "core/domain/XpEnums.h"

#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

// Paints the history table: amounts coloured by sign ("+25" green, "-40" red) and a dot in the
// category's colour (CategoryPalette) before the category. A row removed since it was loaded
// (HistoryModel::RemovedRole) is struck through in grey.
class HistoryDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit HistoryDelegate(QObject *parent = nullptr);

    // A round swatch of the category's colour, for cells and filter choices.
    static QIcon categoryIcon(Category category, const QPalette &palette, int size);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    mutable QHash<QString, QIcon> m_icons; // by colour and size
};
