#include "ui/users/DriftDelegate.h"

#include "models/CategoryPalette.h"
#include "models/UsersModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QStyle>
#include <QToolTip>

DriftDelegate::DriftDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

void DriftDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(UsersModel::ChangedRole).toBool()) {
        // Changed elsewhere a moment ago: a soft amber wash (unlike the selection's blue), gone in a few seconds.
        option->backgroundBrush
            = CategoryPalette::isDark(option->palette) ? QColor(0x5a, 0x4a, 0x1a) : QColor(0xff, 0xef, 0xb0);
    }
    const bool direct = !index.data(UsersModel::DirectChangeRole).toString().isEmpty();
    if (!direct && !index.data(UsersModel::DriftRole).toBool())
        return;
    if (index.data(UsersModel::DriftRole).toBool())
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

bool DriftDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                              const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid() || !index.data(Qt::ToolTipRole).toString().isEmpty())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    QStringList lines;
    for (const int column : {UsersModel::Email, UsersModel::Id, UsersModel::Transactions}) {
        const QString value = index.siblingAtColumn(column).data().toString();
        if (!value.isEmpty())
            lines << index.model()->headerData(column, Qt::Horizontal).toString() + QStringLiteral(": ") + value;
    }
    QToolTip::showText(event->globalPos(), lines.join(QLatin1Char('\n')), view->viewport(), view->visualRect(index));
    return true;
}
