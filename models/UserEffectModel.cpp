#include "models/UserEffectModel.h"

#include "models/XpFormat.h"

#include <algorithm>

UserEffectModel::UserEffectModel(QObject *parent) : QAbstractTableModel(parent) { }

void UserEffectModel::setEffects(const QList<UserEffect> &effects)
{
    beginResetModel();
    m_effects = effects;
    endResetModel();
}

int UserEffectModel::negativeCount() const
{
    return static_cast<int>(
        std::count_if(m_effects.cbegin(), m_effects.cend(), [](const UserEffect &e) { return e.goesNegative(); }));
}

int UserEffectModel::overflowCount() const
{
    return static_cast<int>(
        std::count_if(m_effects.cbegin(), m_effects.cend(), [](const UserEffect &e) { return !e.fitsTotal(); }));
}

int UserEffectModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_effects.size());
}

int UserEffectModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserEffectModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserEffect &effect = m_effects.at(index.row());
    if (role == UserIdRole)
        return effect.userId;
    if (role == Qt::TextAlignmentRole)
        return index.column() == User ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole)
        return index.column() == Change ? XpFormat::amountColor(effect.change) : QVariant();
    if (role == Qt::ToolTipRole) {
        if (index.column() == User)
            return effect.email.isEmpty() ? effect.userId : tr("%1 (id %2)").arg(effect.email, effect.userId);
        if (index.column() == ResultingTotal && !effect.fitsTotal())
            return tr("Past the largest total the ledger can hold: the change will be refused");
        if (index.column() == ResultingTotal && effect.goesNegative())
            return tr("The total goes below zero");
        return {};
    }
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case User:
        return raw ? effect.userId : XpFormat::user(effect.userId, effect.name, effect.email);
    case Transactions:
        return raw ? QVariant(effect.transactions) : QVariant(XpFormat::total(effect.transactions));
    case CurrentTotal:
        return raw ? QVariant(effect.currentTotal) : QVariant(XpFormat::total(effect.currentTotal));
    case Change:
        return raw ? QVariant(effect.change) : QVariant(XpFormat::signedAmount(effect.change));
    case ResultingTotal:
        return raw ? QVariant(effect.resultingTotal()) : QVariant(XpFormat::total(effect.resultingTotal()));
    default:
        return {};
    }
}

QVariant UserEffectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case User:
        return tr("User");
    case Transactions:
        return tr("Transactions");
    case CurrentTotal:
        return tr("Current total");
    case Change:
        return tr("Change");
    case ResultingTotal:
        return tr("Resulting total");
    default:
        return {};
    }
}
