#pragma once

#include "core/domain/ReasonCatalog.h"
#include "core/ledger/PendingAdjustment.h"

#include <QAbstractTableModel>
#include <QList>

class LedgerSession;

// The adjustments waiting for approval, oldest first, with why each waits and its reason code by
// its label, read on the session's interactive worker.
// Reloads by itself when the ledger changes (a new request comes from an adjustment); a result
// that arrives after a newer reload was asked for is dropped.
class PendingModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { RequestedAt, User, Amount, HeldFor, Reason, ReasonCode, RequestedBy, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // QDateTime (UTC), QString or qint64
        RequestIdRole // QString, any column
    };

    explicit PendingModel(LedgerSession *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void reload();
    bool isLoading() const { return m_loading; }
    // The request shown in a row (row must be valid), and the row of a request id (-1 if absent).
    const PendingAdjustment &request(int row) const { return m_rows.at(row); }
    int rowOf(const QString &id) const;
    // The Held because column, short: "limit per day" (the tooltip says whose, in a sentence).
    static QString heldFor(HoldReason reason);

signals:
    // Every reload ends with one of these.
    void loaded();
    void loadFailed(const QString &message);

private:
    QVariant display(const PendingAdjustment &request, int column) const;
    QVariant raw(const PendingAdjustment &request, int column) const;

    LedgerSession *m_session;
    QList<PendingAdjustment> m_rows;
    ReasonCatalog m_catalog; // read with the rows: the codes' labels and the ticket link pattern
    quint64 m_generation = 0;
    bool m_loading = false;
};
