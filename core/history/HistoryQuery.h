#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"
#include "core/history/HistoryRow.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

#include "core/db/Database.h"

// Which transactions to show.
struct HistoryFilter
{
    QString userId; // empty: everyone
    QDateTime since; // inclusive, UTC; invalid: no lower bound
    QDateTime until; // exclusive, UTC; invalid: no upper bound
    std::optional<Category> category;
    std::optional<SourceType> sourceType;
    QString text; // in description or source id (case-insensitive), or an exact id
    // The ledger as it stood at this moment (UTC, inclusive; AsOfRows); invalid: as it is now.
    QDateTime asOf;

    bool operator==(const HistoryFilter &) const = default;
};

// A position in the history: the (createdAt, id) of the last row seen.
struct HistoryCursor
{
    QDateTime createdAt;
    QString id;
    // The running balance after that row, and its amount, when its page had balances: the next
    // page goes on from them instead of summing the user's rows again.
    std::optional<qint64> balance = std::nullopt;
    qint64 amount = 0;
};

// One page of the history, with the user's total after each row where it means something.
struct HistoryPage
{
    QList<XpTransaction> rows;
    QList<qint64> balances; // one per row; empty when the filter makes a balance meaningless
};

// Pages through "UserXP" with keyset pagination on ("createdAt", "id"): each page costs the
// same, first or ten-millionth, and nothing holds more than a page.
class HistoryQuery final
{
public:
    enum class Order { NewestFirst, OldestFirst };

    explicit HistoryQuery(Database &db) : m_db(db) { }

    // Up to limit rows after the cursor (or from the start) in the given order.
    Result<QList<XpTransaction>> page(const HistoryFilter &filter, const std::optional<HistoryCursor> &after, int limit,
                                      Order order = Order::NewestFirst);
    // The rows the filter selects. Of every row, now: the rollups' count where they are exact
    // (RollupDdl, LoggedRollups), milliseconds where count(*) reads every row.
    Result<qint64> count(const HistoryFilter &filter);

    // The first and the last transaction's time (UTC), of everyone or of one user: two steps down
    // an index. Nothing when there are no transactions.
    Result<std::optional<std::pair<QDateTime, QDateTime>>> timeSpan(const QString &userId = {});

    // Whether a running balance means something under this filter: one user, and nothing but a
    // period narrows the rows (a category or a text hides rows the balance includes).
    static bool hasBalance(const HistoryFilter &filter);
    // page(), and when hasBalance(filter) the user's total after each row: its real total, also
    // with a period (rows before it count). The first page sums the user's rows up to the period's
    // end (one index range); later pages go on from the cursor's balance (docs/history-balance.md).
    Result<HistoryPage> pageWithBalances(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                                         int limit, Order order = Order::NewestFirst);
    // pageWithBalances() in the compact form the history model keeps, read straight from the
    // driver (HistoryRow): each row's balance set when hasBalance(filter), else 0.
    Result<QList<HistoryRow>> compactPage(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                                          int limit, Order order = Order::NewestFirst);

    // The filter as SQL conditions joined by AND (empty for no filter), with their bindings;
    // shared with every query that reads "UserXP" through a HistoryFilter.
    static QString whereClause(const Dialect &dialect, const HistoryFilter &filter, Bindings &bindings);

private:
    // The rows of page(), compact, without balances.
    Result<QList<HistoryRow>> readRows(const HistoryFilter &filter, const std::optional<HistoryCursor> &after,
                                       int limit, Order order);
    // The balance the page starts from: newest first, the total after the first row shown; oldest
    // first, the total before it.
    Result<qint64> startBalance(const HistoryFilter &filter, const std::optional<HistoryCursor> &after, Order order);
    Result<qint64> sumOfUser(const HistoryFilter &filter, const QString &condition, const Bindings &bindings);
    // Every row counted from the rollups; none where they are not kept.
    Result<std::optional<qint64>> countFromRollups();

    Database &m_db;
};
