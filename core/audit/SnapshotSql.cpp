#include "core/audit/SnapshotSql.h"

#include "core/db/Dialect.h"

namespace SnapshotSql {

QString parse(const Dialect &d)
{
    return d.isPostgres() ? QStringLiteral(" CROSS JOIN LATERAL (SELECT CAST(e.snapshot AS jsonb) AS s) j") : QString();
}

QString row(const Dialect &d)
{
    if (d.isPostgres())
        return QStringLiteral("CASE WHEN jsonb_typeof(j.s -> 'row') = 'object' THEN j.s -> 'row' ELSE j.s END");
    return QStringLiteral("CASE WHEN NOT json_valid(e.snapshot) THEN '{}' "
                          "WHEN json_type(e.snapshot, '$.row') = 'object' THEN json_extract(e.snapshot, '$.row') "
                          "ELSE e.snapshot END");
}

QString field(const Dialect &d, const QString &rowObject, const QString &name)
{
    return d.isPostgres() ? QStringLiteral("(%1 ->> '%2')").arg(rowObject, name)
                          : QStringLiteral("CAST(json_extract(%1, '$.%2') AS TEXT)").arg(rowObject, name);
}

QString timestamp(const Dialect &d, const QString &rowObject, const QString &name)
{
    const QString text = field(d, rowObject, name);
    // "2026-03-01T09:30:00.000Z": PostgreSQL's TIMESTAMP reads it and drops the zone, which is UTC.
    return d.isPostgres() ? QStringLiteral("CAST(%1 AS TIMESTAMP(3))").arg(text)
                          : QStringLiteral("replace(substr(%1, 1, 23), 'T', ' ')").arg(text);
}

} // namespace SnapshotSql
