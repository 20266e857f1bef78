#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"

#include <QString>

class CredentialStore;

// How a PostgreSQL password reaches a connection: typed in (the connection dialog, a terminal
// prompt), saved in the system keychain, or left to libpq (PGPASSWORD, ~/.pgpass). It is never
// written to settings, logs or the recent-databases list: those hold displayName(), which has none.
namespace ConnectionCredentials {

// The keychain entry of a connection: "user@host:port/database".
QString account(const ConnectionSpec &spec);

// Whether a connection failed because the server wants a password it did not get, or got a
// wrong one (libpq's and the server's messages, in the languages XP Admin ships).
bool isPasswordProblem(const Error &error);

// spec with the password saved for it in store, when spec is a PostgreSQL connection without a
// password and one is saved. When the store cannot be used, spec is returned as it is and *why
// (when given) says why.
ConnectionSpec withSavedPassword(const ConnectionSpec &spec, CredentialStore &store, QString *why = nullptr);

} // namespace ConnectionCredentials
