#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <memory>

class CliOutput;
class CliStandby;
class Database;

// What every command shares: the output, and the database named by the global options
// (--db, else XPADMIN_DB, else the embedded default), opened once when a command needs it.
class CliContext final
{
    Q_DECLARE_TR_FUNCTIONS(CliContext)

public:
    CliContext(CliOutput &out, QString databaseText, QString operatorName);
    ~CliContext();
    CliContext(const CliContext &) = delete;
    CliContext &operator=(const CliContext &) = delete;

    CliOutput &out() { return m_out; }
    bool json() const;

    // What a command may do to the database. Only Create makes a ledger; every other access
    // refuses a missing file or a database without one (Schema::noLedgerMessage, exit 2) and
    // leaves it exactly as it was.
    enum class Access {
        Write, // an existing ledger, opened for writing, migrated forward if older; a read-only
               // one is refused (exit 5)
        Create, // init and demo: opens (creating an SQLite file), refuses another application's
                // database unless setIntoExisting(), and leaves the schema to the caller
        Read, // an existing ledger, opened read-only (Schema::requireReady)
        ReadStandby, // as Read, for heavy reading: on the standby of --read-db when it is given
        Inspect // opened read-only, whatever it holds: doctor
    };

    // --read-db: the standby that ReadStandby reads from (empty: none).
    void setReadDatabase(const QString &text);
    CliStandby &standby() { return *m_standby; }
    // After the command: a change it wrote waits briefly until the standby shows it.
    void finish();

    // Where the ledger lives; a malformed --db is an Input error.
    Result<ConnectionSpec> spec() const;
    Result<Database *> open(Access access);
    // Runs once, on the database when it is first opened, before anything is read or created:
    // the connected role's check (RoleCommands::refuse).
    void setPermissionCheck(std::function<Status(Database &)> check) { m_permissionCheck = std::move(check); }
    // Lets Create put the ledger into a database that already holds other tables.
    void setIntoExisting(bool into) { m_intoExisting = into; }
    // Runs on the database as soon as it is opened: how long it waits for locks, what cancels.
    void setConnectionSetup(std::function<void(Database &)> setup) { m_setup = std::move(setup); }

private:
    CliOutput &m_out;
    QString m_databaseText;
    QString m_operator;
    std::unique_ptr<Database> m_db;
    std::function<Status(Database &)> m_permissionCheck;
    bool m_intoExisting = false;
    std::function<void(Database &)> m_setup;
    std::unique_ptr<CliStandby> m_standby;
    bool m_wrote = false;
};
