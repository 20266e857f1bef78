#include "models/ImportEffectModel.h"

#include "models/ImportText.h"
#include "models/XpFormat.h"

ImportEffectModel::ImportEffectModel(QObject *parent) : QAbstractTableModel(parent) { }

void ImportEffectModel::setEffects(const QList<ImportUserEffect> &effects)
{
    beginResetModel();
    m_effects = effects;
    endResetModel();
}

int ImportEffectModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_effects.size());
}

int ImportEffectModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportEffectModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_effects.size())
        return {};
    const ImportUserEffect &effect = m_effects.at(index.row());
    if (role == RawValueRole) {
        switch (index.column()) {
        case User:
            return effect.userId;
        case Before:
            return effect.before;
        case Change:
            return effect.change;
        case After:
            return effect.after;
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case User:
            return effect.created ? tr("%1 (new user)").arg(effect.userId) : effect.userId;
        case Before:
            return ImportText::number(effect.before);
        case Change:
            return ImportText::signedNumber(effect.change);
        case After:
            return ImportText::number(effect.after);
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Change)
        return XpFormat::amountColor(effect.change);
    if (role == Qt::TextAlignmentRole && index.column() != User)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ImportEffectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case User:
        return tr("User");
    case Before:
        return tr("Total before");
    case Change:
        return tr("Change");
    case After:
        return tr("Total after");
    default:
        return {};
    }
}
