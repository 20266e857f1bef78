#pragma once

#include "core/domain/Result.h"

#include <QByteArray>

class LoadRows;
class RawEngine;

// Figure 13's raw side: a rollback of rows and their restore as a careful C program would write
// them, each one committed transaction of set-based statements through the engine's C API (the
// ids or rows as one JSON parameter): the rows deleted, or inserted again, and their users'
// totals set from SUM. No audit log: what XP Admin adds is the ratio.
class RawRollback final
{
public:
    RawRollback(RawEngine &engine, bool postgres);

    // Deletes the rows by id and sets their users' totals from SUM.
    Status remove(const LoadRows &rows, const QByteArray &now);
    // Inserts the rows again, as they were, and sets their users' totals from SUM.
    Status restore(const LoadRows &rows, const QByteArray &now);

private:
    // BEGIN, the statement that changes the rows, the totals, COMMIT (ROLLBACK on failure).
    Status change(const QByteArray &sql, const QByteArray &parameter, const LoadRows &rows, const QByteArray &now);

    RawEngine &m_engine;
    bool m_postgres;
};
