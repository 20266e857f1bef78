#include "core/db/ConnectionProblem.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace ConnectionProblem {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectionProblem", text);
}

// Where libpq looks for a file the URL does not name.
QString fileOrDefault(const ConnectionSpec &spec, const QString &key, const QString &defaultName)
{
    const QString given = spec.option(key);
    return QDir::toNativeSeparators(given.isEmpty() ? QDir::homePath() + QStringLiteral("/.postgresql/") + defaultName
                                                    : given);
}

QString captured(const QString &text, const QString &pattern, int group = 1)
{
    const QRegularExpression expression(pattern);
    return expression.match(text).captured(group);
}

QString plainSentence(const ConnectionSpec &spec, const QString &text)
{
    const QString rootCert = fileOrDefault(spec, QStringLiteral("sslrootcert"), QStringLiteral("root.crt"));
    const QString clientCert = fileOrDefault(spec, QStringLiteral("sslcert"), QStringLiteral("postgresql.crt"));
    if (text.contains(QLatin1String("certificate verify failed")))
        return tr("The server's certificate is not signed by the certificate authority in %1 (sslrootcert), or "
                  "it has expired.")
            .arg(rootCert);
    if (text.contains(QLatin1String("does not match host name"))) {
        const QString certified
            = captured(text, QStringLiteral("server certificate for \"([^\"]*)\"( \\(and [^)]*\\))?"));
        const QString others = captured(text, QStringLiteral("server certificate for \"[^\"]*\" \\(and ([^)]*)\\)"));
        const QString asked = captured(text, QStringLiteral("does not match host name \"([^\"]*)\""));
        return others.isEmpty()
            ? tr("The server's certificate is for %1, not for the host name %2.").arg(certified, asked)
            : tr("The server's certificate is for %1 (and %2), not for the host name %3.")
                  .arg(certified, others, asked);
    }
    if (text.contains(QLatin1String("root certificate file"))) {
        const QString file = captured(text, QStringLiteral("root certificate file \"([^\"]*)\""));
        return tr("The certificate authority file %1 (sslrootcert) does not exist or cannot be read.")
            .arg(QDir::toNativeSeparators(file.isEmpty() ? rootCert : file));
    }
    if (text.contains(QLatin1String("could not open certificate file"))
        || text.contains(QLatin1String("could not read certificate file")))
        return tr("The client certificate %1 (sslcert) cannot be read.").arg(clientCert);
    if (text.contains(QLatin1String("private key file")) || text.contains(QLatin1String("could not load private key")))
        return text.contains(QLatin1String("group or world access"))
            ? tr("The client key %1 (sslkey) may be read by others: make it readable by you alone (chmod 600).")
                  .arg(fileOrDefault(spec, QStringLiteral("sslkey"), QStringLiteral("postgresql.key")))
            : tr("The client key %1 (sslkey) cannot be read.")
                  .arg(fileOrDefault(spec, QStringLiteral("sslkey"), QStringLiteral("postgresql.key")));
    if (text.contains(QLatin1String("requires a valid client certificate")))
        return QFileInfo::exists(clientCert)
            ? tr("The server asks for a client certificate and did not accept %1 (sslcert).").arg(clientCert)
            : tr("The server asks for a client certificate, and %1 (sslcert) does not exist.").arg(clientCert);
    if (text.contains(QLatin1String("certificate authentication failed for user")))
        return tr("The client certificate %1 (sslcert) is not for the user %2.").arg(clientCert, spec.user);
    if (text.contains(QLatin1String("server does not support SSL")))
        return tr("The server does not offer TLS, and sslmode=%1 requires it.")
            .arg(spec.option(QStringLiteral("sslmode")));
    return {};
}

} // namespace

QString explain(const ConnectionSpec &spec, const QString &libpqText)
{
    const QString text = libpqText.simplified();
    QString sentence = plainSentence(spec, text);
    for (const QString &problem : spec.unusable())
        sentence += (sentence.isEmpty() ? QString() : QStringLiteral(" ")) + problem;
    return sentence.isEmpty() ? text : tr("%1 (%2)").arg(sentence, text);
}

} // namespace ConnectionProblem
