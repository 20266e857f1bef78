#include "models/HistoryPageReader.h"

#include "core/db/Database.h"
#include "core/users/UserQuery.h"

#include <QElapsedTimer>
#include <QSet>
#include <QStringList>

#include <algorithm>

Result<HistoryPageReader::Page> HistoryPageReader::read(Database &db, const HistoryFilter &filter,
                                                        HistoryQuery::Order order,
                                                        const std::optional<HistoryCursor> &after, int pageSize,
                                                        int namedRows)
{
    QElapsedTimer timer;
    timer.start();
    Page page;
    const auto readRows = [&]() -> Status {
        auto rows = HistoryQuery(db).compactPage(filter, after, pageSize, order);
        if (!rows)
            return rows.error();
        // Made compact by the query, here on the worker, so the GUI thread only appends.
        page.rows = std::move(*rows);
        return {};
    };
    // A running balance (the user's sum before the page) or a past moment (the rows kept and the
    // rows removed) takes several statements that must see one snapshot; a plain page is one
    // statement and needs no transaction (on PostgreSQL, BEGIN and COMMIT are round trips of their own).
    const bool oneSnapshot = HistoryQuery::hasBalance(filter) || filter.asOf.isValid();
    if (const Status status = oneSnapshot ? db.readTransaction(readRows) : readRows(); !status)
        return status.error();
    if (namedRows > 0) {
        QSet<QByteArrayView> seen;
        const qsizetype named = std::min<qsizetype>(namedRows, page.rows.size());
        for (qsizetype i = 0; i < named; ++i) {
            if (const QByteArrayView user = page.rows.at(i).userIdBytes(); !seen.contains(user)) {
                seen.insert(user);
                page.labelled << QString::fromUtf8(user);
            }
        }
        // Names are labels: read after the rows, they may be a moment newer, as names shown always are.
        auto labels = UserQuery(db).labels(page.labelled);
        if (!labels)
            return labels.error();
        page.userLabels = std::move(*labels);
    }
    page.readMs = timer.elapsed();
    return page;
}
