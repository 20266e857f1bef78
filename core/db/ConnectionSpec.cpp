#include "core/db/ConnectionSpec.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
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

QString withoutPassword(const QString &text)
{
    const QUrl url(text, QUrl::TolerantMode);
    if (url.isValid() && !url.password().isEmpty())
        return url.toDisplayString(QUrl::RemovePassword);
    // Unparseable: cut "user:password@" down to "user@" by hand.
    static const QRegularExpression credentials(QStringLiteral("^(\\w+://[^:/@]*):[^@/]*@"));
    return QString(text).replace(credentials, QStringLiteral("\\1@"));
}

Result<ConnectionSpec> parsePostgres(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        // Never repeat a password: not ours, and not the one in Qt's "source was ..." either.
        QString reason = url.errorString();
        reason = reason.left(reason.indexOf(QLatin1String("; source was")));
        return Error::input(QCoreApplication::translate("ConnectionSpec", "--db %1 is not a valid PostgreSQL URL: %2")
                                .arg(withoutPassword(text), reason));
    }
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    spec.host = url.host();
    spec.user = url.userName();
    spec.password = url.password();
    spec.port = url.port(5432);
    spec.database = url.path().mid(1);
    if (spec.database.isEmpty() || spec.database.contains(QLatin1Char('/')))
        return Error::input(
            QCoreApplication::translate("ConnectionSpec",
                                        "--db %1 names no database: write postgresql://user@host:port/DATABASE")
                .arg(ConnectionSpec(spec).displayName()));
    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("pgbouncer")) {
            // Prisma's flag for a pooler in transaction mode: XP Admin's own, not libpq's.
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return Error::input(
                    QCoreApplication::translate("ConnectionSpec", "--db: option %1 has an invalid value").arg(key));
            spec.pooler = value == QLatin1String("true");
            continue;
        }
        if (key == QLatin1String("schema")) {
            spec.appSchema = value;
            continue;
        }
        if (!allowedOptions().contains(key))
            return Error::input(QCoreApplication::translate("ConnectionSpec",
                                                            "--db: unknown connection option %1; known options are %2")
                                    .arg(key, allowedOptions().join(QStringLiteral(", "))));
        if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')))
            return Error::input(
                QCoreApplication::translate("ConnectionSpec", "--db: option %1 has an invalid value").arg(key));
        options << key + QLatin1Char('=') + value;
    }
    spec.options = options.join(QLatin1Char(';'));
    return spec;
}

} // namespace

QString ConnectionSpec::defaultSqlitePath()
{
    return dataDirectory() + QStringLiteral("/xpadmin.sqlite");
}

QString ConnectionSpec::dataDirectory()
{
    // ~/.local/share/xpadmin on Linux, whatever the application and organisation names are.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share");
    return dir + QStringLiteral("/xpadmin");
}

Result<ConnectionSpec> ConnectionSpec::parse(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://")))
        return parsePostgres(text);
    if (text.contains(QLatin1String("://")))
        return Error::input(tr("--db %1: unknown kind of database; give a file path or a postgresql:// URL")
                                .arg(withoutPassword(text)));
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
    QString query = QString(options).replace(QLatin1Char(';'), QLatin1Char('&'));
    if (pooler)
        query += (query.isEmpty() ? QString() : QStringLiteral("&")) + QStringLiteral("pgbouncer=true");
    if (!appSchema.isEmpty()) // kept in the recent list and the last database
        query += (query.isEmpty() ? QString() : QStringLiteral("&")) + QStringLiteral("schema=") + appSchema;
    if (!query.isEmpty())
        url.setQuery(query);
    return url.toString();
}

QString ConnectionSpec::displayName() const
{
    return toUrl(false);
}
