#pragma once

#include "core/db/PostgresRows.h"

#include <QByteArray>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <utility>
#include <vector>

class PostgresPrepared;
struct pg_conn;
struct pg_result;

// One statement sent through libpq (Parse, Bind, Execute, Sync in one round trip), with its
// values bound as parameters. Unnamed, nothing of it outlives it on the server, which is what a
// pooler in transaction mode (PgBouncer) needs; on a direct connection, a statement run often is
// run by its name once the connection's PostgresPrepared has prepared it. (Qt's driver prepared
// every statement by name, PREPARE qpsqlpstmt_N, which a transaction pooler breaks.)
class PostgresStatement final
{
public:
    // A statement with its placeholders (":name" or "?") turned into PostgreSQL's $1, $2, ...
    // one for each occurrence, as Qt bound them; names holds each one's name (empty for "?").
    struct Text
    {
        QByteArray sql;
        QStringList names;
    };
    static Text fromNamed(const QString &sql);
    static Text fromPositional(const QString &sql);

    // What a statement outside a transaction runs first, in its implicit transaction: the
    // connection's settings for that transaction only (a statement and its values).
    struct Prefix
    {
        QByteArray sql;
        QVariantList values;
    };

    struct Ran
    {
        std::shared_ptr<PostgresRows> rows; // null on failure
        QSqlError error;
    };
    // How the rows of a statement inside a transaction arrive: one at a time (libpq's single-row
    // mode, for scans of any length) or in one result (fewer allocations, for bounded ones).
    enum class Rows { Streamed, Whole };
    // Inside a transaction (prefix null): the rows stream in single-row mode unless asked whole.
    // Outside one: the prefix and the statement go together in one pipeline and one implicit
    // transaction, and the rows come whole.
    // prepared: the connection's named statements; null runs every statement unnamed.
    static Ran run(pg_conn *connection, const QByteArray &sql, const QVariantList &values, const Prefix *prefix,
                   PostgresRows::ErrorSink onError, Rows rows = Rows::Streamed, PostgresPrepared *prepared = nullptr);
    // Statements (SQL with $n, and their values) sent together in one pipeline: one
    // round trip, the server running them one after another as if each had been sent alone.
    // Returns the last one's rows, whole, or the first failure (the statements after it are skipped).
    static Ran runAll(pg_conn *connection, const std::vector<std::pair<QByteArray, QVariantList>> &statements,
                      PostgresRows::ErrorSink onError, PostgresPrepared *prepared = nullptr);
    // SQL without parameters, possibly several statements (transaction control, DDL).
    static QSqlError execute(pg_conn *connection, const QByteArray &sql);

    // A failed result (or, without one, the connection's last error) as QSqlError, with the
    // server's text and its SQLSTATE as the native error code.
    static QSqlError error(pg_conn *connection, pg_result *result);
};
