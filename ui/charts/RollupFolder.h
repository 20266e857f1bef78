#pragma once

#include <QObject>

class DatabaseWorker;
class LedgerSession;

// PostgreSQL with capture: the charts read rollups that follow the audit log, and add what was
// not folded into them yet (docs/rollups.md). The charts view reads on a read-only connection,
// which may not fold; this asks its reader whether the log is far enough ahead and this role may
// write the rollups (an auditor may not), and only then has
// the session's background connection fold it in (a write, which the session's standby route
// notes). The figures are exact either way; folding keeps them quick.
class RollupFolder final : public QObject
{
    Q_OBJECT

public:
    RollupFolder(LedgerSession *session, DatabaseWorker *reader, QObject *parent = nullptr);

    // Looks, and folds when it is time; nothing while a look or a fold is under way.
    void request();

private:
    LedgerSession *m_session;
    DatabaseWorker *m_reader;
    bool m_busy = false;
};
