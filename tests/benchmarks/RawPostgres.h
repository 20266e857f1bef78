#pragma once

#include "tests/benchmarks/RawEngine.h"

#include <map>
#include <memory>

struct ConnectionSpec;
struct pg_conn;
struct pg_result;

// The raw PostgreSQL baseline: libpq on its own connection (session in UTC), statements
// prepared once with PQprepare and run with PQexecPrepared, rows loaded with COPY.
class RawPostgres final : public RawEngine
{
public:
    static Result<std::unique_ptr<RawPostgres>> open(const ConnectionSpec &spec);
    ~RawPostgres() override;

    QString name() const override { return QStringLiteral("libpq"); }
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
    explicit RawPostgres(pg_conn *connection) : m_connection(connection) { }
    Status exec(const char *sql);
    // Runs sql (prepared on first use) with text parameters; the result is the caller's to PQclear.
    Result<pg_result *> run(const QByteArray &sql, const QList<QByteArray> &parameters);
    Error error(const QString &what) const;
    // One COPY ... FROM STDIN of rows in COPY's text format.
    Status copy(const char *sql, const QByteArray &rows);

    pg_conn *m_connection;
    std::map<QByteArray, QByteArray> m_prepared; // sql -> statement name
};
