#include "models/AlertListModel.h"

#include "models/XpFormat.h"

#include <algorithm>

AlertListModel::AlertListModel(QObject *parent) : QAbstractTableModel(parent) { }

int AlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const Alert &alert = m_alerts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return XpFormat::localTime(alert.event.at);
        case Rule:
            return Alert::ruleLabel(alert.rule);
        case Message:
            return alert.sentence;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return XpFormat::utcTime(alert.event.at);
        return tr("%1\nAudit event #%2").arg(alert.sentence).arg(alert.event.seq);
    case RawValueRole:
        switch (index.column()) {
        case Time:
            return alert.event.at;
        case Rule:
            return Alert::ruleKey(alert.rule);
        case Message:
            return alert.sentence;
        }
        return {};
    case SeqRole:
        return alert.event.seq;
    case UserIdRole:
        return alert.event.userId;
    }
    return {};
}

QVariant AlertListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Rule:
        return tr("Rule");
    case Message:
        return tr("Alert");
    }
    return {};
}

void AlertListModel::add(const QList<Alert> &alerts)
{
    if (alerts.isEmpty())
        return;
    beginInsertRows({}, 0, int(alerts.size()) - 1);
    for (const Alert &alert : alerts)
        m_alerts.prepend(alert);
    endInsertRows();
    if (m_alerts.size() > MaxAlerts) {
        beginRemoveRows({}, MaxAlerts, int(m_alerts.size()) - 1);
        m_alerts.resize(MaxAlerts);
        endRemoveRows();
    }
    m_unseen = std::min(m_unseen + int(alerts.size()), int(m_alerts.size()));
    emit unseenChanged(m_unseen);
}

void AlertListModel::clear()
{
    beginResetModel();
    m_alerts.clear();
    endResetModel();
    markSeen();
}

void AlertListModel::markSeen()
{
    if (m_unseen == 0)
        return;
    m_unseen = 0;
    emit unseenChanged(0);
}
