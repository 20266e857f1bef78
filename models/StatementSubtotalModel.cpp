#include "models/StatementSubtotalModel.h"

#include "models/XpFormat.h"

StatementSubtotalModel::StatementSubtotalModel(Group group, QObject *parent)
    : QAbstractTableModel(parent), m_group(group)
{ }

void StatementSubtotalModel::setSubtotals(const QList<StatementSubtotal> &subtotals)
{
    beginResetModel();
    m_subtotals = subtotals;
    endResetModel();
}

QString StatementSubtotalModel::label(const QString &key) const
{
    if (m_group == Group::Category) {
        if (const auto category = XpEnums::categoryFromName(key))
            return XpEnums::label(*category);
    } else if (const auto type = XpEnums::sourceTypeFromName(key)) {
        return XpEnums::label(*type);
    }
    return key;
}

int StatementSubtotalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_subtotals.size());
}

int StatementSubtotalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatementSubtotalModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const StatementSubtotal &s = m_subtotals.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Name:
            return label(s.key);
        case Added:
            return XpFormat::signedAmount(s.added);
        case Removed:
            return XpFormat::signedAmount(s.removed);
        case Net:
            return XpFormat::signedAmount(s.net());
        case Changes:
            return XpFormat::total(s.count);
        }
    } else if (role == RawValueRole) {
        switch (column) {
        case Name:
            return label(s.key);
        case Added:
            return s.added;
        case Removed:
            return s.removed;
        case Net:
            return s.net();
        case Changes:
            return s.count;
        }
    } else if (role == Qt::TextAlignmentRole && column != Name) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole && column == Net) {
        return XpFormat::amountColor(s.net());
    }
    return {};
}

QVariant StatementSubtotalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return m_group == Group::Category ? tr("Category") : tr("Source type");
    case Added:
        return tr("Added");
    case Removed:
        return tr("Removed");
    case Net:
        return tr("Net");
    case Changes:
        return tr("Changes");
    }
    return {};
}
