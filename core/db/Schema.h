#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <QStringList>

class Database;

// XP Admin's view of a database: whether the ledger tables are there and who made them, and
// XP Admin's own tables (schema version, audit log), created and migrated forward in one
// transaction. Prisma's tables are never altered in a database XP Admin did not create.
class Schema final
{
public:
    static constexpr int CurrentVersion = 4;

    struct State
    {
        bool ledgerExists = false; // "User", "UserProfile" and "UserXP" are all there
        bool ownsLedger = false; // XP Admin created them (and may index them)
        int version = 0; // of XP Admin's own tables; 0 = not created
        QStringList missingIndexes; // work indexes absent from "UserXP"
    };

    // Reads the state without changing anything.
    static Result<State> inspect(Database &db);
    // Creates what is missing and migrates XP Admin's tables forward; returns the new state.
    static Result<State> ensure(Database &db);
    // Like ensure(), but refuses to create anything: for commands that only read.
    static Status requireReady(Database &db);

private:
    static Status create(Database &db);
    static Status migrateOwnTables(Database &db, int fromVersion);
};
