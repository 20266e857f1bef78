#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVariantList>

class Database;
struct pg_conn;

// Rows written with COPY ... FROM STDIN on the connection QPSQL opened: PostgreSQL's bulk-write
// path. QPSQL runs a prepared multi-row INSERT as an EXECUTE with every value quoted into its
// text, which the server parses again; COPY loads the same rows half as fast again (xpadmin-bench,
// figure 1). Used inside Database's transactions, between statements, never across a reconnect.
class PostgresCopy final
{
    Q_DECLARE_TR_FUNCTIONS(PostgresCopy)

public:
    // Whether this build has libpq (XPADMIN_HAVE_LIBPQ).
    static bool isAvailable();
    // Whether COPY can run now on db's connection: libpq, and no statement's rows being read.
    // QPSQL reads the end of a forward-only statement's results only when the next statement
    // starts; for a finished one, that end is read here, as the next statement would. Without
    // it, no COPY ran after a prepared statement: an import wrote every row by INSERT.
    static bool makeReady(Database &db, pg_conn *connection);
    // Whether a BulkInsert value expression is a plain parameter ("?", "CAST(? AS type)"): COPY
    // converts text to the column's type itself, but cannot evaluate an expression.
    static bool isPlainParameter(const QString &expression);
    // Appends text in COPY's text format, where \N is NULL and backslash, tab, newline and
    // carriage return are escaped.
    static void appendText(QByteArray &out, const QByteArray &text);
    // Writes the rows (values in row order, columns.size() a row) in one COPY. A failure marks
    // db's transaction failed, with the server's SQLSTATE so that a deadlock is tried again.
    static Status write(Database &db, pg_conn *connection, const QString &table, const QStringList &columns,
                        const QVariantList &values);
};
