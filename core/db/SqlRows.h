#pragma once

#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

// The rows of one executed statement. Finishes the statement when it goes out of scope, so no
// cached statement keeps a read transaction (and with it an old snapshot) open.
class SqlRows final
{
public:
    explicit SqlRows(QSqlQuery *query) : m_query(query) { }
    SqlRows(SqlRows &&other) noexcept : m_query(std::exchange(other.m_query, nullptr)) { }
    SqlRows &operator=(SqlRows &&other) noexcept
    {
        std::swap(m_query, other.m_query);
        return *this;
    }
    SqlRows(const SqlRows &) = delete;
    SqlRows &operator=(const SqlRows &) = delete;
    ~SqlRows()
    {
        if (m_query)
            m_query->finish();
    }

    bool next() { return m_query->next(); }
    QVariant value(int column) const { return m_query->value(column); }
    QString text(int column) const { return m_query->value(column).toString(); }
    qint64 integer(int column) const { return m_query->value(column).toLongLong(); }
    bool isNull(int column) const { return m_query->isNull(column); }
    int numRowsAffected() const { return m_query->numRowsAffected(); }
    int columnCount() const { return m_query->record().count(); }

private:
    QSqlQuery *m_query;
};
