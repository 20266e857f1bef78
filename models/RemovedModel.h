#pragma once

#include "core/preview/RemovedTransaction.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class DatabaseWorker;

// Rolled-back transactions that can be restored, newest removal first, loaded a page at a time
// on the worker (canFetchMore/fetchMore). A reset drops results of the pages asked for before it.
class RemovedModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Removed, User, Amount, Source, Description, RemovedBy, RemovalReason, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; // sortable value of the cell
    static constexpr int IdRole = Qt::UserRole + 2; // the transaction id (every column)
    static constexpr int PageSize = 200;

    explicit RemovedModel(DatabaseWorker *worker, QObject *parent = nullptr);

    // Shows the removals of one user only (empty: everyone's), from the newest again.
    void setUserFilter(const QString &userId);
    QString userFilter() const { return m_userId; }
    // Starts again from the newest removal (after the ledger changed).
    void reload();
    bool isLoading() const { return m_loading; }
    const RemovedTransaction &item(int row) const { return m_items.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    // A page could not be read; the text says why.
    void loadFailed(const QString &message);

private:
    void setLoading(bool loading);

    QPointer<DatabaseWorker> m_worker;
    QString m_userId;
    QList<RemovedTransaction> m_items;
    quint64 m_generation = 0; // bumped on every reset; results of older generations are dropped
    bool m_loading = false;
    bool m_atEnd = false;
};
