#include "BulkInsert.h"

#include "Database.h"
#include "SqliteStatement.h"

BulkInsert::BulkInsert(Database &db, QString table, QStringList columns, QStringList valueExpressions,
                       int rowsPerStatement)
    : m_db(db),
      m_table(std::move(table)),
      m_columns(std::move(columns)),
      m_values(std::move(valueExpressions)),
      m_rowsPerStatement(rowsPerStatement)
{
    Q_ASSERT(m_columns.size() == m_values.size());
    m_pending.reserve(m_rowsPerStatement * m_columns.size());
}

BulkInsert::~BulkInsert() = default;

QString BulkInsert::statement(int rows) const
{
    const QString tuple = QLatin1Char('(') + m_values.join(QStringLiteral(", ")) + QLatin1Char(')');
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i)
        tuples << tuple;
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(m_table, m_columns.join(QStringLiteral(", ")), tuples.join(QStringLiteral(", ")));
}

Status BulkInsert::add(const QVariantList &values)
{
    Q_ASSERT(values.size() == m_columns.size());
    m_pending += values;
    if (m_pending.size() >= m_rowsPerStatement * m_columns.size())
        return flush();
    return {};
}

Status BulkInsert::flush()
{
    const int rows = static_cast<int>(m_pending.size() / m_columns.size());
    if (rows == 0)
        return {};
    // One statement text per chunk size: every full chunk reuses the same prepared statement.
    Status result;
    if (sqlite3 *handle = m_db.sqliteHandle()) {
        std::unique_ptr<SqliteStatement> partial;
        const bool full = rows == m_rowsPerStatement;
        if (full && !m_fullChunk)
            m_fullChunk = std::make_unique<SqliteStatement>(handle, statement(rows));
        if (!full)
            partial = std::make_unique<SqliteStatement>(handle, statement(rows));
        result = (full ? m_fullChunk : partial)->execute(m_pending);
        if (!result)
            m_db.markFailed();
    } else {
        result = m_db.runPositional(statement(rows), m_pending);
    }
    m_pending.clear();
    if (!result)
        return result;
    m_written += rows;
    return {};
}

Status BulkInsert::finish()
{
    return flush();
}
