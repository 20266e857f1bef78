#pragma once

#include "core/session/CredentialStore.h"

// The system keychain through QtKeychain: Secret Service or KWallet on Linux, Keychain on macOS,
// Credential Manager on Windows. Never falls back to a plain-text file: where no keychain runs
// (a server, a CI machine) every call fails and XP Admin asks for the password each time.
// Each call waits for the keychain in a local event loop, on the calling thread.
class KeychainCredentialStore final : public CredentialStore
{
public:
    static const QString Service; // "xpadmin"

    Result<std::optional<QString>> load(const QString &account) override;
    Status save(const QString &account, const QString &password) override;
    Status remove(const QString &account) override;
};
