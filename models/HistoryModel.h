#pragma once

#include "core/domain/XpTransaction.h"
#include "core/history/HistoryQuery.h"
#include "core/history/HistoryRow.h"
#include "core/session/ReadSource.h"
#include "models/HistoryPageReader.h"
#include "models/UserLabels.h"

#include <QAbstractTableModel>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <algorithm>

#include <atomic>
#include <memory>
#include <optional>

class FiguresAsOf;
class LedgerSession;
class QTimer;

// The transactions one filter finds, newest (or oldest) first, loaded 500 at a time on the
// session's interactive worker with keyset pagination (canFetchMore/fetchMore): the first page
// of ten million rows costs what the last one does, and only the rows scrolled to are held.
// Once the view shows rows near the end of what is loaded, the next page is read ahead, so that
// scrolling on finds it.
// Rows are kept compactly (one UTF-8 allocation for the text, times as milliseconds).
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Amount, Balance, SourceType, SourceId, Category, Description, User, Id, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // QDateTime (UTC), qint64 amount and balance, enum names, text
        TransactionRole, // QVariant::fromValue(XpTransaction), any column
        RemovedRole // QString: how the row left the ledger since it was loaded; empty while it is in it
    };
    static constexpr int PageSize = 500;
    // At most this many rows are held: scrolling on through millions of rows releases the
    // newest pages instead of growing; reload() brings them back.
    static constexpr int DefaultMaxRows = 200000;
    // The next page is read ahead once a row this close to the end is shown, unless the last
    // page took ReadAheadBelowMs or more (the next would hold the worker from what the user does
    // next). Not at once: after a first page the user more often changes the filter again than
    // scrolls on, and that change would wait for the page read ahead.
    static constexpr int ReadAheadWithinRows = PageSize / 2;
    // The first page comes with the names of the users of this many rows: a screenful on the
    // tallest screens. The rest are read as their rows are shown (UserLabels).
    static constexpr int NamedWithFirstPage = 100;

    explicit HistoryModel(LedgerSession *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Only Time sorts: descending is newest first, ascending oldest first (reset and reload).
    void sort(int column, Qt::SortOrder order = Qt::DescendingOrder) override;

    // Shows the transactions this filter finds: resets and loads the first page.
    void setFilter(const HistoryFilter &filter);
    HistoryFilter filter() const { return m_filter; }
    HistoryQuery::Order order() const { return m_order; }
    Qt::SortOrder sortOrder() const;
    // Loads from the top again, keeping filter and order; the rows shown stay until the new
    // first page replaces them.
    void reload();

    // Whether the Balance column means something: one user, filtered by nothing but a period
    // (HistoryQuery::hasBalance). Otherwise it holds nothing and the view hides it.
    bool hasBalance() const { return m_hasBalance; }
    // The row of a loaded transaction, or -1.
    int rowOfId(const QString &id) const;

    // Calls done once the User column of these rows shows names (at once when it does); the
    // names of rows not shown yet are read on demand (UserLabels).
    void whenLabelled(const QList<int> &rows, QObject *context, std::function<void()> done);
    // The full transaction shown in a row (row must be valid).
    XpTransaction transaction(int row) const;
    // The number of transactions the filter finds; -1 until counted.
    qint64 totalCount() const { return m_count; }
    bool isLoading() const { return m_loading; }
    // Whether every row of the filter is loaded.
    bool atEnd() const { return m_atEnd; }
    // How many rows before the first one shown were released to keep memory flat.
    qint64 releasedRows() const { return m_releasedRows; }
    // Whether the rows and the count shown were read on the reading standby, and as of when.
    FiguresAsOf *figuresAsOf() const { return m_asOf; }
    // Marks loaded rows as gone from the ledger since they were read (rolled back elsewhere): id ->
    // what happened, in words; an empty text unmarks (restored). Rows not loaded are ignored.
    void markRemoved(const QHash<QString, QString> &notes);
    // How many loaded rows are marked removed; a reload clears the marks.
    int removedCount() const { return static_cast<int>(m_removed.size()); }
    // The newest row shown, where rows newer than it would belong (NewRowsQuery): the first row
    // newest first, the last once every row is loaded oldest first; nullopt with no rows.
    // newerCountable() says whether the rows shown allow the question at all.
    std::optional<HistoryCursor> newestCursor() const
    {
        if (m_rowCount == 0)
            return std::nullopt;
        const Row &newest = rowAt(m_order == HistoryQuery::Order::NewestFirst ? 0 : m_rowCount - 1);
        return HistoryCursor{QDateTime::fromMSecsSinceEpoch(newest.createdAtMs, Qt::UTC), newest.id(), {}, 0};
    }
    bool newerCountable() const
    {
        if (m_filter.asOf.isValid() || (m_loading && m_rowCount == 0))
            return false;
        return m_order == HistoryQuery::Order::NewestFirst ? m_releasedRows == 0 : m_atEnd;
    }
    // Oldest first with every row loaded: reads on past the last row (the new ones) in place.
    void readOn()
    {
        if (m_order != HistoryQuery::Order::OldestFirst || !m_atEnd || m_loading)
            return;
        m_atEnd = false;
        fetchMore({});
    }
    // The window's size, in rows (rounded up to whole pages); for tests and very large screens.
    void setMaxRows(int rows) { m_maxRows = std::max(rows, 2 * PageSize); }

signals:
    void loadingChanged(bool loading);
    // A page or the count could not be read; the text says what went wrong.
    void loadFailed(const QString &message);
    // The number of transactions the filter finds, counted on the background worker.
    void countReady(qint64 count);
    // Rows at the top were released (or brought back by a reload); count is releasedRows().
    void releasedRowsChanged(qint64 count);

private:
    // One stored row, a few numbers plus one allocation for its text (HistoryRow), read straight
    // from the driver on the worker.
    using Row = HistoryRow;
    // How a page read is used: it replaces the rows, is appended, or is read ahead of the view
    // asking and kept until it does.
    enum class PageUse { Replace, Append, Ahead };
    // The page after the last row, read before it is asked for (readAhead()); a restart drops it.
    struct Ahead
    {
        QString afterId; // the last row when it was asked for: the page follows it
        bool wanted = false; // fetchMore() came while it was read: applied on arrival
        std::optional<Result<HistoryPageReader::Page>> arrived;
        ReadSource source;
    };
    static constexpr qint64 ReadAheadBelowMs = 100;
    const Row &rowAt(int row) const;

    void restart(bool keepRowsUntilLoaded);
    void requestPage(bool replace); // m_loading is set
    std::optional<HistoryCursor> cursorAfterLast() const;
    void postPage(const std::optional<HistoryCursor> &after, PageUse use);
    void applyPage(const Result<HistoryPageReader::Page> &result, const ReadSource &source, bool replace);
    void readAhead();
    // A row was shown: near the end, the next page is read ahead (once control returns to the
    // event loop: data() is const).
    void shown(int row) const;
    void requestCount();
    void onLedgerChanged(const QStringList &userIds);
    void setLoading(bool loading);
    QVariant display(const Row &row, int column) const;
    QVariant raw(const Row &row, int column) const;

    LedgerSession *m_session;
    FiguresAsOf *m_asOf;
    // What the User column shows for each user id: the name, else the email, read as shown.
    UserLabels *m_labels;
    HistoryFilter m_filter;
    HistoryQuery::Order m_order = HistoryQuery::Order::NewestFirst;
    // Pages as loaded: every page but the last holds PageSize rows, so a row is found by
    // division, and growing never copies the rows already held.
    QList<QList<Row>> m_pages;
    int m_rowCount = 0;
    int m_maxRows = DefaultMaxRows;
    qint64 m_releasedRows = 0;
    QString m_timeFormat; // the locale's short date and time, with seconds
    QHash<QString, QString> m_removed; // markRemoved(), by transaction id
    bool m_atEnd = false;
    bool m_hasBalance = false;
    bool m_loading = false;
    std::optional<Ahead> m_ahead;
    QTimer *m_aheadTimer; // zero interval: starts readAhead() from shown()
    qint64 m_lastReadMs = 0; // how long the last page applied took the worker
    qint64 m_count = -1;
    bool m_countAfterPage = false; // the count waits for the first page of a restart
    quint64 m_generation = 0;
    // The generation as the workers see it: a queued job of an older one returns at once.
    std::shared_ptr<std::atomic<quint64>> m_liveGeneration = std::make_shared<std::atomic<quint64>>(0);
};
