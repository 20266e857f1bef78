#include "models/AuditModel.h"

#include "models/FreeTextColumns.h"

#include "core/session/LedgerSession.h"
#include "models/AuditText.h"
#include "models/XpFormat.h"

#include <algorithm>

namespace {

// More new events than this at once (a bulk operation elsewhere): read from the top again.
constexpr int MaxNewerInserted = 5000;
// Rows shown above an event located far down the log, for context.
constexpr qint64 LocateContext = 25;

struct LocateProbe
{
    bool matches = false;
    qint64 between = 0; // events the filter matches between the event and the last loaded row
};

} // namespace

AuditModel::AuditModel(LedgerSession *session, QObject *parent) : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &LedgerSession::ledgerChanged, this, [this] { loadNewer(); });
    FreeTextColumns::mark(this, {Transaction, Reason});
}

void AuditModel::setFilter(const AuditFilter &filter)
{
    const bool changed = !(filter == m_filter);
    m_filter = filter;
    if (changed)
        emit filterChanged(m_filter);
    startReset();
}

void AuditModel::reload()
{
    startReset();
}

void AuditModel::startReset()
{
    beginResetModel();
    ++m_generation;
    m_events.clear();
    m_atEnd = false;
    m_newerWanted = false;
    m_total.reset();
    setLoading(false, false);
    endResetModel();
    fetchPage(PageSize);
}

AuditEvent AuditModel::eventAt(int row) const
{
    return row >= 0 && row < m_events.size() ? m_events.at(row) : AuditEvent();
}

int AuditModel::rowOfSeq(qint64 seq) const
{
    // Rows are in descending seq order.
    const auto it = std::lower_bound(m_events.cbegin(), m_events.cend(), seq,
                                     [](const AuditEvent &event, qint64 value) { return event.seq > value; });
    return it != m_events.cend() && it->seq == seq ? int(it - m_events.cbegin()) : -1;
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditModel::actorText(const AuditEvent &event)
{
    return AuditText::actor(event);
}

QString AuditModel::amountText(const AuditEvent &event)
{
    if (!event.amount)
        return {};
    // A total written in the database records the total it was set to, not a change: "→ 500".
    if (event.action == QLatin1String("db-total"))
        return QStringLiteral("→ ") + XpFormat::total(*event.amount);
    return XpFormat::signedAmount(*event.amount);
}

bool AuditModel::isRemoval(const QString &action)
{
    return action == QLatin1String("rollback") || action == QLatin1String("delete-source")
        || action == QLatin1String("db-delete") || action == QLatin1String("db-update-before");
}

QVariant AuditModel::amountToolTip(const AuditEvent &event) const
{
    if (!event.amount)
        return {};
    if (isRemoval(event.action))
        return tr("The removed row's amount: the user's total went down by %1").arg(XpFormat::total(*event.amount));
    if (event.action == QLatin1String("restore"))
        return tr("The restored row's amount: the user's total went up by %1").arg(XpFormat::total(*event.amount));
    if (event.action == QLatin1String("recalc") || event.action == QLatin1String("repair"))
        return tr("The change of the cached total, from the sum of the user's transactions");
    if (event.action == QLatin1String("db-total"))
        return tr("The cached total it was set to in the database: %1").arg(XpFormat::total(*event.amount));
    return tr("The amount of the row added");
}

QVariant AuditModel::displayValue(const AuditEvent &event, int column) const
{
    switch (column) {
    case Seq:
        return QString::number(event.seq);
    case When:
        return XpFormat::localTime(event.at);
    case Actor:
        return actorText(event);
    case Action:
        return AuditText::actionLabel(event.action);
    case User:
        return AuditText::user(event);
    case Transaction:
        return event.xpId;
    case Amount:
        return amountText(event);
    case Reason: {
        QString line = event.reason;
        line.replace(QLatin1Char('\n'), QLatin1Char(' '));
        return line;
    }
    default:
        return {};
    }
}

QVariant AuditModel::rawValue(const AuditEvent &event, int column) const
{
    switch (column) {
    case Seq:
        return event.seq;
    case When:
        return event.at;
    case Actor:
        return event.actor;
    case Action:
        return event.action;
    case User:
        return event.userId;
    case Transaction:
        return event.xpId;
    case Amount:
        return event.amount ? QVariant(*event.amount) : QVariant();
    case Reason:
        return event.reason;
    default:
        return {};
    }
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(event, index.column());
    case RawValueRole:
        return rawValue(event, index.column());
    case EventRole:
        return QVariant::fromValue(event);
    case Qt::TextAlignmentRole:
        if (index.column() == Seq || index.column() == Amount)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        // A removal records the removed row's own amount: coloured by sign it would read as a gain.
        if (index.column() == Amount && event.amount && !isRemoval(event.action)
            && event.action != QLatin1String("db-total"))
            return XpFormat::amountColor(*event.amount);
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case When:
            return XpFormat::utcTime(event.at);
        case Actor:
            return tr("Database or system login: %1\nOperator: %2").arg(event.actor, event.operatorName);
        case Action:
            return AuditText::actionDescription(event.action);
        case User:
            return event.userId.isEmpty() ? QVariant() : QVariant(tr("id %1").arg(event.userId));
        case Reason:
            return event.reason.isEmpty() ? QVariant() : QVariant(event.reason);
        case Transaction:
            return event.xpId.isEmpty() ? QVariant() : QVariant(event.xpId);
        case Amount:
            return amountToolTip(event);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Seq:
            return tr("Seq");
        case When:
            return tr("When");
        case Actor:
            return tr("Actor");
        case Action:
            return tr("Action");
        case User:
            return tr("User");
        case Transaction:
            return tr("Transaction");
        case Amount:
            return tr("Amount");
        case Reason:
            return tr("Reason");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Seq:
            return tr("Position in the hash chain: 1, 2, 3, ... without gaps");
        case When:
            return tr("When the change was committed, in local time (UTC in each cell's tooltip)");
        case Actor:
            return tr("Who made the change: the operator named at start, else the login (both in each cell's tooltip)");
        case Action:
            return tr("What was done");
        case User:
            return tr("The user whose XP was affected (the id in each cell's tooltip)");
        case Transaction:
            return tr("The \"UserXP\" row affected");
        case Amount:
            return tr("The XP amount of that row, or the change of a total");
        case Reason:
            return tr("The reason or description given");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return section == Seq || section == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

bool AuditModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void AuditModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        fetchPage(PageSize);
}

void AuditModel::setLoading(bool fetching, bool loadingNewer)
{
    const bool was = isLoading();
    m_fetching = fetching;
    m_loadingNewer = loadingNewer;
    if (was != isLoading())
        emit loadingChanged(isLoading());
}

void AuditModel::fetchPage(int limit)
{
    if (m_fetching || m_atEnd)
        return;
    setLoading(true, m_loadingNewer);
    const quint64 generation = m_generation;
    const bool first = m_events.isEmpty();
    const std::optional<qint64> before = first ? std::nullopt : std::optional<qint64>(m_events.last().seq);
    m_session->interactive()->postRead<QList<AuditEvent>>(
        this,
        [filter = m_filter, before, limit](Database &db) {
            return AuditQuery(db).page(filter, before, std::nullopt, limit);
        },
        [this, generation, limit, first](const Result<QList<AuditEvent>> &page) {
            if (generation != m_generation)
                return;
            if (!page) {
                m_atEnd = true; // no retry loop: F5 reads again
                setLoading(false, m_loadingNewer);
                emit loadFailed(
                    tr("The audit log could not be read; nothing was changed. %1").arg(page.error().message));
                return;
            }
            if (page->size() < limit)
                m_atEnd = true;
            // Still fetching while the rows go in: a view asking for more meanwhile must wait for them.
            if (!page->isEmpty()) {
                beginInsertRows({}, int(m_events.size()), int(m_events.size() + page->size() - 1));
                m_events.append(*page);
                endInsertRows();
            }
            setLoading(false, m_loadingNewer);
            if (first)
                countTotal();
            if (m_newerWanted && !m_events.isEmpty())
                loadNewer();
            resolveLocate();
        });
}

void AuditModel::loadNewer()
{
    if (m_loadingNewer || (m_fetching && m_events.isEmpty())) {
        m_newerWanted = true;
        return;
    }
    m_newerWanted = false;
    if (m_events.isEmpty()) {
        if (m_atEnd)
            startReset();
        return;
    }
    setLoading(m_fetching, true);
    const quint64 generation = m_generation;
    const qint64 after = m_events.first().seq;
    m_session->interactive()->postRead<QList<AuditEvent>>(
        this,
        [filter = m_filter, after](Database &db) {
            return AuditQuery(db).page(filter, std::nullopt, after, MaxNewerInserted + 1);
        },
        [this, generation, after](const Result<QList<AuditEvent>> &page) {
            if (generation != m_generation)
                return;
            setLoading(m_fetching, false);
            if (!page) {
                emit loadFailed(
                    tr("The newest audit events could not be read; nothing was changed. %1").arg(page.error().message));
                return;
            }
            if (page->size() > MaxNewerInserted) {
                startReset();
                return;
            }
            // Only what is still newer than the top row (a reload may have read some meanwhile).
            QList<AuditEvent> newer;
            const qint64 top = m_events.isEmpty() ? after : m_events.first().seq;
            for (const AuditEvent &event : *page) {
                if (event.seq > top)
                    newer << event;
            }
            if (!newer.isEmpty()) {
                beginInsertRows({}, 0, int(newer.size() - 1));
                m_events = newer + m_events;
                endInsertRows();
                if (m_total) {
                    *m_total += newer.size();
                    emit totalCountChanged(*m_total);
                }
            }
            if (m_newerWanted)
                loadNewer();
        });
}

void AuditModel::countTotal()
{
    const quint64 generation = m_generation;
    m_session->interactive()->postRead<qint64>(
        this, [filter = m_filter](Database &db) { return AuditQuery(db).count(filter); },
        [this, generation](const Result<qint64> &count) {
            if (generation != m_generation || !count)
                return; // the count is a convenience; the rows themselves report their own errors
            m_total = *count;
            // Events inserted at the top after the count was taken are in it already.
            emit totalCountChanged(*m_total);
        });
}

void AuditModel::locate(qint64 seq)
{
    m_pendingLocate = seq;
    resolveLocate();
}

void AuditModel::resolveLocate()
{
    if (!m_pendingLocate || m_fetching)
        return; // the page on its way calls again
    const qint64 seq = *m_pendingLocate;
    if (const int row = rowOfSeq(seq); row >= 0) {
        m_pendingLocate.reset();
        emit located(row);
        return;
    }
    const bool withinLoaded = !m_events.isEmpty() && seq < m_events.first().seq && seq > m_events.last().seq;
    const bool belowAll = m_events.isEmpty() || seq < m_events.last().seq;
    if (withinLoaded || (belowAll && m_atEnd) || (m_filter.maxSeq && seq > *m_filter.maxSeq)) {
        m_pendingLocate.reset();
        emit notFound(seq);
        return;
    }
    setLoading(true, m_loadingNewer);
    const quint64 generation = m_generation;
    const std::optional<qint64> lastLoaded
        = m_events.isEmpty() ? std::nullopt : std::optional<qint64>(m_events.last().seq);
    m_session->interactive()->postRead<LocateProbe>(
        this,
        [filter = m_filter, seq, lastLoaded](Database &db) -> Result<LocateProbe> {
            AuditQuery query(db);
            auto matches = query.matches(filter, seq);
            if (!matches)
                return matches.error();
            LocateProbe probe{*matches, 0};
            if (probe.matches && lastLoaded && seq < *lastLoaded) {
                auto between = query.count(filter, seq, *lastLoaded);
                if (!between)
                    return between.error();
                probe.between = *between;
            }
            return probe;
        },
        [this, generation, seq](const Result<LocateProbe> &probe) {
            if (generation != m_generation)
                return;
            setLoading(false, m_loadingNewer);
            if (!probe || !probe->matches) {
                m_pendingLocate.reset();
                if (!probe)
                    emit loadFailed(tr("Event %1 could not be looked up; nothing was changed. %2")
                                        .arg(seq)
                                        .arg(probe.error().message));
                else
                    emit notFound(seq);
                return;
            }
            if (!m_events.isEmpty() && seq > m_events.first().seq) {
                startReset(); // newer than the top row: read from the top again, then find it
                return;
            }
            if (probe->between < m_locateLoadLimit) {
                fetchPage(int(probe->between + 1)); // ends with the event itself
                return;
            }
            AuditFilter startingNearIt = m_filter;
            startingNearIt.maxSeq = seq + LocateContext;
            setFilter(startingNearIt);
        });
}
