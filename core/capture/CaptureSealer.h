#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>

class Database;

// Seals the changes capture recorded into the audit log now, in one write transaction (XP
// Admin's own writes do the same first thing, in theirs: AuditLog::tail), and folds the log into
// the charts' rollups when it is far enough past them (LoggedRollups::fold). verify runs it first.
class CaptureSealer final
{
    Q_DECLARE_TR_FUNCTIONS(CaptureSealer)

public:
    explicit CaptureSealer(Database &db) : m_db(db) { }

    // How many audit events the captured changes became; 0 when nothing was pending, capture is
    // not installed (or the backend is SQLite), or this role may not seal them (mayNotSeal then
    // true, when given).
    Result<qint64> seal(bool *mayNotSeal = nullptr);
    // How many records wait that this role could seal (0 when none, capture is not installed or
    // the role may not seal them). Reads only: for a read-only connection deciding whether to
    // open one that may write.
    Result<qint64> waiting();
    // seal(), only when something waits or the charts' rollups are FoldAfter events behind: a live
    // view calls it on every change it hears of, and a seal with nothing to do would still be a
    // write (and a notification, heard again).
    Result<qint64> sealWaiting();

private:
    Database &m_db;
};
