#include "core/db/SqlRows.h"

#include "core/db/PostgresRows.h"
#include "core/db/PostgresValue.h"

#include <QSqlRecord>

SqlRows::SqlRows(std::shared_ptr<PostgresRows> rows) : m_rows(std::move(rows)) { }

SqlRows::SqlRows(SqlRows &&other) noexcept
    : m_query(std::exchange(other.m_query, nullptr)), m_rows(std::move(other.m_rows))
{ }

SqlRows &SqlRows::operator=(SqlRows &&other) noexcept
{
    std::swap(m_query, other.m_query);
    std::swap(m_rows, other.m_rows);
    return *this;
}

SqlRows::~SqlRows()
{
    if (m_query)
        m_query->finish();
    if (m_rows)
        m_rows->finish();
}

bool SqlRows::next()
{
    return m_rows ? m_rows->next() : m_query->next();
}

QVariant SqlRows::value(int column) const
{
    return m_rows ? m_rows->value(column) : m_query->value(column);
}

QString SqlRows::text(int column) const
{
    return m_rows ? PostgresValue::text(m_rows->value(column)) : m_query->value(column).toString();
}

bool SqlRows::isNull(int column) const
{
    return m_rows ? m_rows->isNull(column) : m_query->isNull(column);
}

int SqlRows::numRowsAffected() const
{
    return m_rows ? m_rows->numRowsAffected() : m_query->numRowsAffected();
}

int SqlRows::columnCount() const
{
    return m_rows ? m_rows->columnCount() : m_query->record().count();
}
