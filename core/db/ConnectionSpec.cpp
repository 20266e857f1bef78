#include "ConnectionSpec.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectionSpec", text);
}

const QStringList &allowedOptions()
{
    static const QStringList names{QStringLiteral("sslmode"),          QStringLiteral("connect_timeout"),
                                   QStringLiteral("application_name"), QStringLiteral("sslrootcert"),
                                   QStringLiteral("sslcert"),          QStringLiteral("sslkey")};
    return names;
}

Result<ConnectionSpec> parsePostgres(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Error::input(tr("--db %1 is not a valid PostgreSQL URL: %2").arg(text, url.errorString()));
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    spec.host = url.host();
    spec.user = url.userName();
    spec.password = url.password();
    spec.port = url.port(5432);
    spec.database = url.path().mid(1);
    if (spec.database.isEmpty() || spec.database.contains(QLatin1Char('/')))
        return Error::input(tr("--db %1 names no database: write postgresql://user@host:port/DATABASE")
                                .arg(ConnectionSpec(spec).displayName()));
    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!allowedOptions().contains(key))
            return Error::input(tr("--db: unknown connection option %1; known options are %2")
                                    .arg(key, allowedOptions().join(QStringLiteral(", "))));
        if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')))
            return Error::input(tr("--db: option %1 has an invalid value").arg(key));
        options << key + QLatin1Char('=') + value;
    }
    spec.options = options.join(QLatin1Char(';'));
    return spec;
}

} // namespace

QString ConnectionSpec::defaultSqlitePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/xpadmin");
    return dir + QStringLiteral("/xpadmin.sqlite");
}

Result<ConnectionSpec> ConnectionSpec::parse(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://")))
        return parsePostgres(text);
    if (text.contains(QLatin1String("://")))
        return Error::input(tr("--db %1: unknown kind of database; give a file path or a postgresql:// URL").arg(text));
    ConnectionSpec spec;
    spec.backend = Backend::Sqlite;
    QString path = text;
    if (path.startsWith(QLatin1String("sqlite:")))
        path = path.mid(7);
    spec.path = path.isEmpty() ? defaultSqlitePath() : QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return spec;
}

QString ConnectionSpec::toUrl(bool withPassword) const
{
    if (backend == Backend::Sqlite)
        return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setUserName(user);
    if (withPassword)
        url.setPassword(password);
    if (port != 5432)
        url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    if (!options.isEmpty())
        url.setQuery(QString(options).replace(QLatin1Char(';'), QLatin1Char('&')));
    return url.toString();
}

QString ConnectionSpec::displayName() const
{
    return toUrl(false);
}
