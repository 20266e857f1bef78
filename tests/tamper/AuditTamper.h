#pragma once

#include "core/db/Database.h"

#include <QString>

// What someone who owns the database can do to the audit log: switch off whatever trigger
// guards it, then change it with plain SQL. The tests check that XP Admin notices.
namespace AuditTamper {

inline QString table(const Database &db)
{
    return db.dialect().ownTable(QStringLiteral("audit_event"));
}

inline Status disableGuards(Database &db)
{
    if (db.dialect().isPostgres())
        return db.execute(QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER USER").arg(table(db)));
    auto triggers = db.run(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
                           {{QStringLiteral(":t"), table(db)}});
    if (!triggers)
        return triggers.error();
    QStringList names;
    while (triggers->next())
        names << triggers->text(0);
    for (const QString &name : std::as_const(names)) {
        if (const Status s = db.execute(QStringLiteral("DROP TRIGGER \"%1\"").arg(name)); !s)
            return s;
    }
    return {};
}

// Runs one statement against the audit table with its guards off.
inline Status run(Database &db, const QString &sql, const Bindings &bindings = {})
{
    if (const Status s = disableGuards(db); !s)
        return s;
    auto rows = db.run(sql, bindings);
    if (!rows)
        return rows.error();
    return {};
}

// Deletes the newest events from seq on.
inline Status truncateFrom(Database &db, qint64 seq)
{
    return run(db, QStringLiteral("DELETE FROM %1 WHERE seq >= :seq").arg(table(db)), {{QStringLiteral(":seq"), seq}});
}

} // namespace AuditTamper
