#pragma once

#include <QSqlQuery>
#include <QVariant>

#include <memory>

class PostgresRows;

// The rows of one executed statement: a Qt query (SQLite) or rows read through libpq
// (PostgreSQL), with the same value types either way. Finishes the statement when it goes out of
// scope, so no statement keeps a read transaction (and with it an old snapshot) open.
class SqlRows final
{
public:
    explicit SqlRows(QSqlQuery *query) : m_query(query) { }
    explicit SqlRows(std::shared_ptr<PostgresRows> rows);
    SqlRows(SqlRows &&other) noexcept;
    SqlRows &operator=(SqlRows &&other) noexcept;
    SqlRows(const SqlRows &) = delete;
    SqlRows &operator=(const SqlRows &) = delete;
    ~SqlRows();

    bool next();
    QVariant value(int column) const;
    QString text(int column) const;
    qint64 integer(int column) const { return value(column).toLongLong(); }
    bool isNull(int column) const;
    int numRowsAffected() const;
    int columnCount() const;

private:
    QSqlQuery *m_query = nullptr;
    std::shared_ptr<PostgresRows> m_rows;
};
