#include "core/session/ConnectionCredentials.h"

#include "core/session/CredentialStore.h"

#include <QStringList>

namespace ConnectionCredentials {

QString account(const ConnectionSpec &spec)
{
    // A URL without a port keeps the key it had when 5432 was written out.
    const QString port = !spec.ports.isEmpty() ? spec.ports : QString::number(spec.port > 0 ? spec.port : 5432);
    return QStringLiteral("%1@%2:%3/%4").arg(spec.user, spec.host, port, spec.database);
}

bool isPasswordProblem(const Error &error)
{
    // libpq: "fe_sendauth: no password supplied"; the server: "password authentication failed
    // for user ..." (SQLSTATE 28P01), both translated by their own catalogues.
    static const QStringList markers{QStringLiteral("password"), QStringLiteral("Passwort"),
                                     QStringLiteral("mot de passe"), QStringLiteral("28P01")};
    for (const QString &marker : markers) {
        if (error.message.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

ConnectionSpec withSavedPassword(const ConnectionSpec &spec, CredentialStore &store, QString *why)
{
    if (spec.backend != ConnectionSpec::Backend::Postgres || !spec.password.isEmpty())
        return spec;
    const auto saved = store.load(account(spec));
    if (!saved) {
        if (why)
            *why = saved.error().message;
        return spec;
    }
    ConnectionSpec filled = spec;
    if (*saved)
        filled.password = **saved;
    return filled;
}

} // namespace ConnectionCredentials
