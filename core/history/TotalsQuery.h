#pragma once

#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"

#include <QList>
#include <QString>

class Database;

struct TotalsRow
{
    QString key; // category, source type, bucket start ("2026-11-23") or user id; empty for the grand total
    qint64 total = 0; // summed in 64 bits
    qint64 count = 0;
};

// Sums of XP grouped in SQL (GROUP BY), never by looping over rows.
class TotalsQuery final
{
public:
    enum class GroupBy { Nothing, Category, SourceType, Day, Week, Month, User };

    explicit TotalsQuery(Database &db) : m_db(db) { }

    static std::optional<GroupBy> groupByFromName(const QString &name);
    static QStringList groupByNames();

    // Days, weeks (starting Monday) and months are calendar buckets in the local time zone.
    // GroupBy::User is ordered by total, largest first, and keeps the top `limit` users.
    Result<QList<TotalsRow>> totals(GroupBy groupBy, const HistoryFilter &filter, int limit = 0);

private:
    Database &m_db;
};
