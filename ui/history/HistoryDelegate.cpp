#include "ui/history/HistoryDelegate.h"

#include "models/CategoryPalette.h"
#include "models/HistoryModel.h"

#include <QPainter>
#include <QPixmap>

HistoryDelegate::HistoryDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

QIcon HistoryDelegate::categoryIcon(Category category, const QPalette &palette, int size)
{
    const QColor color = CategoryPalette::color(category, palette);
    // Drawn at twice the size, so that the dot stays round on high-density screens.
    QPixmap pixmap(size * 2, size * 2);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    const int margin = size / 2;
    painter.drawEllipse(QRect(margin, margin, size * 2 - 2 * margin, size * 2 - 2 * margin));
    painter.end();
    pixmap.setDevicePixelRatio(2.0);
    return QIcon(pixmap);
}

void HistoryDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // Gone from the ledger since it was loaded (rolled back at another desk): struck through, grey.
    if (!index.data(HistoryModel::RemovedRole).toString().isEmpty()) {
        option->font.setStrikeOut(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
        return;
    }
    if (index.column() == HistoryModel::Amount) {
        const qint64 amount = index.data(HistoryModel::RawValueRole).toLongLong();
        option->palette.setColor(QPalette::Text,
                                 amount < 0 ? CategoryPalette::negativeAmount(option->palette)
                                            : CategoryPalette::positiveAmount(option->palette));
        option->font.setWeight(QFont::DemiBold);
        option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
        return;
    }
    if (index.column() == HistoryModel::Category) {
        const auto category = XpEnums::categoryFromName(index.data(HistoryModel::RawValueRole).toString());
        if (!category)
            return;
        // One icon per category and palette; a table paints thousands of these cells.
        const int side = option->fontMetrics.height();
        const QColor color = CategoryPalette::color(*category, option->palette);
        const QString key = color.name() + QString::number(side);
        auto it = m_icons.constFind(key);
        if (it == m_icons.constEnd())
            it = m_icons.insert(key, categoryIcon(*category, option->palette, side));
        option->icon = *it;
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = QSize(side, side);
    }
}
