#include "core/ledger/TotalsScan.h"

#include "core/db/Database.h"
#include "core/ledger/TotalWriter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

Result<RecalcSummary> TotalsScan::scan()
{
    const Dialect &d = m_db.dialect();
    const QString cached = QStringLiteral("COALESCE(p.\"totalXP\", 0)");
    // The work of a raw UPDATE ... FROM (GROUP BY), minus the writes: the sums are joined with
    // the cached totals as they are made, and only the drifted ones leave the engine (a cached
    // total is 0 without a profile). The non-zero totals that met a sum, against all of them,
    // tell whether a profile with a total has no transactions at all.
    auto rows
        = m_db.run(QStringLiteral("SELECT count(*), count(*) FILTER (WHERE p.\"totalXP\" <> 0), "
                                  "(SELECT count(*) FROM \"UserProfile\" WHERE \"totalXP\" <> 0), %1 "
                                  "FROM (SELECT \"userId\" AS user_id, SUM(\"amount\") AS total FROM \"UserXP\" "
                                  "GROUP BY \"userId\") s LEFT JOIN \"UserProfile\" p ON p.\"userId\" = s.user_id")
                       .arg(d.jsonArrayAggregate(QStringLiteral("s.user_id, %1, s.total").arg(cached),
                                                 QStringLiteral("%1 <> s.total").arg(cached))));
    if (!rows)
        return rows.error();
    RecalcSummary summary;
    if (!rows->next())
        return summary;
    summary.users = rows->integer(0);
    const bool orphans = rows->integer(1) != rows->integer(2);
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(rows->text(3).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !json.isArray())
        return Error::database(QCoreApplication::translate("TotalsScan", "The drifted totals could not be read: %1")
                                   .arg(error.errorString()));
    const QJsonArray drifted = json.array();
    summary.fixed.reserve(drifted.size());
    for (const QJsonValue &value : drifted) {
        const QJsonArray row = value.toArray();
        summary.fixed << Drift{row.at(0).toString(), row.at(1).toInteger(), row.at(2).toInteger()};
    }
    if (orphans) {
        if (const Status s = addOrphans(summary.fixed); !s)
            return s.error();
    }
    std::sort(summary.fixed.begin(), summary.fixed.end(),
              [](const Drift &a, const Drift &b) { return a.userId < b.userId; });
    return summary;
}

Status TotalsScan::addOrphans(QList<Drift> &drifted)
{
    auto rows = m_db.run(QStringLiteral("SELECT p.\"userId\", p.\"totalXP\" FROM \"UserProfile\" p "
                                        "WHERE p.\"totalXP\" <> 0 AND NOT EXISTS "
                                        "(SELECT 1 FROM \"UserXP\" x WHERE x.\"userId\" = p.\"userId\")"));
    if (!rows)
        return rows.error();
    while (rows->next())
        drifted << Drift{rows->text(0), rows->integer(1), 0};
    return {};
}

Status TotalsScan::store(const QList<Drift> &drifted)
{
    if (drifted.isEmpty())
        return {};
    QList<std::pair<QString, qint64>> totals;
    totals.reserve(drifted.size());
    for (const Drift &drift : drifted)
        totals.append({drift.userId, drift.sum});
    // One upsert sets them all: a profile created where a user with XP had none, and a profile
    // set to 0 where its user has no transactions left.
    return TotalWriter::upsertTotals(m_db, totals);
}
