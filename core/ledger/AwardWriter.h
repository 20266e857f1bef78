#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"
#include "core/ledger/RowEvents.h"
#include "core/reasons/ReasonTag.h"

#include <QString>

class Database;

// The writes of one award or adjustment, inside the caller's write transaction, in as few
// round trips as the engine allows. PostgreSQL, two: the first sends BEGIN and takes the user's
// lock, then the audit log's, then reads whether the user exists, the sum of their transactions,
// their cached total, the end of the chain and the transaction's id (in one pipeline: the read
// runs after the locks, so it sees every change committed before them); the event is sealed
// here from those; the second inserts the row, stores the total and appends the event in one
// data-modifying statement, sent with COMMIT (Database::runWithCommit). SQLite, whose BEGIN
// IMMEDIATE holds the write lock already, reads the same in one statement and writes in three.
// Guarantees as every ledger write's: the per-user lock, the total recalculated from SUM, one
// chained event.
class AwardWriter final
{
public:
    explicit AwardWriter(Database &db) : m_db(db) { }

    // Adds row, with its event of action and operationId (the row's description as reason, tag
    // in the snapshot); tag goes to xpadmin.xp_reason too when recordTag (a manual change).
    // Returns the user's cached total before and the total stored.
    Result<StoredTotal> add(const XpTransaction &row, const QString &action, const QString &operationId,
                            const ReasonTag &tag, bool recordTag);

private:
    // Writes row, its total and event in one data-modifying statement, sent with COMMIT (PostgreSQL).
    Status writeTogether(const XpTransaction &row, qint64 total, const AuditEvent &event, const ReasonTag *tag);
    // The same statement by statement (SQLite).
    Status writeInTurn(const XpTransaction &row, qint64 total, const AuditEvent &event, const ReasonTag *tag);

    Database &m_db;
};
