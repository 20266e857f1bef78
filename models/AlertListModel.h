#pragma once

#include "core/alerts/Alert.h"

#include <QAbstractTableModel>
#include <QList>

// The alerts raised while the window is open, newest first, at most MaxAlerts (the oldest go).
// Counts those not seen yet, for the badge of View > Alerts.
class AlertListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int MaxAlerts = 1000;
    enum Column { Time, Rule, Message, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // QDateTime (UTC), the rule's key, or the sentence
        SeqRole, // qint64: the audit event that raised it, any column
        UserIdRole // QString: its user, any column
    };

    explicit AlertListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds alerts (oldest first, as AlertCheck returns them) at the top.
    void add(const QList<Alert> &alerts);
    void clear();
    const Alert &alert(int row) const { return m_alerts.at(row); }
    int unseen() const { return m_unseen; }
    void markSeen();

signals:
    void unseenChanged(int unseen);

private:
    QList<Alert> m_alerts; // newest first
    int m_unseen = 0;
};
