#pragma once

#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"
#include "core/history/HistoryRow.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Database;

// One page of the history as the worker reads it for HistoryModel: the rows in their compact
// form, and, for the first page of a view, the names of the users of its first rows (the rest,
// and later pages, are left to UserLabels, which reads those of the rows shown).
class HistoryPageReader
{
public:
    struct Page
    {
        QList<HistoryRow> rows;
        QStringList labelled; // the users whose names were read (namedRows)
        QHash<QString, QString> userLabels; // what was found for them: user id -> name, else email
        qint64 readMs = 0; // how long the worker took, to decide whether to read on ahead
    };

    // Reads the page after `after` (the first without), and the names of the users of its first
    // namedRows rows. A page that is one statement runs alone; one with a running balance or of a
    // past moment reads several statements in one snapshot.
    static Result<Page> read(Database &db, const HistoryFilter &filter, HistoryQuery::Order order,
                             const std::optional<HistoryCursor> &after, int pageSize, int namedRows);
};
