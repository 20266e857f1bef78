#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/TableNames.h"

#include <QDateTime>
#include <QSqlError>
#include <QString>
#include <QVariant>

// The small seam between SQLite and PostgreSQL: everything in the ledger's SQL that differs
// between the two engines is spelled here, so the statements elsewhere are written once.
class Dialect final
{
public:
    explicit Dialect(ConnectionSpec::Backend backend, const QString &appSchema = {})
        : m_backend(backend), m_tables(backend, appSchema)
    { }

    bool isPostgres() const { return m_backend == ConnectionSpec::Backend::Postgres; }
    ConnectionSpec::Backend backend() const { return m_backend; }

    // The web app's tables in their schema: what every statement is qualified with when prepared.
    const TableNames &tables() const { return m_tables; }
    // XP Admin's own tables: xpadmin.audit_event (PostgreSQL), xpadmin_audit_event (SQLite).
    QString ownTable(const QString &name) const;
    // A bound parameter typed for the column it is compared with or stored in.
    QString sourceTypeParam(const QString &placeholder) const;
    QString categoryParam(const QString &placeholder) const;
    QString timestampParam(const QString &placeholder) const;
    // Statement that opens a write transaction. SQLite must take the write lock at once
    // (BEGIN IMMEDIATE): a deferred BEGIN fails with SQLITE_BUSY when two writers meet.
    QString beginWrite() const;
    // A 25-character cuid-like id computed by the database, for set-based inserts of rows
    // that need an id (profiles created by recalculating every user).
    QString generatedIdExpression(const QString &seedColumn) const;
    // A UTC timestamp column turned into the local calendar day, week start or month start
    // of the given IANA time zone, as 'YYYY-MM-DD' text.
    QString bucketExpression(const QString &column, const QString &unit, const QString &zoneParam) const;
    // An aggregate gathering, from the rows where condition holds, one JSON array of values
    // each, into one JSON array ('[]' when no row does): a set-based scan that must also report
    // a few of its rows.
    QString jsonArrayAggregate(const QString &values, const QString &condition) const;
    // The (key, value) rows of a JSON object bound as text: many keyed values in one parameter
    // of a set-based statement.
    QString jsonObjectEntries(const QString &placeholder) const;
    // A column to group by without walking an index in its order: SQLite would otherwise read a
    // whole index and the table behind it row by row (unary +); PostgreSQL plans this itself.
    QString unindexed(const QString &column) const;

    // A LIKE pattern (used with ESCAPE '\') that finds text anywhere, with % _ and \ literal.
    static QString containsPattern(const QString &text);
    // Case-insensitive LIKE (ILIKE on PostgreSQL; SQLite's LIKE already ignores ASCII case).
    QString likeOperator() const;
    // An IANA zone name for the local time zone, for bucketExpression's zone parameter.
    static QString localZoneName();

    // Reads a TIMESTAMP(3) value back as UTC, whatever the driver made of it.
    QDateTime readTimestamp(const QVariant &value) const;
    // Lock contention or a serialization failure: the transaction may be run again.
    bool isTransient(const QSqlError &error) const;
    // The connection to the server is gone.
    bool isConnectionLost(const QSqlError &error) const;
    // A permission error (SQLSTATE 42501).
    bool isPermissionDenied(const QSqlError &error) const;
    // A statement named a table or column that is not there.
    bool isMissingObject(const QSqlError &error) const;

private:
    ConnectionSpec::Backend m_backend;
    TableNames m_tables;
};
