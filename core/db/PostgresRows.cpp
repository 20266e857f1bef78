#include "core/db/PostgresRows.h"

#include "core/db/PostgresStatement.h"
#include "core/db/PostgresValue.h"

#include <libpq-fe.h>

PostgresRows::PostgresRows(pg_conn *connection, pg_result *first, bool streaming, ErrorSink onError)
    : m_connection(connection),
      m_result(first),
      m_streaming(streaming),
      m_single(PQresultStatus(first) == PGRES_SINGLE_TUPLE),
      m_onError(std::move(onError))
{
    if (m_streaming && !m_single) {
        // No rows, or a statement without rows: its end follows at once.
        m_affected = QString::fromLatin1(PQcmdTuples(first));
        while (PGresult *rest = PQgetResult(m_connection))
            PQclear(rest);
        m_streaming = false;
    }
    if (m_single)
        m_row = -1;
}

PostgresRows::~PostgresRows()
{
    finish();
    PQclear(m_result);
}

pg_result *PostgresRows::receive()
{
    if (!m_buffered.empty()) {
        PGresult *next = m_buffered.front();
        m_buffered.pop_front();
        return next;
    }
    if (!m_streaming)
        return nullptr;
    PGresult *next = PQgetResult(m_connection);
    if (!next) {
        m_streaming = false;
        return nullptr;
    }
    return next;
}

bool PostgresRows::next()
{
    if (!m_single) {
        if (!m_result || PQresultStatus(m_result) != PGRES_TUPLES_OK || m_row + 1 >= PQntuples(m_result))
            return false;
        ++m_row;
        return true;
    }
    if (m_row < 0) {
        m_row = 0; // the first row came with the statement
        return true;
    }
    PGresult *next = receive();
    while (next) {
        const ExecStatusType status = PQresultStatus(next);
        if (status == PGRES_SINGLE_TUPLE) {
            PQclear(m_result);
            m_result = next;
            return true;
        }
        if (status == PGRES_TUPLES_OK)
            m_affected = QString::fromLatin1(PQcmdTuples(next));
        else if (m_onError)
            m_onError(PostgresStatement::error(m_connection, next));
        PQclear(next);
        next = receive();
    }
    PQclear(m_result);
    m_result = nullptr;
    m_single = false;
    m_row = -1;
    return false;
}

bool PostgresRows::valid() const
{
    return m_result && m_row >= 0 && m_row < PQntuples(m_result);
}

QVariant PostgresRows::value(int column) const
{
    if (!valid() || column < 0 || column >= PQnfields(m_result))
        return {};
    const Oid type = PQftype(m_result, column);
    if (PQgetisnull(m_result, m_row, column))
        return PostgresValue::null(type);
    return PostgresValue::fromText(type, PQgetvalue(m_result, m_row, column));
}

bool PostgresRows::isNull(int column) const
{
    return !valid() || column < 0 || column >= PQnfields(m_result) || PQgetisnull(m_result, m_row, column);
}

int PostgresRows::numRowsAffected() const
{
    if (!m_affected.isEmpty())
        return m_affected.toInt();
    return m_result ? QByteArray(PQcmdTuples(m_result)).toInt() : 0;
}

int PostgresRows::columnCount() const
{
    return m_result ? PQnfields(m_result) : 0;
}

void PostgresRows::buffer()
{
    while (m_streaming) {
        PGresult *next = PQgetResult(m_connection);
        if (!next) {
            m_streaming = false;
            break;
        }
        m_buffered.push_back(next);
    }
}

void PostgresRows::finish()
{
    // As QPSQL did: the rest of the rows is read and dropped, and the connection is free again.
    while (m_streaming) {
        PGresult *next = PQgetResult(m_connection);
        if (!next) {
            m_streaming = false;
            break;
        }
        if (PQresultStatus(next) == PGRES_FATAL_ERROR && m_onError)
            m_onError(PostgresStatement::error(m_connection, next));
        PQclear(next);
    }
    for (PGresult *buffered : m_buffered)
        PQclear(buffered);
    m_buffered.clear();
}
