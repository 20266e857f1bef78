#include "models/TransactionListModel.h"

#include "models/FreeTextColumns.h"

#include "models/XpFormat.h"

TransactionListModel::TransactionListModel(QObject *parent) : QAbstractTableModel(parent)
{
    FreeTextColumns::mark(this, {Source, Description});
}

void TransactionListModel::setTransactions(const QList<XpTransaction> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void TransactionListModel::setUserLabels(const QHash<QString, QString> &labels)
{
    m_userLabels = labels;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, User), index(rowCount() - 1, User), {Qt::DisplayRole});
}

int TransactionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TransactionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransactionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const XpTransaction &row = m_rows.at(index.row());
    if (role == IdRole)
        return row.id;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ForegroundRole)
        return index.column() == Amount ? XpFormat::amountColor(row.amount) : QVariant();
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return XpFormat::utcTime(row.createdAt);
        case User:
            return tr("User id %1").arg(row.userId);
        case Description:
            return row.description;
        default:
            return tr("Transaction %1").arg(row.id);
        }
    }
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Time:
        return raw ? QVariant(row.createdAt) : QVariant(XpFormat::localTime(row.createdAt));
    case User:
        return raw ? row.userId : m_userLabels.value(row.userId, row.userId);
    case Amount:
        return raw ? QVariant(qint64(row.amount)) : QVariant(XpFormat::signedAmount(row.amount));
    case Source:
        return raw ? QVariant(row.sourceId) : QVariant(XpFormat::source(row.sourceType, row.sourceId));
    case Category:
        return raw ? QVariant(XpEnums::name(row.category)) : QVariant(XpEnums::label(row.category));
    case Description:
        return row.description;
    default:
        return {};
    }
}

QVariant TransactionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case User:
        return tr("User");
    case Amount:
        return tr("Amount");
    case Source:
        return tr("Source");
    case Category:
        return tr("Category");
    case Description:
        return tr("Description");
    default:
        return {};
    }
}
