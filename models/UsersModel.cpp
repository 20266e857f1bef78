#include "models/UsersModel.h"

#include "core/history/AsOfRows.h"
#include "core/session/LedgerSession.h"

#include "models/FiguresAsOf.h"
#include "models/LedgerMoment.h"
#include "models/XpFormat.h"

#include <QTimer>

namespace {

std::optional<UserQuery::SortKey> sortKeyOf(int column)
{
    switch (column) {
    case UsersModel::Id:
        return UserQuery::SortKey::Id;
    case UsersModel::Email:
        return UserQuery::SortKey::Email;
    case UsersModel::Name:
        return UserQuery::SortKey::Name;
    case UsersModel::TotalXP:
        return UserQuery::SortKey::TotalXP;
    default:
        return std::nullopt;
    }
}

} // namespace

UsersModel::UsersModel(LedgerSession *session, QObject *parent)
    : QAbstractTableModel(parent),
      m_session(session),
      m_asOf(new FiguresAsOf(this)),
      m_moment(LedgerMoment::of(session))
{
    connect(m_session, &LedgerSession::ledgerChanged, this, &UsersModel::onLedgerChanged);
    connect(m_moment, &LedgerMoment::changed, this, &UsersModel::onMomentChanged);
    m_filter.asOf = m_moment->moment();
    m_asOf->setMoment(m_filter.asOf);
    reload();
}

void UsersModel::onMomentChanged()
{
    const QDateTime moment = m_moment->moment();
    if (moment == m_filter.asOf && moment.isValid() == m_filter.asOf.isValid())
        return;
    m_filter.asOf = moment;
    m_asOf->setMoment(moment);
    emit headerDataChanged(Qt::Horizontal, TotalXP, TotalXP);
    restart(false); // the same users: only their figures change
}

int UsersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int UsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersModel::display(const UserRow &row, int column) const
{
    switch (column) {
    case Id:
        return row.id;
    case Email:
        return row.email;
    case Name:
        return row.name;
    case TotalXP:
        return XpFormat::total(row.totalXP);
    case Transactions:
        return XpFormat::total(row.transactions);
    case LastActivity:
        return XpFormat::localTime(row.lastActivity);
    default:
        return {};
    }
}

QVariant UsersModel::raw(const UserRow &row, int column) const
{
    switch (column) {
    case Id:
        return row.id;
    case Email:
        return row.email;
    case Name:
        return row.name;
    case TotalXP:
        return row.totalXP;
    case Transactions:
        return row.transactions;
    case LastActivity:
        return row.lastActivity;
    default:
        return {};
    }
}

QVariant UsersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case RawValueRole:
        return raw(row, index.column());
    case DriftRole:
        return row.drift();
    case UserIdRole:
        return row.id;
    case ChangedRole:
        return m_changed.contains(row.id);
    case DirectChangeRole:
        return m_direct.value(row.id);
    case Qt::ToolTipRole:
        if (const QString direct = m_direct.value(row.id); !direct.isEmpty()) {
            return row.drift() ? direct + QLatin1Char('\n')
                    + tr("The cached total %1 differs from the sum %2 of the transactions: run Verify > Repair")
                          .arg(XpFormat::total(row.totalXP), XpFormat::total(row.sum))
                               : direct;
        }
        if (row.drift()) {
            return tr("The cached total %1 differs from the sum %2 of the transactions: run Verify > Repair")
                .arg(XpFormat::total(row.totalXP), XpFormat::total(row.sum));
        }
        if (index.column() == LastActivity && row.lastActivity.isValid())
            return XpFormat::utcTime(row.lastActivity);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TotalXP || index.column() == Transactions)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Id:
            return tr("ID");
        case Email:
            return tr("Email");
        case Name:
            return tr("Name");
        case TotalXP:
            return tr("Total XP");
        case Transactions:
            return tr("Transactions");
        case LastActivity:
            return tr("Last activity");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TotalXP:
            if (m_filter.asOf.isValid())
                return tr("The sum of the user's transactions at the moment shown. Click to sort: descending gives "
                          "the leaderboard of then.");
            return tr("The cached total of the user's profile. Click to sort: descending gives the leaderboard.");
        case Transactions:
            return tr("The number of the user's transactions. Not sortable: sort by ID, email, name or total XP.");
        case LastActivity:
            return tr("The time of the user's latest transaction. Not sortable: sort by ID, email, name or total XP.");
        default:
            return tr("Click to sort by %1").arg(headerData(section, orientation, Qt::DisplayRole).toString());
        }
    }
    if (role == Qt::InitialSortOrderRole && section == TotalXP)
        return int(Qt::DescendingOrder); // the first click on the total shows the leaderboard
    if (role == Qt::TextAlignmentRole && (section == TotalXP || section == Transactions))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return QAbstractTableModel::headerData(section, orientation, role);
}

bool UsersModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void UsersModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_loading)
        return;
    setLoading(true);
    requestPage();
}

bool UsersModel::isSortable(int column)
{
    return sortKeyOf(column).has_value();
}

int UsersModel::sortColumn() const
{
    switch (m_sortKey) {
    case UserQuery::SortKey::Id:
        return Id;
    case UserQuery::SortKey::Email:
        return Email;
    case UserQuery::SortKey::Name:
        return Name;
    case UserQuery::SortKey::TotalXP:
        return TotalXP;
    }
    return TotalXP;
}

void UsersModel::sort(int column, Qt::SortOrder order)
{
    const auto key = sortKeyOf(column);
    if (!key || (*key == m_sortKey && order == m_order))
        return;
    m_sortKey = *key;
    m_order = order;
    restart(false);
}

void UsersModel::setSearch(const QString &text)
{
    if (text == m_filter.search)
        return;
    m_filter.search = text;
    reload();
}

void UsersModel::reload()
{
    restart(true);
}

int UsersModel::rowOf(const QString &userId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == userId)
            return static_cast<int>(i);
    }
    return -1;
}

void UsersModel::restart(bool recount)
{
    const bool wasLoading = m_loading;
    beginResetModel();
    ++m_generation;
    m_liveGeneration->store(m_generation);
    m_rows.clear();
    m_atEnd = false;
    // Loading from here on: a view that asks for more as it hears of the reset gets nothing twice.
    m_loading = true;
    endResetModel();
    if (!wasLoading)
        emit loadingChanged(true);
    requestPage();
    if (recount)
        requestCount();
}

void UsersModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void UsersModel::requestPage()
{
    const quint64 generation = m_generation;
    std::optional<UserCursor> after;
    if (!m_rows.isEmpty())
        after = UserQuery::cursorAfter(m_rows.constLast(), m_sortKey);
    m_session->interactive()->postRead<QList<UserRow>>(
        this,
        [filter = m_filter, key = m_sortKey, order = m_order, after, live = m_liveGeneration,
         generation](Database &db) -> Result<QList<UserRow>> {
            if (live->load() != generation)
                return Error::cancelled(QStringLiteral("stale"));
            return UserQuery(db, &AsOfRows::source).page(filter, key, order, after, PageSize);
        },
        [this, generation, first = !after](const Result<QList<UserRow>> &page, const ReadSource &source) {
            if (generation != m_generation)
                return;
            if (!page) {
                m_atEnd = true; // no endless retries: refresh() tries again
                setLoading(false);
                emit loadFailed(tr("The users could not be read: %1").arg(page.error().message));
                return;
            }
            if (first)
                m_asOf->restart(source);
            else
                m_asOf->add(source);
            m_atEnd = page->size() < PageSize;
            if (!page->isEmpty()) {
                const int first = static_cast<int>(m_rows.size());
                beginInsertRows({}, first, first + static_cast<int>(page->size()) - 1);
                m_rows.append(*page);
                endInsertRows();
            }
            // Only now: a view may ask for more while the rows are being inserted.
            setLoading(false);
        });
}

void UsersModel::requestCount()
{
    m_count = -1;
    const quint64 generation = m_generation;
    m_session->interactive()->postRead<qint64>(
        this,
        [filter = m_filter, live = m_liveGeneration, generation](Database &db) -> Result<qint64> {
            if (live->load() != generation)
                return Error::cancelled(QStringLiteral("stale"));
            return UserQuery(db).count(filter);
        },
        [this, generation](const Result<qint64> &count, const ReadSource &source) {
            if (generation != m_generation)
                return;
            if (!count) {
                emit loadFailed(tr("The users could not be counted: %1").arg(count.error().message));
                return;
            }
            m_asOf->add(source);
            m_count = *count;
            emit countReady(m_count);
        });
}

void UsersModel::onLedgerChanged(const QStringList &userIds)
{
    if (m_filter.asOf.isValid())
        return; // a change made now leaves a past moment as it was
    if (userIds.isEmpty()) {
        reload();
        return;
    }
    QStringList shown;
    for (const QString &id : userIds) {
        if (rowOf(id) >= 0)
            shown << id;
    }
    if (!shown.isEmpty())
        refreshUsers(shown);
}

void UsersModel::refreshUsers(const QStringList &userIds)
{
    const quint64 generation = m_generation;
    m_session->interactive()->postRead<QList<UserRow>>(
        this,
        [userIds, live = m_liveGeneration, generation](Database &db) -> Result<QList<UserRow>> {
            if (live->load() != generation)
                return Error::cancelled(QStringLiteral("stale"));
            return UserQuery(db).rows(userIds);
        },
        [this, generation](const Result<QList<UserRow>> &rows, const ReadSource &source) {
            if (generation != m_generation)
                return;
            if (!rows) {
                emit loadFailed(tr("The changed users could not be read again: %1").arg(rows.error().message));
                return;
            }
            // The other rows stay as they were read: the oldest of their times still holds.
            m_asOf->add(source);
            for (const UserRow &fresh : *rows) {
                const int row = rowOf(fresh.id);
                if (row < 0)
                    continue;
                m_rows[row] = fresh;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        });
}

void UsersModel::refreshLoaded()
{
    if (m_filter.asOf.isValid() || m_rows.isEmpty())
        return; // a change made now leaves a past moment as it was
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    QHash<QString, qint64> shown;
    shown.reserve(m_rows.size());
    for (const UserRow &row : std::as_const(m_rows))
        shown.insert(row.id, row.totalXP);
    const quint64 generation = m_generation;
    // On the primary: a standby may not have replayed the change yet. The cached totals first
    // (key lookups); the sums and counts, which read the rows, only of the users whose total moved.
    m_session->interactive()->post<QList<UserRow>>(
        this,
        [shown](Database &db) -> Result<QList<UserRow>> {
            UserQuery query(db);
            auto totals = query.cachedTotals(shown.keys());
            if (!totals)
                return totals.error();
            QStringList moved;
            for (auto it = totals->cbegin(); it != totals->cend(); ++it) {
                if (it.value() != shown.value(it.key()))
                    moved << it.key();
            }
            return query.rowsInBatches(moved);
        },
        [this, generation](const Result<QList<UserRow>> &rows) {
            m_refreshing = false;
            if (generation == m_generation && rows)
                applyRefreshed(*rows);
            // A failure says nothing now: the rows shown stay, and the next change tries again.
            if (std::exchange(m_refreshAgain, false))
                refreshLoaded();
        });
}

void UsersModel::applyRefreshed(const QList<UserRow> &rows)
{
    QStringList changed;
    for (const UserRow &fresh : rows) {
        const int row = rowOf(fresh.id);
        if (row < 0)
            continue;
        const UserRow &old = m_rows.at(row);
        if (old.totalXP == fresh.totalXP && old.sum == fresh.sum && old.transactions == fresh.transactions
            && old.lastActivity == fresh.lastActivity && old.email == fresh.email && old.name == fresh.name)
            continue;
        if (old.totalXP != fresh.totalXP) {
            changed << fresh.id;
            m_changed.insert(fresh.id);
        }
        m_rows[row] = fresh;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (!changed.isEmpty()) {
        QTimer::singleShot(HighlightMs, this, [this, changed, generation = m_generation] {
            for (const QString &id : changed) {
                m_changed.remove(id);
                const int row = generation == m_generation ? rowOf(id) : -1;
                if (row >= 0)
                    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        });
    }
    emit refreshed(changed);
}

void UsersModel::markDirectChange(const QString &userId, const QString &note)
{
    if (m_direct.value(userId) == note)
        return;
    if (note.isEmpty())
        m_direct.remove(userId);
    else
        m_direct.insert(userId, note);
    if (const int row = rowOf(userId); row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}
