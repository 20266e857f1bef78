#pragma once

#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"
#include "core/history/HistoryRow.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

class Database;

// One page of the history as the worker reads it for HistoryModel: the rows in their compact
// form, and the names of their users that the model's generation has not asked for before.
class HistoryPageReader
{
public:
    struct Page
    {
        QList<HistoryRow> rows;
        QHash<QString, QString> userLabels;
        qint64 readMs = 0; // how long the worker took, to decide whether to read on ahead
    };

    // Reads the page after `after` (the first without) and the names of its new users, adding
    // their ids to `asked`. A page that is one statement runs alone; one with a running balance
    // or of a past moment reads several statements in one snapshot.
    static Result<Page> read(Database &db, const HistoryFilter &filter, HistoryQuery::Order order,
                             const std::optional<HistoryCursor> &after, int pageSize, QSet<QByteArray> &asked);
};
