#pragma once

#include "core/session/CredentialStore.h"

#include <QHash>
#include <QStringList>

// A keychain in memory that remembers every call, so a test can check what was stored, loaded
// and deleted, and when. unavailable makes every call fail as on a machine without a keychain.
class MemoryCredentialStore final : public CredentialStore
{
public:
    Result<std::optional<QString>> load(const QString &account) override
    {
        loads << account;
        if (unavailable)
            return Error::database(QStringLiteral("The system keychain is not available (test)"));
        return entries.contains(account) ? std::optional(entries.value(account)) : std::nullopt;
    }
    Status save(const QString &account, const QString &password) override
    {
        saves << account;
        if (unavailable)
            return Error::database(QStringLiteral("The system keychain is not available (test)"));
        entries.insert(account, password);
        return {};
    }
    Status remove(const QString &account) override
    {
        removes << account;
        if (unavailable)
            return Error::database(QStringLiteral("The system keychain is not available (test)"));
        entries.remove(account);
        return {};
    }

    bool unavailable = false;
    QHash<QString, QString> entries;
    QStringList loads;
    QStringList saves;
    QStringList removes;
};
