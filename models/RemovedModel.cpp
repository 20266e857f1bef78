#include "models/RemovedModel.h"

#include "models/FreeTextColumns.h"

#include "core/preview/RemovedQuery.h"
#include "core/session/DatabaseWorker.h"
#include "models/XpFormat.h"

RemovedModel::RemovedModel(DatabaseWorker *worker, QObject *parent) : QAbstractTableModel(parent), m_worker(worker)
{
    FreeTextColumns::mark(this, {Source, Description, RemovalReason});
}

void RemovedModel::setUserFilter(const QString &userId)
{
    m_userId = userId.trimmed();
    reload();
}

void RemovedModel::reload()
{
    beginResetModel();
    m_items.clear();
    ++m_generation; // a page still on its way belongs to the old list
    m_atEnd = false;
    m_loading = false;
    endResetModel(); // a view may fetch the first page from here already
    fetchMore({});
    emit loadingChanged(m_loading);
}

void RemovedModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

bool RemovedModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading && m_worker;
}

void RemovedModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    setLoading(true);
    const QString userId = m_userId;
    const std::optional<qint64> before = m_items.isEmpty() ? std::nullopt : std::optional(m_items.last().seq);
    const quint64 generation = m_generation;
    m_worker->post<QList<RemovedTransaction>>(
        this, [userId, before](Database &db) { return RemovedQuery(db).page(userId, before, PageSize); },
        [this, generation](const Result<QList<RemovedTransaction>> &page) {
            if (generation != m_generation)
                return; // asked for before a reset
            if (!page) {
                m_atEnd = true;
                setLoading(false);
                emit loadFailed(page.error().message);
                return;
            }
            m_atEnd = page->size() < PageSize;
            if (!page->isEmpty()) {
                // Still loading while the rows go in: a view asking for more from inside
                // beginInsertRows must not ask for this page again.
                const int first = static_cast<int>(m_items.size());
                beginInsertRows({}, first, first + static_cast<int>(page->size()) - 1);
                m_items << *page;
                endInsertRows();
            }
            setLoading(false);
        });
}

int RemovedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int RemovedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemovedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RemovedTransaction &item = m_items.at(index.row());
    const XpTransaction &row = item.row;
    if (role == IdRole)
        return row.id;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ForegroundRole)
        return index.column() == Amount ? XpFormat::amountColor(row.amount) : QVariant();
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Removed:
            return item.action == QLatin1String("delete-source")
                ? tr("Deleted with its source at %1").arg(XpFormat::utcTime(item.removedAt))
                : tr("Rolled back at %1").arg(XpFormat::utcTime(item.removedAt));
        case Description:
            return tr("%1\nAwarded at %2").arg(row.description, XpFormat::utcTime(row.createdAt));
        case RemovalReason:
            return item.removalReason;
        case User:
            return tr("User id %1").arg(row.userId);
        default:
            return tr("Transaction %1").arg(row.id);
        }
    }
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Removed:
        return raw ? QVariant(item.seq) : QVariant(XpFormat::localTime(item.removedAt));
    case User:
        return raw ? row.userId : XpFormat::user(row.userId, item.userName, item.userEmail);
    case Amount:
        return raw ? QVariant(qint64(row.amount)) : QVariant(XpFormat::signedAmount(row.amount));
    case Source:
        return raw ? QVariant(row.sourceId) : QVariant(XpFormat::source(row.sourceType, row.sourceId));
    case Description:
        return row.description;
    case RemovalReason:
        return item.removalReason;
    case RemovedBy:
        return item.operatorName;
    default:
        return {};
    }
}

QVariant RemovedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Removed:
        return tr("Removed");
    case User:
        return tr("User");
    case Amount:
        return tr("Amount");
    case Source:
        return tr("Source");
    case Description:
        return tr("Description");
    case RemovalReason:
        return tr("Why it was removed");
    case RemovedBy:
        return tr("Removed by");
    default:
        return {};
    }
}
