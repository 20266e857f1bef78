#include "ui/actions/AmountDelegate.h"

#include "models/CategoryPalette.h"

AmountDelegate::AmountDelegate(int rawValueRole, Mode mode, QObject *parent)
    : QStyledItemDelegate(parent), m_rawValueRole(rawValueRole), m_mode(mode)
{ }

void AmountDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->font.setBold(m_bold);
    const qint64 value = index.data(m_rawValueRole).toLongLong();
    if (value < 0)
        option->palette.setColor(QPalette::Text, CategoryPalette::negativeAmount(option->palette));
    else if (value > 0 && m_mode == Mode::Signed)
        option->palette.setColor(QPalette::Text, CategoryPalette::positiveAmount(option->palette));
}
