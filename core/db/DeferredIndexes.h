#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <QStringList>

class Database;

// The secondary indexes of one SQLite table, dropped before a load that at least doubles the
// table and created again after it, in the same write transaction. An index maintained row by
// row sends each insert to its key's page; one built after the load sorts the keys once. A
// migration of a million rows into an empty "UserXP" is quicker with its four indexes built at
// the end, their building included, than with them kept up (the keys of one of them end with the
// amount, which a migration's rows bring in random order).
//
// Unique indexes stay: they check each row as it comes. On PostgreSQL nothing is dropped: the
// live web application shares those tables and their indexes. A transaction that fails or is
// cancelled rolls the drop back with everything else.
class DeferredIndexes final
{
public:
    // Loads smaller than this keep their indexes: the gain is small, and a schema change makes
    // the other connections prepare their statements again.
    static constexpr qint64 MinRows = 50000;

    // Drops table's non-unique indexes when rows (to be added) is at least MinRows and at least
    // the rows the table has. Must run inside a write transaction, with no statement open.
    static Result<DeferredIndexes> defer(Database &db, const QString &table, qint64 rows);

    // Creates the dropped indexes again, each from its own definition.
    Status restore();

    // The definitions of the indexes dropped and not yet restored.
    const QStringList &dropped() const { return m_definitions; }

private:
    explicit DeferredIndexes(Database &db) : m_db(&db) { }

    Database *m_db;
    QStringList m_definitions;
};
