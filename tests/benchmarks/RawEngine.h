#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

struct ConnectionSpec;

class LegacyRows;
class LoadRows;

// One page of history as plain SQL: the same conditions and keyset HistoryQuery uses.
struct RawPageRequest
{
    QByteArray userId; // empty: everyone
    QByteArray until; // exclusive "createdAt" bound, SQL text; empty: none
    QByteArray afterCreatedAt; // keyset cursor; empty: from the start
    QByteArray afterId;
    bool oldestFirst = false;
    int limit = 500;
};

struct RawPage
{
    int rows = 0;
    qint64 bytes = 0; // of every value read, as the engine hands it out
    QByteArray lastCreatedAt; // the cursor for the next page
    QByteArray lastId;
};

struct RawTotal
{
    QByteArray key;
    qint64 total = 0;
    qint64 count = 0;
};

struct RawAward
{
    QByteArray id;
    QByteArray userId;
    qint32 amount = 0;
    QByteArray sourceId;
    QByteArray description;
    QByteArray now; // SQL text
};

struct RawVerify
{
    qint64 driftRows = 0;
    qint64 eventsRead = 0;
    qint64 rowDifferences = 0; // rows unlike the audit log's last snapshot of them
    qint64 rowsUnlogged = 0; // rows no audit event names
};

// The raw engine doing each figure's work through its own C API (sqlite3 or libpq), on its own
// connection to the same database, set up as XP Admin sets up its own (same pragmas, UTC).
class RawEngine
{
public:
    // How many users the leaderboard figures (10, 12) rank.
    static constexpr int LeaderboardTop = 10;

    virtual ~RawEngine() = default;

    // The engine of spec's backend, on a connection of its own: libpq or the sqlite3 C API.
    static Result<std::unique_ptr<RawEngine>> open(const ConnectionSpec &spec);

    virtual QString name() const = 0;
    // 1: inserts the rows in one transaction, then rolls it back (both sides do).
    virtual Status bulkLoad(const LoadRows &rows) = 0;
    // 2: one UPDATE ... FROM (GROUP BY) in one transaction; returns the totals changed.
    virtual Result<qint64> recalculateAll(const QByteArray &now) = 0;
    // 3: one GROUP BY; since empty: over everything.
    virtual Result<QList<RawTotal>> totalsByCategory(const QByteArray &since) = 0;
    // 4, 5, 6: one page of history, every column read.
    virtual Result<RawPage> historyPage(const RawPageRequest &request) = 0;
    // 7: INSERT, SUM, upsert of the total, in one committed transaction.
    virtual Status award(const RawAward &award) = 0;
    // 8: the drift GROUP BY, a read of the whole audit table, and the rows against the audit
    // log's last snapshot of each, in one read transaction.
    virtual Result<RawVerify> verify() = 0;
    // 9: the legacy file's rows ("User", one "UserXP" each, "UserProfile") in one committed
    // transaction, into an empty ledger; withAudit: and an audit event each, as XP Admin writes.
    virtual Status legacyLoad(const LegacyRows &rows, const QByteArray &now, bool withAudit) = 0;
    // 10a: one user's rows in time order, every column read, with the running balance as a
    // window SUM; returns the rows read.
    virtual Result<qint64> statementOf(const QByteArray &userId) = 0;
    // 10b, 10c: the users with the most XP, summed from the rows (GROUP BY, ORDER BY, LIMIT).
    virtual Result<QList<RawTotal>> leaderboard(int limit) = 0;
    // 12: the charts of everyone over [since, until) (empty: everything), one GROUP BY of the
    // local day or month, category and source type; key "2026-12-01/CORRECT_ANSWER/DAILY_STREAK".
    virtual Result<QList<RawTotal>> chartSums(const QByteArray &since, const QByteArray &until, bool byDay) = 0;
    // 12: the users with the most XP in [since, until) (GROUP BY "userId" over the range's rows).
    virtual Result<QList<RawTotal>> leaderboardOf(const QByteArray &since, const QByteArray &until, int limit) = 0;
    // 13 (RawRollback): runs one statement with text parameters (?1 on SQLite, $1 on PostgreSQL),
    // prepared once, reading no rows; without parameters (BEGIN, COMMIT) as plain text.
    virtual Status execute(const QByteArray &sql, const QList<QByteArray> &parameters) = 0;
};
