#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

class Database;
class SqliteStatement;

// Writes many rows into one table: the fast path for demo data and imports. On SQLite each row
// steps one prepared single-row INSERT at once; on PostgreSQL rows are buffered and flushed in
// chunks, with one COPY a chunk when every value is a plain parameter, else with multi-row
// INSERTs. Call finish() at the end. Runs inside the caller's transaction.
class BulkInsert final
{
public:
    // valueExpressions: one per column, "?" or a cast of it, e.g. CAST(? AS "XPCategory").
    // rowsPerStatement: rows of a multi-row INSERT on PostgreSQL, when COPY cannot be used.
    BulkInsert(Database &db, QString table, QStringList columns, QStringList valueExpressions,
               int rowsPerStatement = 500);
    ~BulkInsert();
    BulkInsert(const BulkInsert &) = delete;
    BulkInsert &operator=(const BulkInsert &) = delete;

    // Writes one row's values, in column order (SQLite), or buffers them and flushes a full chunk.
    Status add(const QVariantList &values);
    Status finish();
    qint64 rowsWritten() const { return m_written; }

private:
    QString statement(int rows) const;
    Status flush();

    Database &m_db;
    QString m_table;
    QStringList m_columns;
    QStringList m_values;
    int m_rowsPerStatement;
    int m_rowsPerFlush; // rowsPerStatement, or more for COPY
    QVariantList m_pending; // PostgreSQL: the rows of the chunk being filled
    qint64 m_written = 0;
    std::unique_ptr<SqliteStatement> m_row; // SQLite: the single-row INSERT, prepared once
    bool m_copy = false; // PostgreSQL with libpq, and every value a plain parameter: COPY
};
