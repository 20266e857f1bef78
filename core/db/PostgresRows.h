#pragma once

#include <QSqlError>
#include <QVariant>

#include <deque>
#include <functional>

struct pg_conn;
struct pg_result;

// The rows of one statement run through libpq. A statement inside a transaction streams its rows
// one at a time (libpq's single-row mode, as QPSQL read them), so a long scan holds one row in
// memory; until its last row is read the connection is busy, and buffer() reads the rest into
// memory when another statement must run first. A statement outside a transaction comes whole.
class PostgresRows final
{
public:
    using ErrorSink = std::function<void(const QSqlError &error)>;

    // first: the statement's first result; streaming when it was sent in single-row mode and
    // more results follow on connection. onError hears of a failure after the first row.
    PostgresRows(pg_conn *connection, pg_result *first, bool streaming, ErrorSink onError);
    ~PostgresRows();
    PostgresRows(const PostgresRows &) = delete;
    PostgresRows &operator=(const PostgresRows &) = delete;

    bool next();
    QVariant value(int column) const;
    bool isNull(int column) const;
    int numRowsAffected() const;
    int columnCount() const;
    // The current result: the whole result of a statement whose rows came whole (Database::scan
    // reads it row by row), null once a stream has ended.
    pg_result *result() const { return m_result; }
    // Whether rows are still to come from the server: the connection is busy with them.
    bool isStreaming() const { return m_streaming; }
    // Reads the rows still to come into memory, freeing the connection.
    void buffer();
    // Discards the rows still to come, freeing the connection.
    void finish();

private:
    // The next result of the statement from the server, or null at its end.
    pg_result *receive();
    bool valid() const;

    pg_conn *m_connection;
    pg_result *m_result; // the current row's result (single-row mode) or the whole result
    int m_row = -1; // the current row in m_result
    bool m_streaming;
    bool m_single; // m_result holds one row of a stream
    std::deque<pg_result *> m_buffered; // rows read ahead by buffer()
    QString m_affected; // rows affected, from the stream's final result
    ErrorSink m_onError;
};
