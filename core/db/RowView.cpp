#include "core/db/RowView.h"

#include "core/db/PostgresValue.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>

QByteArrayView RowView::text(int column) const
{
    if (m_statement) {
        // Asked for as text first, then its length: SQLite's documented order.
        const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return bytes ? QByteArrayView(bytes, sqlite3_column_bytes(m_statement, column)) : QByteArrayView();
    }
    if (PQgetisnull(m_result, m_row, column))
        return {};
    return QByteArrayView(PQgetvalue(m_result, m_row, column), PQgetlength(m_result, m_row, column));
}

QString RowView::string(int column) const
{
    const QByteArrayView bytes = text(column);
    return QString::fromUtf8(bytes.data(), bytes.size());
}

qint64 RowView::integer(int column) const
{
    if (m_statement)
        return sqlite3_column_int64(m_statement, column);
    const QByteArrayView digits = text(column);
    qint64 number = 0;
    const auto end = digits.data() + digits.size();
    if (const auto parsed = std::from_chars(digits.data(), end, number); parsed.ec != std::errc() || parsed.ptr != end)
        return value(column).toLongLong(); // not an integer's text (a numeric): as SqlRows::integer() reads it
    return number;
}

bool RowView::isNull(int column) const
{
    if (m_statement)
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    return PQgetisnull(m_result, m_row, column);
}

QVariant RowView::value(int column) const
{
    if (m_result) {
        const Oid type = PQftype(m_result, column);
        if (PQgetisnull(m_result, m_row, column))
            return PostgresValue::null(type);
        return PostgresValue::fromText(type, PQgetvalue(m_result, m_row, column));
    }
    // As QSQLITE reads a column.
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_column_int64(m_statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_statement, column));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(m_statement, column)),
                                   sqlite3_column_bytes(m_statement, column)));
    case SQLITE_NULL:
        return {};
    default: {
        const QByteArrayView bytes = text(column);
        return QVariant(QString::fromUtf8(bytes.data(), bytes.size()));
    }
    }
}
