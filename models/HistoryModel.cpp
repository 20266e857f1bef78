#include "models/HistoryModel.h"

#include "models/FiguresAsOf.h"
#include "models/FreeTextColumns.h"

#include "core/domain/Timestamp.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"

#include <QLocale>
#include <QTimer>

namespace {

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

HistoryModel::HistoryModel(LedgerSession *session, QObject *parent)
    : QAbstractTableModel(parent),
      m_session(session),
      m_asOf(new FiguresAsOf(this)),
      m_labels(new UserLabels(session, this)),
      m_timeFormat(XpFormat::timePattern(QLocale())),
      m_aheadTimer(new QTimer(this))
{
    connect(m_session, &LedgerSession::ledgerChanged, this, &HistoryModel::onLedgerChanged);
    FreeTextColumns::mark(this, {SourceId, Description, Id});
    m_aheadTimer->setSingleShot(true);
    m_aheadTimer->setInterval(0);
    connect(m_aheadTimer, &QTimer::timeout, this, &HistoryModel::readAhead);
    connect(m_labels, &UserLabels::arrived, this, [this] {
        if (m_rowCount > 0)
            emit dataChanged(index(0, User), index(m_rowCount - 1, User), {Qt::DisplayRole});
    });
    restart(false);
}

const HistoryModel::Row &HistoryModel::rowAt(int row) const
{
    return m_pages.at(row / PageSize).at(row % PageSize);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::display(const Row &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case Time:
        return locale.toString(utc(row.createdAtMs).toLocalTime(), m_timeFormat);
    case Amount:
        return XpFormat::signedAmount(row.amount);
    case Balance:
        return m_hasBalance ? QVariant(XpFormat::total(row.balance)) : QVariant();
    case SourceType:
        return XpEnums::label(static_cast<::SourceType>(row.sourceType));
    case SourceId:
        return row.sourceId();
    case Category:
        return XpEnums::label(static_cast<::Category>(row.category));
    case Description:
        return row.description();
    case User:
        // Empty for the moment it takes to read the name (UserLabels).
        return m_labels->label(row.userId()).value_or(QString());
    case Id:
        return row.id();
    default:
        return {};
    }
}

QVariant HistoryModel::raw(const Row &row, int column) const
{
    switch (column) {
    case Time:
        return utc(row.createdAtMs);
    case Amount:
        return qint64(row.amount);
    case Balance:
        return m_hasBalance ? QVariant(row.balance) : QVariant();
    case SourceType:
        return XpEnums::name(static_cast<::SourceType>(row.sourceType));
    case SourceId:
        return row.sourceId();
    case Category:
        return XpEnums::name(static_cast<::Category>(row.category));
    case Description:
        return row.description();
    case User:
        return row.userId();
    case Id:
        return row.id();
    default:
        return {};
    }
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = rowAt(index.row());
    if (role == Qt::DisplayRole)
        shown(index.row());
    if (role == RemovedRole || (role == Qt::ToolTipRole && !m_removed.isEmpty())) {
        const QString removed = m_removed.value(row.id());
        if (role == RemovedRole || !removed.isEmpty())
            return removed;
    }
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case RawValueRole:
        return raw(row, index.column());
    case TransactionRole:
        return QVariant::fromValue(transaction(index.row()));
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Time:
            return tr("%1 (UTC)").arg(Timestamp::toIso(utc(row.createdAtMs)));
        case SourceType:
            return XpEnums::name(static_cast<::SourceType>(row.sourceType));
        case Category:
            return XpEnums::name(static_cast<::Category>(row.category));
        case Description:
        case SourceId:
            return display(row, index.column());
        case User:
            return tr("User id: %1").arg(row.userId());
        case Balance:
            return m_hasBalance ? tr("The user's total after this transaction") : QString();
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Amount || index.column() == Balance)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Time:
            return tr("Time");
        case Amount:
            return tr("Amount");
        case Balance:
            return tr("Balance");
        case SourceType:
            return tr("Source type");
        case SourceId:
            return tr("Source ID");
        case Category:
            return tr("Category");
        case Description:
            return tr("Description");
        case User:
            return tr("User");
        case Id:
            return tr("ID");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && section == Balance)
        return tr("The user's total after each transaction, oldest to newest. Shown for one user, unless a "
                  "category, source type or search hides some of their transactions.");
    if (role == Qt::ToolTipRole) {
        return section == Time ? tr("Local time; the tooltip of each cell gives UTC. Click to switch between newest "
                                    "and oldest first.")
                               : tr("Only the time column sorts.");
    }
    if (role == Qt::InitialSortOrderRole && section == Time)
        return int(Qt::DescendingOrder);
    if (role == Qt::TextAlignmentRole && (section == Amount || section == Balance))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return QAbstractTableModel::headerData(section, orientation, role);
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_loading)
        return;
    setLoading(true);
    requestPage(false);
}

Qt::SortOrder HistoryModel::sortOrder() const
{
    return m_order == HistoryQuery::Order::NewestFirst ? Qt::DescendingOrder : Qt::AscendingOrder;
}

void HistoryModel::sort(int column, Qt::SortOrder order)
{
    if (column != Time || order == sortOrder())
        return;
    m_order = order == Qt::DescendingOrder ? HistoryQuery::Order::NewestFirst : HistoryQuery::Order::OldestFirst;
    restart(false);
}

void HistoryModel::setFilter(const HistoryFilter &filter)
{
    m_filter = filter;
    m_asOf->setMoment(filter.asOf);
    restart(false);
}

void HistoryModel::reload()
{
    restart(true);
}

void HistoryModel::restart(bool keepRowsUntilLoaded)
{
    const bool wasLoading = m_loading;
    if (!keepRowsUntilLoaded)
        beginResetModel();
    ++m_generation;
    m_liveGeneration->store(m_generation);
    m_ahead.reset();
    m_aheadTimer->stop();
    // Loading from here on: a view that asks for more as it hears of the reset gets nothing twice.
    m_loading = true;
    m_hasBalance = HistoryQuery::hasBalance(m_filter);
    if (!keepRowsUntilLoaded) {
        m_removed.clear();
        m_pages.clear();
        m_labels->clear();
        m_rowCount = 0;
        m_atEnd = false;
        endResetModel();
    }
    if (!wasLoading)
        emit loadingChanged(true);
    // Counted once the first page is in: a count of millions of rows, started at the same time,
    // takes the CPU the first page needs (PostgreSQL runs it on parallel workers).
    m_count = -1;
    m_countAfterPage = true;
    requestPage(keepRowsUntilLoaded);
}

int HistoryModel::rowOfId(const QString &id) const
{
    const QByteArray wanted = id.toUtf8();
    for (int row = 0; row < m_rowCount; ++row) {
        const Row &r = rowAt(row);
        if (r.idLength == quint32(wanted.size()) && QByteArrayView(r.text).first(r.idLength) == wanted)
            return row;
    }
    return -1;
}

void HistoryModel::markRemoved(const QHash<QString, QString> &notes)
{
    for (auto it = notes.cbegin(); it != notes.cend(); ++it) {
        const int row = rowOfId(it.key());
        if (row < 0 || m_removed.value(it.key()) == it.value())
            continue;
        if (it.value().isEmpty())
            m_removed.remove(it.key());
        else
            m_removed.insert(it.key(), it.value());
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void HistoryModel::whenLabelled(const QList<int> &rows, QObject *context, std::function<void()> done)
{
    QStringList users;
    users.reserve(rows.size());
    for (const int row : rows)
        users << rowAt(row).userId();
    m_labels->whenKnown(users, context, std::move(done));
}

XpTransaction HistoryModel::transaction(int row) const
{
    return rowAt(row).transaction();
}

void HistoryModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

std::optional<HistoryCursor> HistoryModel::cursorAfterLast() const
{
    if (m_rowCount == 0)
        return std::nullopt;
    const Row &last = rowAt(m_rowCount - 1);
    HistoryCursor after{utc(last.createdAtMs), last.id(), {}, last.amount};
    if (m_hasBalance)
        after.balance = last.balance;
    return after;
}

void HistoryModel::requestPage(bool replace)
{
    const std::optional<HistoryCursor> after = replace ? std::nullopt : cursorAfterLast();
    if (!replace && m_ahead && after && m_ahead->afterId == after->id) {
        if (!m_ahead->arrived) {
            m_ahead->wanted = true; // applied as it arrives
            return;
        }
        const Ahead ahead = *std::exchange(m_ahead, std::nullopt);
        applyPage(*ahead.arrived, ahead.source, false);
        return;
    }
    m_ahead.reset();
    postPage(after, replace ? PageUse::Replace : PageUse::Append);
}

void HistoryModel::shown(int row) const
{
    if (row >= m_rowCount - ReadAheadWithinRows && !m_atEnd && !m_loading && !m_ahead && m_lastReadMs < ReadAheadBelowMs
        && !m_aheadTimer->isActive())
        m_aheadTimer->start();
}

void HistoryModel::readAhead()
{
    if (m_atEnd || m_loading || m_ahead)
        return;
    const std::optional<HistoryCursor> after = cursorAfterLast();
    if (!after)
        return;
    m_ahead = Ahead{after->id, false, std::nullopt, {}};
    postPage(after, PageUse::Ahead);
}

void HistoryModel::postPage(const std::optional<HistoryCursor> &after, PageUse use)
{
    const quint64 generation = m_generation;
    m_session->interactive()->postRead<HistoryPageReader::Page>(
        this,
        [filter = m_filter, order = m_order, after, live = m_liveGeneration, generation,
         namedRows = after ? 0 : NamedWithFirstPage](Database &db) -> Result<HistoryPageReader::Page> {
            if (live->load() != generation)
                return Error::cancelled(QStringLiteral("stale"));
            return HistoryPageReader::read(db, filter, order, after, PageSize, namedRows);
        },
        [this, generation, use, afterId = after ? after->id : QString()](const Result<HistoryPageReader::Page> &result,
                                                                         const ReadSource &source) {
            if (generation != m_generation)
                return;
            if (use != PageUse::Ahead) {
                applyPage(result, source, use == PageUse::Replace);
                return;
            }
            if (!m_ahead || m_ahead->afterId != afterId)
                return;
            if (std::exchange(m_ahead->wanted, false)) {
                m_ahead.reset();
                applyPage(result, source, false);
            } else if (!result) {
                m_ahead.reset(); // read again when asked for, and only then said to have failed
            } else {
                m_ahead->arrived = result;
                m_ahead->source = source;
            }
        });
}

void HistoryModel::applyPage(const Result<HistoryPageReader::Page> &result, const ReadSource &source, bool replace)
{
    if (!result) {
        m_atEnd = true; // no endless retries: refresh() tries again
        setLoading(false);
        emit loadFailed(tr("The transactions could not be read: %1").arg(result.error().message));
        return;
    }
    m_lastReadMs = result->readMs;
    if (replace)
        m_asOf->restart(source);
    else
        m_asOf->add(source);
    // The first page comes with the names of a screenful, so that the first screen shows them at once.
    if (replace)
        m_labels->clear();
    m_labels->insert(result->labelled, result->userLabels);
    QList<Row> page = result->rows;
    const int size = static_cast<int>(page.size());
    if (replace) {
        beginResetModel();
        m_removed.clear();
        m_pages.clear();
        m_rowCount = size;
        if (std::exchange(m_releasedRows, 0) != 0)
            emit releasedRowsChanged(0);
        if (size > 0)
            m_pages.append(std::move(page));
        m_atEnd = size < PageSize;
        endResetModel();
    } else {
        m_atEnd = size < PageSize;
        if (size > 0) {
            beginInsertRows({}, m_rowCount, m_rowCount + size - 1);
            // After readOn() the last page is short: filled first, so that rows are still
            // found by division.
            if (const qsizetype room = m_pages.isEmpty() ? 0 : PageSize - m_pages.constLast().size()) {
                m_pages.last().append(page.first(std::min(room, page.size())));
                page.remove(0, std::min(room, page.size()));
            }
            if (!page.isEmpty())
                m_pages.append(std::move(page));
            m_rowCount += size;
            endInsertRows();
        }
        // Keep a window: the pages furthest above the new rows go (they are all full).
        while (m_rowCount > m_maxRows && m_pages.size() > 1) {
            const int released = static_cast<int>(m_pages.constFirst().size());
            beginRemoveRows({}, 0, released - 1);
            m_pages.removeFirst();
            m_rowCount -= released;
            m_releasedRows += released;
            endRemoveRows();
            emit releasedRowsChanged(m_releasedRows);
        }
    }
    // Only now: a view may ask for more while the rows are being inserted.
    setLoading(false);
    if (std::exchange(m_countAfterPage, false))
        requestCount();
}

void HistoryModel::requestCount()
{
    m_count = -1;
    const quint64 generation = m_generation;
    m_session->background()->postRead<qint64>(
        this,
        [filter = m_filter, live = m_liveGeneration, generation](Database &db) -> Result<qint64> {
            if (live->load() != generation)
                return Error::cancelled(QStringLiteral("stale"));
            return HistoryQuery(db).count(filter);
        },
        [this, generation](const Result<qint64> &count, const ReadSource &source) {
            if (generation != m_generation)
                return;
            if (!count) {
                emit loadFailed(tr("The transactions could not be counted: %1").arg(count.error().message));
                return;
            }
            m_asOf->add(source);
            m_count = *count;
            emit countReady(m_count);
        });
}

void HistoryModel::onLedgerChanged(const QStringList &userIds)
{
    // A change to other users than the one shown cannot change these rows, nor one made now a
    // past moment's.
    if (m_filter.asOf.isValid())
        return;
    if (!m_filter.userId.isEmpty() && !userIds.isEmpty() && !userIds.contains(m_filter.userId))
        return;
    reload();
}
