#include "ui/audit/AuditItemDelegate.h"

#include "models/AuditModel.h"
#include "models/CategoryPalette.h"

#include <QFontDatabase>

QFont AuditItemDelegate::monospaceFont(const QFont &base)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF());
    else if (base.pixelSize() > 0)
        font.setPixelSize(base.pixelSize());
    return font;
}

void AuditItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    switch (index.column()) {
    case AuditModel::Seq:
    case AuditModel::Transaction:
        option->font = monospaceFont(option->font);
        option->textElideMode = Qt::ElideMiddle;
        break;
    default:
        break;
    }
    if (index.column() == AuditModel::Action) {
        const QString action = index.data(AuditModel::RawValueRole).toString();
        // Changes that take XP away or rewrite totals are the ones an auditor looks for.
        if (AuditModel::isRemoval(action) || action == QLatin1String("repair") || action == QLatin1String("recalc"))
            option->font.setBold(true);
    }
    if (m_brokenSeq
        && index.siblingAtColumn(AuditModel::Seq).data(AuditModel::RawValueRole).toLongLong() == *m_brokenSeq) {
        QColor tint = CategoryPalette::negativeAmount(option->palette);
        tint.setAlpha(60);
        option->backgroundBrush = tint;
    }
}
