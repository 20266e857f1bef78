#include "models/PendingModel.h"

#include "models/FreeTextColumns.h"

#include "core/approval/ApprovalQueue.h"
#include "core/controls/ControlsText.h"
#include "core/reasons/ReasonCodes.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"

namespace {

// What one reload reads, in one go.
struct Queue
{
    QList<PendingAdjustment> requests;
    ReasonCatalog catalog;
};

} // namespace

PendingModel::PendingModel(LedgerSession *session, QObject *parent) : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &LedgerSession::ledgerChanged, this, &PendingModel::reload);
    // The reason, and the code's label and ticket an admin and the maker wrote: elided when narrow.
    FreeTextColumns::mark(this, {Reason, ReasonCode});
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
    case HeldFor:
        return tr("Held because");
    case Reason:
        return tr("Reason");
    case ReasonCode:
        return tr("Reason code");
    case RequestedBy:
        return tr("Requested by");
    default:
        return {};
    }
}

QString PendingModel::heldFor(HoldReason reason)
{
    switch (reason) {
    case HoldReason::Threshold:
        return tr("approval threshold");
    case HoldReason::LimitPerChange:
        return tr("limit per change");
    case HoldReason::LimitPerDay:
        return tr("limit per day");
    }
    return {};
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
    case HeldFor:
        return heldFor(request.heldFor);
    case Reason:
        return request.reason;
    case ReasonCode:
        if (request.reasonTag.ticket.isEmpty())
            return m_catalog.label(request.reasonTag.code);
        if (request.reasonTag.code.isEmpty())
            return tr("ticket %1").arg(request.reasonTag.ticket);
        return tr("%1, ticket %2").arg(m_catalog.label(request.reasonTag.code), request.reasonTag.ticket);
    case RequestedBy: // the person; the login, when it differs, in the tooltip
        return request.requestedOperator.isEmpty() ? request.requestedBy : request.requestedOperator;
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
    case HeldFor:
        return HoldReasons::key(request.heldFor);
    case Reason:
        return request.reason;
    case ReasonCode:
        return request.reasonTag.code;
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
        if (index.column() == RequestedBy && request.requestedOperator != request.requestedBy)
            return tr("%1 (login %2)").arg(request.requestedOperator, request.requestedBy);
        if (index.column() == HeldFor)
            return ControlsText::heldFor(request.heldFor);
        if (index.column() == ReasonCode)
            return m_catalog.describe(request.reasonTag.code, request.reasonTag.ticket);
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
    m_session->interactive()->post<Queue>(
        this,
        [](Database &db) -> Result<Queue> {
            auto requests = ApprovalQueue(db).list();
            if (!requests)
                return requests.error();
            auto catalog = ReasonCodes(db).catalog();
            if (!catalog)
                return catalog.error();
            return Queue{*requests, *catalog};
        },
        [this, generation](const Result<Queue> &queue) {
            if (generation != m_generation)
                return; // a newer reload is on its way
            m_loading = false;
            if (!queue) {
                emit loadFailed(queue.error().message);
                return;
            }
            beginResetModel();
            m_rows = queue->requests;
            m_catalog = queue->catalog;
            endResetModel();
            emit loaded();
        });
}
