#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

class Database;
class SqliteStatement;

// Writes many rows into one table with one prepared multi-row INSERT, reused for every full
// chunk: the fast path for demo data and imports. Rows are buffered and flushed in chunks;
// call finish() at the end. Runs inside the caller's transaction.
class BulkInsert final
{
public:
    // valueExpressions: one per column, "?" or a cast of it, e.g. CAST(? AS "XPCategory").
    BulkInsert(Database &db, QString table, QStringList columns, QStringList valueExpressions,
               int rowsPerStatement = 500);
    ~BulkInsert();
    BulkInsert(const BulkInsert &) = delete;
    BulkInsert &operator=(const BulkInsert &) = delete;

    // Appends one row's values, in column order; flushes a full chunk.
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
    QVariantList m_pending;
    qint64 m_written = 0;
    std::unique_ptr<SqliteStatement> m_fullChunk; // SQLite: the statement of a full chunk, kept
};
