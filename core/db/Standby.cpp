#include "core/db/Standby.h"

#include "core/db/Database.h"
#include "core/db/Schema.h"

#include <QDeadlineTimer>
#include <QThread>

Error Standby::needsPostgres()
{
    return Error::input(tr("A reading standby is for PostgreSQL: both the database and the standby must be "
                           "PostgreSQL servers"));
}

Result<Standby::Identity> Standby::identity(Database &db)
{
    if (!db.dialect().isPostgres())
        return needsPostgres();
    auto rows = db.run(QStringLiteral("SELECT (SELECT system_identifier FROM pg_control_system())::text, "
                                      "current_database()"));
    if (!rows)
        return rows.error();
    Identity identity;
    if (rows->next()) {
        identity.systemId = rows->text(0);
        identity.database = rows->text(1);
    }
    auto state = Schema::inspect(db);
    if (!state)
        return state.error();
    if (state->ledgerExists && state->version > 0) {
        auto created = db.run(
            QStringLiteral("SELECT value FROM %1 WHERE key = :key").arg(db.dialect().ownTable(QStringLiteral("meta"))),
            {{QStringLiteral(":key"), QStringLiteral("created_at")}});
        if (!created)
            return created.error();
        if (created->next())
            identity.ledgerCreated = created->text(0);
    }
    return identity;
}

Status Standby::check(Database &primary, Database &standby)
{
    auto wanted = identity(primary);
    if (!wanted)
        return wanted.error();
    return check(*wanted, standby);
}

Status Standby::check(const Identity &primary, Database &standby)
{
    if (!standby.dialect().isPostgres())
        return needsPostgres();
    const QString name = standby.spec().displayName();
    auto recovery = standby.run(QStringLiteral("SELECT pg_is_in_recovery()"));
    if (!recovery)
        return recovery.error();
    if (!recovery->next() || !recovery->value(0).toBool())
        return Error::input(tr("%1 is not a standby: it is a primary server that accepts writes. Reading from a "
                               "standby needs a hot standby that replays the ledger's database")
                                .arg(name));
    auto found = identity(standby);
    if (!found)
        return found.error();
    if (found->systemId != primary.systemId)
        return Error::input(
            tr("%1 is a standby of another server: it does not replay the ledger's database").arg(name));
    if (found->database != primary.database)
        return Error::input(
            tr("%1 is database %2, not the ledger's database %3").arg(name, found->database, primary.database));
    if (found->ledgerCreated != primary.ledgerCreated)
        return Error::input(tr("%1 holds another ledger than the database it should mirror").arg(name));
    return {};
}

Result<Standby::Replay> Standby::replay(Database &standby)
{
    // A restarted standby streams again from the start of a segment: until its primary writes,
    // it has received less than it replayed, and is caught up all the same.
    auto rows
        = standby.run(QStringLiteral("SELECT pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() "
                                     "OR pg_last_wal_receive_lsn() < pg_last_wal_replay_lsn(), "
                                     "floor(extract(epoch FROM now()) * 1000)::bigint, "
                                     "floor(extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::bigint, "
                                     "pg_last_wal_replay_lsn()::text"));
    if (!rows)
        return rows.error();
    Replay replay;
    if (!rows->next())
        return replay;
    const qint64 now = rows->integer(1);
    replay.caughtUp = rows->value(0).toBool() || rows->isNull(2);
    const qint64 replayed = rows->isNull(2) ? now : rows->integer(2);
    replay.lagMs = replay.caughtUp ? 0 : std::max<qint64>(0, now - replayed);
    replay.asOf = QDateTime::fromMSecsSinceEpoch(replay.caughtUp ? now : replayed, Qt::UTC);
    replay.replayedPosition = rows->text(3);
    return replay;
}

Result<QString> Standby::writePosition(Database &primary)
{
    auto rows = primary.run(QStringLiteral("SELECT pg_current_wal_lsn()::text"));
    if (!rows)
        return rows.error();
    return rows->next() ? rows->text(0) : QString();
}

Result<bool> Standby::hasReplayed(Database &standby, const QString &position)
{
    if (position.isEmpty())
        return true;
    auto rows = standby.run(QStringLiteral("SELECT pg_last_wal_replay_lsn() >= CAST(:position AS pg_lsn)"),
                            {{QStringLiteral(":position"), position}});
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toBool();
}

Result<bool> Standby::waitForReplay(Database &standby, const QString &position, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        auto replayed = hasReplayed(standby, position);
        if (!replayed || *replayed || deadline.hasExpired())
            return replayed;
        QThread::msleep(20);
    }
}
