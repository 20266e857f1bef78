#include "core/session/KeychainCredentialStore.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace {

// Runs a keychain job to its end. The plain-text fallback stays off: a password goes to the
// keychain or nowhere.
void runJob(QKeychain::Job &job, const QString &account)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(account);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

Error keychainError(const QKeychain::Job &job)
{
    const QString detail = job.errorString().trimmed();
    switch (job.error()) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::database(
            QCoreApplication::translate("KeychainCredentialStore", "The system keychain refused access (%1)")
                .arg(detail));
    default:
        return Error::database(
            QCoreApplication::translate("KeychainCredentialStore", "The system keychain is not available (%1)")
                .arg(detail.isEmpty() || detail == QLatin1String("Unknown error")
                         ? QCoreApplication::translate("KeychainCredentialStore", "no keychain service is running")
                         : detail));
    }
}

} // namespace

const QString KeychainCredentialStore::Service = QStringLiteral("xpadmin");

Result<std::optional<QString>> KeychainCredentialStore::load(const QString &account)
{
    QKeychain::ReadPasswordJob job(Service);
    runJob(job, account);
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (job.error() != QKeychain::NoError)
        return keychainError(job);
    return std::optional<QString>(job.textData());
}

Status KeychainCredentialStore::save(const QString &account, const QString &password)
{
    QKeychain::WritePasswordJob job(Service);
    job.setTextData(password);
    runJob(job, account);
    if (job.error() != QKeychain::NoError)
        return keychainError(job);
    return {};
}

Status KeychainCredentialStore::remove(const QString &account)
{
    QKeychain::DeletePasswordJob job(Service);
    runJob(job, account);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return keychainError(job);
    return {};
}

namespace {

CredentialStore *testStore = nullptr;

} // namespace

CredentialStore &CredentialStore::system()
{
    static KeychainCredentialStore keychain;
    return testStore ? *testStore : keychain;
}

void CredentialStore::setSystemForTesting(CredentialStore *store)
{
    testStore = store;
}
