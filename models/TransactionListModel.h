#pragma once

#include "core/domain/XpTransaction.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

// A fixed list of transactions, as listed before a rollback or a delete-source is confirmed.
class TransactionListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, User, Amount, Source, Category, Description, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; // sortable value of the cell
    static constexpr int IdRole = Qt::UserRole + 2; // the transaction id (every column)

    explicit TransactionListModel(QObject *parent = nullptr);

    void setTransactions(const QList<XpTransaction> &rows);
    // How to show users (id -> name); users without a label show their id.
    void setUserLabels(const QHash<QString, QString> &labels);
    const QList<XpTransaction> &transactions() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<XpTransaction> m_rows;
    QHash<QString, QString> m_userLabels;
};
