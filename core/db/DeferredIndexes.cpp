#include "core/db/DeferredIndexes.h"

#include "core/db/Database.h"

Result<DeferredIndexes> DeferredIndexes::defer(Database &db, const QString &table, qint64 rows)
{
    Q_ASSERT(db.inTransaction());
    DeferredIndexes deferred(db);
    if (db.dialect().isPostgres() || rows < MinRows)
        return deferred;
    {
        // The largest rowid, not count(*): read from the end of the table's b-tree instead of
        // the whole of it, and never fewer than the rows there are.
        auto size = db.run(QStringLiteral("SELECT COALESCE(MAX(rowid), 0) FROM \"%1\"").arg(table));
        if (!size)
            return size.error();
        if (size->next() && size->integer(0) > rows)
            return deferred;
    }
    QStringList names;
    {
        auto indexes
            = db.run(QStringLiteral("SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list(:table) l "
                                    "ON l.name = m.name WHERE m.type = 'index' AND m.sql IS NOT NULL AND "
                                    "l.\"unique\" = 0 ORDER BY m.name"),
                     {{QStringLiteral(":table"), table}});
        if (!indexes)
            return indexes.error();
        while (indexes->next()) {
            names << indexes->text(0);
            deferred.m_definitions << indexes->text(1);
        }
    }
    for (QString name : std::as_const(names)) {
        // An identifier cannot be bound; the name is SQLite's own, quoted as an identifier.
        const QString quoted
            = QLatin1Char('"') + name.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        if (const Status s = db.execute(QStringLiteral("DROP INDEX %1").arg(quoted)); !s)
            return s.error();
    }
    return deferred;
}

Status DeferredIndexes::restore()
{
    for (const QString &definition : std::as_const(m_definitions)) {
        if (const Status s = m_db->execute(definition); !s)
            return s;
    }
    m_definitions.clear();
    return {};
}
