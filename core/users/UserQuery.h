#pragma once

#include "core/db/Database.h"
#include "core/domain/Result.h"
#include "core/users/UserRow.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

// Which users to list.
struct UserFilter
{
    // Search as you type: an exact id, or text contained in the id, email or name
    // (case-insensitive; % and _ are plain characters). Empty: every user.
    QString search;
    // The totals, transaction counts and last activity as they stood at this moment (UTC,
    // inclusive; AsOfRows), summed from the rows of then: the cached total is today's. Invalid: now.
    QDateTime asOf;
};

// Where the previous page ended: its last row's sort key and id.
struct UserCursor
{
    QVariant key; // the value of the sort key (text or number); unused when sorting by id
    QString id;
};

// Pages through "User" (with the cached total of "UserProfile") with keyset pagination on
// (sort key, id): every page costs about the same, and nothing holds more than a page. Only
// "id", "email" and "name" of "User" are read, so a live table with more columns is fine.
class UserQuery final
{
public:
    enum class SortKey { Id, Email, Name, TotalXP };

    // What "UserXP" was at a moment, for a FROM clause (AsOfRows::source). It lives above users
    // in core's folders (history reads the ledger, which names users), so a caller that lists
    // users as of a moment hands it in.
    using RowsAsOf = std::function<QString(const Dialect &, const QDateTime &, Bindings &)>;

    explicit UserQuery(Database &db, RowsAsOf rowsAsOf = {}) : m_db(db), m_rowsAsOf(std::move(rowsAsOf)) { }

    // Up to limit users after the cursor (or from the start), ordered by the key in the given
    // direction and then by id ascending (ties of a leaderboard are listed by id). With
    // filter.asOf (and rowsAsOf given), every figure is of that moment, totalXP included (so no
    // drift shows).
    Result<QList<UserRow>> page(const UserFilter &filter, SortKey key, Qt::SortOrder order,
                                const std::optional<UserCursor> &after, int limit);
    // Up to limit users whose id, email or name contains text (as UserFilter::search): an exact
    // id or email first (index lookups), then the others by name. The others are found by one
    // pass over "User" in stored order that stops at the limit: a text that many users contain
    // answers at once, a rare one reads the table once (docs/architecture.md, "Finding users").
    Result<QList<UserRow>> find(const QString &text, int limit);
    // The number of users the filter matches.
    Result<qint64> count(const UserFilter &filter);
    // The current values of the given users (missing ids are left out).
    Result<QList<UserRow>> rows(const QStringList &ids);
    // The same for many users (a list's loaded rows, read again when the ledger changed): one
    // statement for up to 512 of them, so a few hundred rows cost one round trip.
    Result<QList<UserRow>> rowsInBatches(const QStringList &ids);
    // The cached "UserProfile"."totalXP" of the given users (0 without a profile): primary-key
    // lookups only, 512 a statement, to tell cheaply whose figures to read again.
    Result<QHash<QString, qint64>> cachedTotals(const QStringList &ids);
    // What to call each given user on screen: the name, else the email (missing ids and users
    // with neither are left out). One primary-key lookup per id, nothing summed.
    Result<QHash<QString, QString>> labels(const QStringList &ids);

    // The cursor that continues after this row.
    static UserCursor cursorAfter(const UserRow &row, SortKey key);

private:
    QString searchCondition(const UserFilter &filter, Bindings &bindings) const;
    Result<QList<UserRow>> select(const QString &innerSql, const QString &outerOrder, const Bindings &bindings,
                                  bool asOf = false);

    Database &m_db;
    RowsAsOf m_rowsAsOf;
};
