#pragma once

#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"

#include <QList>
#include <QString>

class Database;

struct TotalsRow
{
    // category, source type, bucket start ("2026-11-23"), user id or reason code; empty for the
    // grand total, and for the transactions without a reason code
    QString key;
    qint64 total = 0; // summed in 64 bits
    qint64 count = 0;
};

// Sums of XP grouped in SQL (GROUP BY), never by looping over rows.
class TotalsQuery final
{
public:
    enum class GroupBy { Nothing, Category, SourceType, Day, Week, Month, User, ReasonCode };

    explicit TotalsQuery(Database &db) : m_db(db) { }

    static std::optional<GroupBy> groupByFromName(const QString &name);
    static QStringList groupByNames();

    // Days, weeks (starting Monday) and months are calendar buckets in the local time zone.
    // GroupBy::User is ordered by total, largest first, and keeps the top `limit` users.
    // GroupBy::ReasonCode joins each row's code (xpadmin.xp_reason); not for a past moment.
    Result<QList<TotalsRow>> totals(GroupBy groupBy, const HistoryFilter &filter, int limit = 0);

private:
    Database &m_db;
};
