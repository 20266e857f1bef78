#pragma once

#include "core/users/UserQuery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <atomic>
#include <memory>

class FiguresAsOf;
class LedgerMoment;
class LedgerSession;

// The users list: id, email, name, cached total, transactions and last activity, loaded a page
// at a time on the session's interactive worker (canFetchMore/fetchMore), searched and sorted
// in SQL. Results that arrive after a reset (new search or sort) are dropped. While the window
// shows a past moment (LedgerMoment), the figures are those of that moment.
class UsersModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Email, Name, TotalXP, Transactions, LastActivity, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // QString, qint64 or QDateTime (UTC)
        DriftRole, // bool: the cached total differs from SUM
        UserIdRole, // QString, any column
        ChangedRole, // bool: the total changed elsewhere a moment ago (refreshLoaded)
        DirectChangeRole // QString: who changed the cached total directly in the database, and when
    };
    // How long a total changed elsewhere stays highlighted.
    static constexpr int HighlightMs = 3000;
    static constexpr int PageSize = 200;

    explicit UsersModel(LedgerSession *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Sorts by Id, Email, Name or TotalXP in SQL (reset and reload); other columns are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Whether sort() accepts this column.
    static bool isSortable(int column);
    // The column and direction the rows are sorted by.
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_order; }

    // Lists the users the search text finds (reset and reload); empty lists everyone.
    void setSearch(const QString &text);
    QString search() const { return m_filter.search; }
    // The moment the figures are of (UTC); invalid: now. Follows the session's LedgerMoment.
    QDateTime asOf() const { return m_filter.asOf; }
    // Resets and loads the first page again, keeping search and sort.
    void reload();

    // Reads the loaded users' figures again in place (the ledger changed elsewhere): the cached
    // totals of all of them, then every figure of those whose total moved. Rows, order, selection
    // and scroll stay; a user whose total changed is highlighted for HighlightMs. Calls made while
    // a read runs make one more. Nothing while a past moment is shown.
    void refreshLoaded();
    // Marks a user whose cached total was changed directly in the database (an audit event
    // db-total with "direct": true): note names who and when. An empty note clears the mark
    // (the total was repaired). Kept for users not loaded yet, until the window closes.
    void markDirectChange(const QString &userId, const QString &note);
    bool isRefreshing() const { return m_refreshing; }

    // The row of a loaded user, or -1.
    int rowOf(const QString &userId) const;
    // The user shown in a row (row must be valid).
    UserRow user(int row) const { return m_rows.at(row); }
    // The number of users the search finds; -1 until counted.
    qint64 totalCount() const { return m_count; }
    bool isLoading() const { return m_loading; }
    // Whether the users and totals shown were read on the reading standby, and as of when.
    FiguresAsOf *figuresAsOf() const { return m_asOf; }

signals:
    void loadingChanged(bool loading);
    // A page or count could not be read; the text says what went wrong.
    void loadFailed(const QString &message);
    // refreshLoaded() read the loaded rows again; changed: the users whose total changed.
    void refreshed(const QStringList &changed);
    // The number of users the current search finds.
    void countReady(qint64 count);

private:
    void restart(bool recount);
    void requestPage(); // m_loading is set
    void requestCount();
    void refreshUsers(const QStringList &userIds);
    void onLedgerChanged(const QStringList &userIds);
    void onMomentChanged();
    void applyRefreshed(const QList<UserRow> &rows);
    void setLoading(bool loading);
    QVariant display(const UserRow &row, int column) const;
    QVariant raw(const UserRow &row, int column) const;

    LedgerSession *m_session;
    FiguresAsOf *m_asOf;
    LedgerMoment *m_moment;
    UserFilter m_filter;
    UserQuery::SortKey m_sortKey = UserQuery::SortKey::TotalXP;
    Qt::SortOrder m_order = Qt::DescendingOrder;
    QList<UserRow> m_rows;
    bool m_atEnd = false;
    bool m_loading = false;
    qint64 m_count = -1;
    QSet<QString> m_changed; // highlighted for HighlightMs
    QHash<QString, QString> m_direct; // markDirectChange()
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    quint64 m_generation = 0;
    // The generation as the worker sees it: a queued job of an older one returns at once.
    std::shared_ptr<std::atomic<quint64>> m_liveGeneration = std::make_shared<std::atomic<quint64>>(0);
};
