#include "models/LedgerDiffRowsModel.h"

#include "models/XpFormat.h"

void LedgerDiffRowsModel::setDiff(const LedgerDiff &diff)
{
    beginResetModel();
    m_rows = diff.rows;
    m_labels.clear();
    for (const DiffUser &user : diff.users)
        m_labels.insert(user.userId, user.label);
    endResetModel();
}

void LedgerDiffRowsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_labels.clear();
    endResetModel();
}

int LedgerDiffRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LedgerDiffRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LedgerDiffRowsModel::changeText(DiffRow::Change change)
{
    switch (change) {
    case DiffRow::Change::Added:
        return tr("Added");
    case DiffRow::Change::Restored:
        return tr("Restored");
    case DiffRow::Change::Removed:
        return tr("Removed");
    }
    return {};
}

QVariant LedgerDiffRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiffRow &diff = m_rows.at(index.row());
    const XpTransaction &row = diff.row;
    // A removed row takes its XP away: shown with a minus, its amount kept in the raw value.
    const qint64 effect = diff.change == DiffRow::Change::Removed ? -qint64(row.amount) : qint64(row.amount);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Change:
            return changeText(diff.change);
        case Time:
            return XpFormat::localTime(row.createdAt);
        case User:
            return XpFormat::user(row.userId, m_labels.value(row.userId));
        case Amount:
            return XpFormat::signedAmount(effect);
        case Category:
            return XpEnums::label(row.category);
        case Source:
            return XpFormat::source(row.sourceType, row.sourceId);
        case Description:
            return row.description;
        default:
            return {};
        }
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case Change:
            return int(diff.change);
        case Time:
            return row.createdAt;
        case User:
            return row.userId;
        case Amount:
            return qint64(row.amount);
        case Category:
            return XpEnums::name(row.category);
        case Source:
            return row.sourceId;
        case Description:
            return row.description;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && (index.column() == Amount || index.column() == Change))
        return XpFormat::amountColor(effect);
    if (role == Qt::ToolTipRole) {
        if (index.column() == User)
            return row.userId;
        if (index.column() == Time)
            return XpFormat::utcTime(row.createdAt);
        return tr("Transaction %1").arg(row.id);
    }
    if (role == Qt::TextAlignmentRole && index.column() == Amount)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant LedgerDiffRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Change:
        return tr("Change");
    case Time:
        return tr("Date");
    case User:
        return tr("User");
    case Amount:
        return tr("Amount");
    case Category:
        return tr("Category");
    case Source:
        return tr("Source");
    case Description:
        return tr("Description");
    default:
        return {};
    }
}
