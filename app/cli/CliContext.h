#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <memory>

class CliOutput;
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

    enum class Access {
        Write, // creates or migrates the ledger first (Schema::ensure)
        Create, // opens (creating an SQLite file), and leaves the schema to the caller: init
        Read, // refuses a database without the ledger (Schema::requireReady)
        Inspect // opens only, and never creates anything (a missing SQLite file is an error)
    };

    // Where the ledger lives; a malformed --db is an Input error.
    Result<ConnectionSpec> spec() const;
    Result<Database *> open(Access access);
    // Runs once, on the database when it is first opened, before anything is read or created:
    // the connected role's check (RoleCommands::refuse).
    void setPermissionCheck(std::function<Status(Database &)> check) { m_permissionCheck = std::move(check); }
    // Runs on the database as soon as it is opened: how long it waits for locks, what cancels.
    void setConnectionSetup(std::function<void(Database &)> setup) { m_setup = std::move(setup); }

private:
    CliOutput &m_out;
    QString m_databaseText;
    QString m_operator;
    std::unique_ptr<Database> m_db;
    std::function<Status(Database &)> m_permissionCheck;
    std::function<void(Database &)> m_setup;
};
