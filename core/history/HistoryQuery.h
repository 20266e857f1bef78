#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"

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
};

// A position in the history: the (createdAt, id) of the last row seen.
struct HistoryCursor
{
    QDateTime createdAt;
    QString id;
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
    Result<qint64> count(const HistoryFilter &filter);

    // The filter as SQL conditions joined by AND (empty for no filter), with their bindings;
    // shared with every query that reads "UserXP" through a HistoryFilter.
    static QString whereClause(const Dialect &dialect, const HistoryFilter &filter, Bindings &bindings);

private:
    Database &m_db;
};
