#pragma once

#include "core/domain/Result.h"

// The exit statuses of xpadmin-cli, for scripts.
namespace ExitCode {

constexpr int Ok = 0;
constexpr int Problems = 1; // verify or doctor found something that needs attention
constexpr int Usage = 2; // bad input or usage; nothing was changed
constexpr int Database = 3; // the database is unavailable or failed
constexpr int Permission = 4; // the connected role may not do this; nothing was changed
constexpr int ReadOnly = 5; // the ledger can only be read here; nothing was changed
constexpr int Cancelled = 130; // cancelled by the user (Ctrl+C); nothing was kept

constexpr int of(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::Input:
    case Error::Kind::Conflict:
        return Usage;
    case Error::Kind::Database:
    case Error::Kind::Uncertain:
        return Database;
    case Error::Kind::Cancelled:
        return Cancelled;
    case Error::Kind::Permission:
        return Permission;
    case Error::Kind::ReadOnly:
        return ReadOnly;
    }
    return Database;
}

} // namespace ExitCode
