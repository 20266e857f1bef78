#include "models/LedgerDiffUsersModel.h"

#include "models/XpFormat.h"

void LedgerDiffUsersModel::setDiff(const LedgerDiff &diff)
{
    beginResetModel();
    m_users = diff.users;
    endResetModel();
}

void LedgerDiffUsersModel::clear()
{
    beginResetModel();
    m_users.clear();
    endResetModel();
}

int LedgerDiffUsersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_users.size());
}

int LedgerDiffUsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerDiffUsersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiffUser &user = m_users.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case User:
            return user.label.isEmpty() ? tr("%1 (no longer a user)").arg(user.userId) : user.label;
        case Before:
            return XpFormat::total(user.before);
        case Added:
            return XpFormat::signedAmount(user.added);
        case Removed:
            return XpFormat::signedAmount(-user.removed);
        case After:
            return XpFormat::total(user.after);
        case Reconciled:
            return user.reconciles() ? tr("✓ Reconciled") : tr("✗ Does not add up");
        default:
            return {};
        }
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case User:
            return user.userId;
        case Before:
            return user.before;
        case Added:
            return user.added;
        case Removed:
            return user.removed;
        case After:
            return user.after;
        case Reconciled:
            return user.reconciles();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == User)
            return user.userId;
        if (index.column() == Reconciled)
            return tr("%1 before + %2 added − %3 removed = %4; the total after is %5")
                .arg(XpFormat::total(user.before), XpFormat::total(user.added), XpFormat::total(user.removed),
                     XpFormat::total(user.before + user.added - user.removed), XpFormat::total(user.after));
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == Added)
            return XpFormat::amountColor(user.added);
        if (index.column() == Removed)
            return XpFormat::amountColor(-user.removed);
        if (index.column() == Reconciled && !user.reconciles())
            return XpFormat::amountColor(-1);
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() != User && index.column() != Reconciled)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant LedgerDiffUsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case User:
        return tr("User");
    case Before:
        return tr("Before");
    case Added:
        return tr("Added");
    case Removed:
        return tr("Removed");
    case After:
        return tr("After");
    case Reconciled:
        return tr("Reconciled");
    default:
        return {};
    }
}
