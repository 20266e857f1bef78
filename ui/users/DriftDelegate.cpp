#include "ui/users/DriftDelegate.h"

#include "models/CategoryPalette.h"
#include "models/UsersModel.h"

#include <QApplication>
#include <QStyle>

DriftDelegate::DriftDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

void DriftDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(UsersModel::DriftRole).toBool())
        return;
    option->palette.setColor(QPalette::Text, CategoryPalette::negativeAmount(option->palette));
    option->font.setBold(index.column() == UsersModel::TotalXP);
    if (index.column() == UsersModel::TotalXP) {
        const QStyle *style = option->widget ? option->widget->style() : QApplication::style();
        option->icon = style->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, option->widget);
        option->features |= QStyleOptionViewItem::HasDecoration;
        const int side = option->fontMetrics.height();
        option->decorationSize = QSize(side, side);
    }
}
