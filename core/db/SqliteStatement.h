#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QStringEncoder>
#include <QVariantList>

#include <vector>

struct sqlite3;
struct sqlite3_stmt;

// One statement prepared straight on SQLite's own connection (the one QSQLITE opened), for the
// bulk-write path: binding through QSqlQuery costs a string and a hash lookup per value, more
// than SQLite's own insert. Used only inside Database's transactions, never across a reconnect.
class SqliteStatement final
{
public:
    SqliteStatement(sqlite3 *db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    Status prepareStatus() const { return m_prepared; }
    // Binds values (int, long long, double, text, bytes, null) to ?1..?n, runs, and resets.
    Status execute(const QVariantList &values);

private:
    Error error(const QString &what) const;

    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    Status m_prepared;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
    std::vector<QByteArray> m_text; // a buffer a parameter, reused from row to row
};
