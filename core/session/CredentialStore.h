#pragma once

#include "core/domain/Result.h"

#include <QString>

#include <optional>

// Where PostgreSQL passwords are kept between sessions: the system keychain, and nowhere else
// (never settings, logs or the recent-databases list). An interface so that tests can count
// what is stored, loaded and deleted with an in-memory store.
class CredentialStore
{
public:
    virtual ~CredentialStore() = default;

    // The saved password, or none when nothing is saved; an Error when the store cannot be
    // used (no keychain on this machine, locked, access refused).
    virtual Result<std::optional<QString>> load(const QString &account) = 0;
    virtual Status save(const QString &account, const QString &password) = 0;
    // Removing what is not there succeeds.
    virtual Status remove(const QString &account) = 0;

    // The store the application uses: the system keychain, unless a test set another.
    static CredentialStore &system();
    // For tests: use store (not owned) as the system store; nullptr restores the keychain.
    static void setSystemForTesting(CredentialStore *store);
};
