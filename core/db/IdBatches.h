#pragma once

#include "core/db/Database.h"

#include <QString>
#include <QStringList>

#include <functional>

class Dialect;

// A list of ids (users, transactions) as a condition on a column, in as few statements as it
// takes, so that work on many rows is a few statements, not one a row.
class IdBatches final
{
public:
    // The ids as a condition on column, as few statements as it takes: read(condition, bindings).
    // PostgreSQL: all of them in one array parameter, one text that is planned in no time however
    // many there are (an IN list of hundreds of parameters took longer to plan than to run).
    // SQLite: IN lists of a batch at a time, each padded to a few fixed sizes (repeating the last
    // id), so that the statements stay few and cached. A condition may name an id more than once.
    static Status forEach(const Dialect &d, const QString &column, const QStringList &ids,
                          const std::function<Status(const QString &, const Bindings &)> &read);

    // A PostgreSQL array literal of the ids, each quoted: '{"a","b"}'.
    static QString arrayLiteral(const QStringList &ids);
};
