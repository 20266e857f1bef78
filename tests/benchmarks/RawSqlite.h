#pragma once

#include "tests/benchmarks/RawEngine.h"

#include <map>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

// The raw SQLite baseline: the sqlite3 C API on a second connection to the same file, with the
// pragmas XP Admin sets (WAL, synchronous=FULL, foreign keys, 64 MiB cache) and statements
// prepared once, as any careful C program would.
class RawSqlite final : public RawEngine
{
public:
    static Result<std::unique_ptr<RawSqlite>> open(const QString &path);
    ~RawSqlite() override;

    QString name() const override { return QStringLiteral("sqlite3 C API"); }
    Status bulkLoad(const LoadRows &rows) override;
    Result<qint64> recalculateAll(const QByteArray &now) override;
    Result<QList<RawTotal>> totalsByCategory(const QByteArray &since) override;
    Result<RawPage> historyPage(const RawPageRequest &request) override;
    Status award(const RawAward &award) override;
    Result<RawVerify> verify() override;
    Status legacyLoad(const LegacyRows &rows, const QByteArray &now, bool withAudit) override;
    Result<qint64> statementOf(const QByteArray &userId) override;
    Result<QList<RawTotal>> leaderboard(int limit) override;
    Result<QList<RawTotal>> chartSums(const QByteArray &since, const QByteArray &until, bool byDay) override;
    Result<QList<RawTotal>> leaderboardOf(const QByteArray &since, const QByteArray &until, int limit) override;
    Status execute(const QByteArray &sql, const QList<QByteArray> &parameters) override;

private:
    explicit RawSqlite(sqlite3 *db) : m_db(db) { }
    Status exec(const char *sql);
    Result<sqlite3_stmt *> statement(const QByteArray &sql); // prepared once, reset for reuse
    // Steps query through rows of (key, sum, count); what names it in an error.
    Result<QList<RawTotal>> totalsOf(sqlite3_stmt *query, const QString &what);
    Error error(const QString &what) const;
    Status stepAll(sqlite3_stmt *statement, qint64 *rows = nullptr, qint64 *bytes = nullptr);

    sqlite3 *m_db;
    std::map<QByteArray, sqlite3_stmt *> m_statements;
};
