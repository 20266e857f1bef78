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
    case AuditModel::User:
    case AuditModel::Transaction:
        option->font = monospaceFont(option->font);
        option->textElideMode = Qt::ElideMiddle;
        break;
    case AuditModel::Amount:
        option->font = monospaceFont(option->font);
        break;
    default:
        break;
    }
    if (index.column() == AuditModel::Amount) {
        const QVariant amount = index.data(AuditModel::RawValueRole);
        // A removal records the removed row's own amount: coloured by sign it would read as a gain.
        const QString action = index.siblingAtColumn(AuditModel::Action).data(AuditModel::RawValueRole).toString();
        const bool removal = action == QLatin1String("rollback") || action == QLatin1String("delete-source");
        if (!removal && amount.isValid() && amount.toLongLong() != 0) {
            const QColor colour = amount.toLongLong() > 0 ? CategoryPalette::positiveAmount(option->palette)
                                                          : CategoryPalette::negativeAmount(option->palette);
            option->palette.setColor(QPalette::Text, colour);
        }
    }
    if (index.column() == AuditModel::Action) {
        const QString action = index.data(AuditModel::RawValueRole).toString();
        // Changes that take XP away or rewrite totals are the ones an auditor looks for.
        if (action == QLatin1String("rollback") || action == QLatin1String("delete-source")
            || action == QLatin1String("repair") || action == QLatin1String("recalc"))
            option->font.setBold(true);
    }
    if (m_brokenSeq
        && index.siblingAtColumn(AuditModel::Seq).data(AuditModel::RawValueRole).toLongLong() == *m_brokenSeq) {
        QColor tint = CategoryPalette::negativeAmount(option->palette);
        tint.setAlpha(60);
        option->backgroundBrush = tint;
    }
}
