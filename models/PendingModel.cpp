#include "models/PendingModel.h"

#include "models/FreeTextColumns.h"

#include "core/approval/ApprovalQueue.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"

PendingModel::PendingModel(LedgerSession *session, QObject *parent) : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &LedgerSession::ledgerChanged, this, &PendingModel::reload);
    FreeTextColumns::mark(this, {Reason});
}

int PendingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PendingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PendingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RequestedAt:
        return tr("Requested");
    case User:
        return tr("User");
    case Amount:
        return tr("Amount");
    case Reason:
        return tr("Reason");
    case RequestedBy:
        return tr("Requested by");
    default:
        return {};
    }
}

QVariant PendingModel::display(const PendingAdjustment &request, int column) const
{
    switch (column) {
    case RequestedAt:
        return XpFormat::localTime(request.requestedAt);
    case User:
        return XpFormat::user(request.userId, request.userName, request.userEmail);
    case Amount:
        return XpFormat::signedAmount(request.amount);
    case Reason:
        return request.reason;
    case RequestedBy:
        return request.requestedOperator == request.requestedBy
            ? request.requestedBy
            : tr("%1 (login %2)").arg(request.requestedOperator, request.requestedBy);
    default:
        return {};
    }
}

QVariant PendingModel::raw(const PendingAdjustment &request, int column) const
{
    switch (column) {
    case RequestedAt:
        return request.requestedAt;
    case User:
        return request.userId;
    case Amount:
        return request.amount;
    case Reason:
        return request.reason;
    case RequestedBy:
        return request.requestedOperator;
    default:
        return {};
    }
}

QVariant PendingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PendingAdjustment &request = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(request, index.column());
    case Qt::ToolTipRole:
        if (index.column() == RequestedAt)
            return XpFormat::utcTime(request.requestedAt);
        if (index.column() == User)
            return tr("id %1").arg(request.userId);
        if (index.column() == Reason)
            return request.reason;
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == Amount ? XpFormat::amountColor(request.amount) : QVariant();
    case RawValueRole:
        return raw(request, index.column());
    case RequestIdRole:
        return request.id;
    default:
        return {};
    }
}

int PendingModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

void PendingModel::reload()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_session->interactive()->post<QList<PendingAdjustment>>(
        this, [](Database &db) { return ApprovalQueue(db).list(); },
        [this, generation](const Result<QList<PendingAdjustment>> &requests) {
            if (generation != m_generation)
                return; // a newer reload is on its way
            m_loading = false;
            if (!requests) {
                emit loadFailed(requests.error().message);
                return;
            }
            beginResetModel();
            m_rows = *requests;
            endResetModel();
            emit loaded();
        });
}
