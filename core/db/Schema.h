#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class Database;

// XP Admin's view of a database: whether the ledger tables are there and who made them, and
// XP Admin's own tables (schema version, audit log), created and migrated forward in one
// transaction. Prisma's tables are never altered in a database XP Admin did not create.
class Schema final
{
    Q_DECLARE_TR_FUNCTIONS(Schema)

public:
    static constexpr int CurrentVersion = 9;

    struct State
    {
        bool ledgerExists = false; // "User", "UserProfile" and "UserXP" are all there
        bool ownsLedger = false; // XP Admin created them (and may index them)
        int version = 0; // of XP Admin's own tables; 0 = not created
        QStringList missingIndexes; // work indexes absent from "UserXP"
        // Tables and views that are neither the ledger's nor XP Admin's own, by name (in
        // PostgreSQL "schema.name" outside public), in name order.
        QStringList otherTables;
        // Another application's database: no ledger, but tables of its own. XP Admin creates
        // its ledger there only when told to (init --into-existing). A database with the
        // ledger's tables is the web app's, whatever else it holds.
        bool isForeign() const { return !ledgerExists && !otherTables.isEmpty(); }
    };

    // Reads the state without changing anything.
    static Result<State> inspect(Database &db);
    // Creates what is missing and migrates XP Admin's tables forward; returns the new state.
    static Result<State> ensure(Database &db);
    // Refuses (an Input error, noLedgerMessage) a database without a ledger XP Admin can work
    // on, or one set up by a newer XP Admin; creates nothing. For every command but init and demo.
    static Status requireReady(Database &db);
    // "no ledger at PATH; create one with `xpadmin-cli init`" (a URL without the password).
    static QString noLedgerMessage(const ConnectionSpec &spec);
    // The first few of the other tables and how many there are, for a question or a refusal.
    static QString describeTables(const QStringList &tables);

private:
    static Status create(Database &db);
    static Status migrateOwnTables(Database &db, int fromVersion);
};
