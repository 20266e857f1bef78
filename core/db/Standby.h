#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

class Database;

// A PostgreSQL hot standby that the heavy reading may use instead of the primary: checked when
// opened (it must be replaying, and replaying the primary's ledger), asked how far behind it is,
// and asked whether it has replayed a given write yet. All its SQL is here.
class Standby final
{
    Q_DECLARE_TR_FUNCTIONS(Standby)

public:
    // What a ledger is, for telling that two connections reach the same one: the cluster a
    // standby was copied from keeps its system identifier, the database its name, and the
    // ledger its creation time.
    struct Identity
    {
        QString systemId;
        QString database;
        QString ledgerCreated;
    };

    // How far the standby has come. Caught up when it has replayed all it received: its figures
    // are then those of now.
    struct Replay
    {
        bool caughtUp = false;
        qint64 lagMs = 0; // the standby's now less the commit time of the last replayed change
        QDateTime asOf; // UTC: the time its figures are of
        QString replayedPosition; // pg_last_wal_replay_lsn()
    };

    static Result<Identity> identity(Database &db);
    // Refuses a reading connection that is not a standby of the primary's ledger, saying which.
    static Status check(Database &primary, Database &standby);
    static Status check(const Identity &primary, Database &standby);
    static Result<Replay> replay(Database &standby);
    // Where the primary's write-ahead log ends: read after a commit, the point a standby must
    // have replayed to show that commit.
    static Result<QString> writePosition(Database &primary);
    static Result<bool> hasReplayed(Database &standby, const QString &position);
    // Waits up to timeoutMs for the standby to replay position; false when it has not.
    static Result<bool> waitForReplay(Database &standby, const QString &position, int timeoutMs);

    // A refusal for the SQLite backend, on either side.
    static Error needsPostgres();
};
