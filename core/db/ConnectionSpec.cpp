#include "core/db/ConnectionSpec.h"

#include "core/db/PostgresUrl.h"
#include "core/db/TableNames.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace {

// Prisma's pool and client settings: read, and knowingly not used by one desktop connection.
const QStringList &poolKeys()
{
    static const QStringList keys{QStringLiteral("connection_limit"),
                                  QStringLiteral("pool_timeout"),
                                  QStringLiteral("socket_timeout"),
                                  QStringLiteral("statement_cache_size"),
                                  QStringLiteral("max_connection_lifetime"),
                                  QStringLiteral("max_idle_connection_lifetime"),
                                  QStringLiteral("sslidentity"),
                                  QStringLiteral("sslaccept")};
    return keys;
}

// Keys only Prisma writes: with one of them, "sslcert" is Prisma's CA file, not libpq's client
// certificate.
bool writtenForPrisma(const PostgresUrl::Pairs &pairs)
{
    bool prisma = false;
    for (const auto &[key, value] : pairs) {
        if (key == QLatin1String("sslkey") || key == QLatin1String("sslrootcert"))
            return false;
        prisma
            = prisma || poolKeys().contains(key) || key == QLatin1String("schema") || key == QLatin1String("pgbouncer");
    }
    return prisma;
}

QList<std::pair<QString, QString>> splitOptions(const QString &options)
{
    QList<std::pair<QString, QString>> pairs;
    for (const QString &item : options.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        pairs.append({item.section(QLatin1Char('='), 0, 0), item.section(QLatin1Char('='), 1)});
    return pairs;
}

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "/:,"));
}

Result<void> takePorts(ConnectionSpec &spec, const QString &text)
{
    const QStringList ports = text.split(QLatin1Char(','));
    for (const QString &port : ports) {
        bool ok = false;
        const int number = port.toInt(&ok);
        if (!port.isEmpty() && (!ok || number < 1 || number > 65535))
            return Error::input(
                QCoreApplication::translate("ConnectionSpec", "port %1 is not a number from 1 to 65535").arg(port));
    }
    const qsizetype hosts = spec.host.isEmpty() ? 1 : spec.host.count(QLatin1Char(',')) + 1;
    if (ports.size() > 1 && ports.size() != hosts)
        return Error::input(
            QCoreApplication::translate("ConnectionSpec", "%1 ports for %2 hosts: give one port, or one for each host")
                .arg(ports.size())
                .arg(hosts));
    if (ports.size() == 1 || (ports.count(ports.constFirst()) == ports.size() && !ports.constFirst().isEmpty()))
        spec.port = ports.constFirst().toInt();
    else
        spec.ports = text;
    return {};
}

Result<void> takePrisma(ConnectionSpec &spec, const QString &key, const QString &value)
{
    if (key == QLatin1String("schema")) {
        if (const Status named = TableNames::checkName(value); !named)
            return named;
        spec.appSchema = value == QLatin1String("public") ? QString() : value;
        return {};
    }
    if (key == QLatin1String("pgbouncer")) {
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return Error::input(
                QCoreApplication::translate("ConnectionSpec", "pgbouncer=%1: write pgbouncer=true or pgbouncer=false")
                    .arg(value));
        spec.pooler = value == QLatin1String("true");
        return {};
    }
    if (key == QLatin1String("sslaccept")) {
        const QString mode = spec.option(QStringLiteral("sslmode"));
        if (value == QLatin1String("strict")) {
            // Prisma checks the certificate and the host name: libpq's verify-full.
            if (mode != QLatin1String("disable") && mode != QLatin1String("verify-ca"))
                spec.setOption(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
        } else if (value != QLatin1String("accept_invalid_certs")) {
            return Error::input(
                QCoreApplication::translate("ConnectionSpec",
                                            "sslaccept=%1: write sslaccept=strict or sslaccept=accept_invalid_certs")
                    .arg(value));
        }
    }
    QStringList kept = spec.prismaOptions.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    kept << key + QLatin1Char('=') + value;
    spec.prismaOptions = kept.join(QLatin1Char(';'));
    return {};
}

Result<ConnectionSpec> fromPairs(const PostgresUrl::Pairs &pairs)
{
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    const bool prismaCert = writtenForPrisma(pairs);
    QString portText;
    for (const auto &[key, given] : pairs) {
        QString value = given;
        if (key == QLatin1String("host"))
            spec.host = value;
        else if (key == QLatin1String("port"))
            portText = value;
        else if (key == QLatin1String("dbname"))
            spec.database = value;
        else if (key == QLatin1String("user"))
            spec.user = value;
        else if (key == QLatin1String("password"))
            spec.password = value;
        else if (key == QLatin1String("schema") || key == QLatin1String("pgbouncer") || poolKeys().contains(key)) {
            if (auto taken = takePrisma(spec, key, value); !taken)
                return taken.error();
        } else if (PostgresUrl::libpqKeywords().contains(key)) {
            if (value.contains(QLatin1Char(';')))
                return Error::input(QCoreApplication::translate(
                                        "ConnectionSpec", "the value of %1 contains \";\", which cannot be passed on")
                                        .arg(key));
            if (key == QLatin1String("sslmode") && value == QLatin1String("no-verify"))
                value = QStringLiteral("require"); // node-postgres: encrypted, certificate not checked
            spec.setOption(key == QLatin1String("sslcert") && prismaCert ? QStringLiteral("sslrootcert") : key, value);
        }
    }
    // Prisma's sslaccept may come before sslmode: apply it once more with everything known.
    if (spec.prismaOptions.contains(QLatin1String("sslaccept=strict"))) {
        const QString mode = spec.option(QStringLiteral("sslmode"));
        if (mode != QLatin1String("disable") && mode != QLatin1String("verify-ca"))
            spec.setOption(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    }
    if (!portText.isEmpty()) {
        if (auto taken = takePorts(spec, portText); !taken)
            return taken.error();
    }
    return spec;
}

Result<ConnectionSpec> parsePostgres(const QString &text)
{
    const bool uri = PostgresUrl::isUri(text);
    const QString shown = PostgresUrl::redacted(text);
    auto invalid = [&](const QString &reason) {
        return Error::input(PostgresUrl::withoutSecrets(
            uri ? QCoreApplication::translate("ConnectionSpec", "--db %1 is not a valid PostgreSQL URL: %2")
                      .arg(shown, reason)
                : QCoreApplication::translate("ConnectionSpec",
                                              "--db %1 is not a valid PostgreSQL connection string: %2")
                      .arg(shown, reason),
            text));
    };
    auto pairs = PostgresUrl::parse(text);
    if (!pairs)
        return invalid(pairs.error().message);
    for (const auto &[key, value] : std::as_const(*pairs)) {
        if (!PostgresUrl::libpqKeywords().contains(key) && !poolKeys().contains(key) && key != QLatin1String("schema")
            && key != QLatin1String("pgbouncer"))
            return Error::input(QCoreApplication::translate(
                                    "ConnectionSpec",
                                    "--db: unknown connection option %1: neither libpq nor Prisma knows it (see "
                                    "\"Connection URLs\" in the README)")
                                    .arg(key));
    }
    auto spec = fromPairs(*pairs);
    if (!spec)
        return invalid(spec.error().message);
    // libpq would fall back to the login name as the database: find one or ask for it.
    if (spec->database.isEmpty() && spec->option(QStringLiteral("service")).isEmpty()
        && qEnvironmentVariableIsEmpty("PGDATABASE") && qEnvironmentVariableIsEmpty("PGSERVICE"))
        return Error::input(
            uri ? QCoreApplication::translate("ConnectionSpec",
                                              "--db %1 names no database: write postgresql://user@host:port/DATABASE")
                      .arg(shown)
                : QCoreApplication::translate("ConnectionSpec", "--db %1 names no database: add dbname=DATABASE")
                      .arg(shown));
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
    if (PostgresUrl::isUri(text) || PostgresUrl::isKeywordForm(text))
        return parsePostgres(text);
    if (text.contains(QLatin1String("://")))
        return Error::input(tr("--db %1: unknown kind of database; give a file path or a postgresql:// URL")
                                .arg(PostgresUrl::redacted(text)));
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
    QString url = QStringLiteral("postgresql://");
    if (!user.isEmpty() || (withPassword && !password.isEmpty())) {
        url += encoded(user);
        if (withPassword && !password.isEmpty())
            url += QLatin1Char(':') + QString::fromLatin1(QUrl::toPercentEncoding(password));
        url += QLatin1Char('@');
    }
    const QStringList hosts = host.isEmpty() ? QStringList() : host.split(QLatin1Char(','));
    const QStringList portList = !ports.isEmpty() ? ports.split(QLatin1Char(','))
        : port > 0                                ? QStringList{QString::number(port)}
                                                  : QStringList();
    QStringList query;
    // Socket directories read better as ?host=/run/postgresql than percent-encoded.
    const bool inAuthority = !hosts.isEmpty() && std::none_of(hosts.cbegin(), hosts.cend(), [](const QString &h) {
        return h.startsWith(QLatin1Char('/')) || h.startsWith(QLatin1Char('@'));
    });
    if (inAuthority) {
        QStringList entries;
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            QString entry = hosts.at(i).contains(QLatin1Char(':'))
                ? QLatin1Char('[') + hosts.at(i) + QLatin1Char(']')
                : QString::fromLatin1(QUrl::toPercentEncoding(hosts.at(i)));
            const QString hostPort = portList.size() == hosts.size() ? portList.at(i) : portList.value(0);
            if (!hostPort.isEmpty())
                entry += QLatin1Char(':') + hostPort;
            entries << entry;
        }
        url += entries.join(QLatin1Char(','));
    } else {
        if (!hosts.isEmpty())
            query << QStringLiteral("host=") + encoded(host);
        if (!portList.isEmpty())
            query << QStringLiteral("port=") + portList.join(QLatin1Char(','));
    }
    url += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(database));
    for (const auto &[key, value] : splitOptions(options)) {
        if (withPassword || key != QLatin1String("sslpassword"))
            query << key + QLatin1Char('=') + encoded(value);
    }
    if (!appSchema.isEmpty())
        query << QStringLiteral("schema=") + encoded(appSchema);
    if (pooler)
        query << QStringLiteral("pgbouncer=true");
    for (const auto &[key, value] : splitOptions(prismaOptions))
        query << key + QLatin1Char('=') + encoded(value);
    if (!query.isEmpty())
        url += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return url;
}

QString ConnectionSpec::displayName() const
{
    return toUrl(false);
}

QString ConnectionSpec::option(const QString &key) const
{
    for (const auto &[name, value] : splitOptions(options)) {
        if (name == key)
            return value;
    }
    return {};
}

void ConnectionSpec::setOption(const QString &key, const QString &value)
{
    QStringList kept;
    bool replaced = false;
    for (const auto &[name, old] : splitOptions(options)) {
        if (name != key)
            kept << name + QLatin1Char('=') + old;
        else if (!replaced && !value.isEmpty())
            kept << key + QLatin1Char('=') + value;
        replaced = replaced || name == key;
    }
    if (!replaced && !value.isEmpty())
        kept << key + QLatin1Char('=') + value;
    options = kept.join(QLatin1Char(';'));
}

QString ConnectionSpec::connectOptions() const
{
    QStringList parts;
    if (!ports.isEmpty())
        parts << QStringLiteral("port=") + PostgresUrl::quoted(ports);
    else if (port > 0)
        parts << QStringLiteral("port=") + QString::number(port);
    for (const auto &[key, value] : splitOptions(options))
        parts << key + QLatin1Char('=') + PostgresUrl::quoted(value);
    return parts.join(QLatin1Char(';'));
}

QStringList ConnectionSpec::unusable() const
{
    QStringList problems;
    for (const auto &[key, value] : splitOptions(prismaOptions)) {
        if (key == QLatin1String("sslidentity"))
            problems << tr("sslidentity=%1 is a PKCS#12 file, which libpq cannot read. Convert it with \"openssl "
                           "pkcs12 -in %1 -clcerts -nokeys -out client.crt\" and \"openssl pkcs12 -in %1 -nocerts "
                           "-nodes -out client.key\", then give sslcert=client.crt&sslkey=client.key instead.")
                            .arg(value);
    }
    return problems;
}
