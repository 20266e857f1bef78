#include "core/db/PostgresUrl.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <cctype>
#include <optional>

#ifdef XPADMIN_HAVE_LIBPQ
#include <libpq-fe.h>
#endif

namespace PostgresUrl {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PostgresUrl", text);
}

// Keys Prisma (and XP Admin) read from a DATABASE_URL that libpq does not know.
const QStringList &prismaKeys()
{
    static const QStringList keys{QStringLiteral("schema"),
                                  QStringLiteral("pgbouncer"),
                                  QStringLiteral("connection_limit"),
                                  QStringLiteral("pool_timeout"),
                                  QStringLiteral("socket_timeout"),
                                  QStringLiteral("statement_cache_size"),
                                  QStringLiteral("sslaccept"),
                                  QStringLiteral("sslidentity"),
                                  QStringLiteral("max_connection_lifetime"),
                                  QStringLiteral("max_idle_connection_lifetime")};
    return keys;
}

std::optional<QString> percentDecoded(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) != '%') {
            out.append(bytes.at(i));
            continue;
        }
        const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
        if (i + 2 >= bytes.size() || !hex(bytes.at(i + 1)) || !hex(bytes.at(i + 2)))
            return std::nullopt;
        const int byte = bytes.mid(i + 1, 2).toInt(nullptr, 16);
        if (byte == 0)
            return std::nullopt; // libpq refuses %00 too
        out.append(static_cast<char>(byte));
        i += 2;
    }
    return QString::fromUtf8(out);
}

struct UriParts
{
    Pairs pairs;
    QString base; // the URI without its query
    QStringList rawQuery; // "key=value" items as written
};

Result<UriParts> splitUri(const QString &text)
{
    auto decode = [](const QString &part, const QString &what) -> Result<QString> {
        if (auto decoded = percentDecoded(part))
            return *decoded;
        return Error::input(tr("%1 holds an invalid percent-encoded character").arg(what));
    };
    UriParts parts;
    QString rest = text.mid(text.indexOf(QLatin1String("://")) + 3);
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    const QString query = question >= 0 ? rest.mid(question + 1) : QString();
    rest = rest.left(question);
    parts.base = text.left(text.indexOf(QLatin1String("://")) + 3) + rest;
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString authority = rest.left(slash);
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QString userInfo = authority.left(at);
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
        auto user = decode(userInfo.left(colon), tr("the user name"));
        if (!user)
            return user.error();
        parts.pairs.append({QStringLiteral("user"), *user});
        if (colon >= 0) {
            auto password = decode(userInfo.mid(colon + 1), tr("the password"));
            if (!password)
                return password.error();
            parts.pairs.append({QStringLiteral("password"), *password});
        }
    }
    QStringList hosts;
    QStringList ports;
    for (const QString &entry : authority.mid(at + 1).split(QLatin1Char(','))) {
        QString host = entry;
        QString port;
        if (host.startsWith(QLatin1Char('['))) {
            const qsizetype close = host.indexOf(QLatin1Char(']'));
            if (close < 0)
                return Error::input(tr("an IPv6 address has no closing \"]\""));
            port = host.mid(close + 1);
            host = host.mid(1, close - 1);
            if (!port.isEmpty() && !port.startsWith(QLatin1Char(':')))
                return Error::input(tr("unexpected text after the IPv6 address %1").arg(host));
            port = port.mid(1);
        } else if (const qsizetype colon = host.indexOf(QLatin1Char(':')); colon >= 0) {
            port = host.mid(colon + 1);
            host = host.left(colon);
        }
        auto decodedHost = decode(host, tr("the host name"));
        if (!decodedHost)
            return decodedHost.error();
        hosts << *decodedHost;
        ports << port;
    }
    if (!hosts.join(QString()).isEmpty())
        parts.pairs.append({QStringLiteral("host"), hosts.join(QLatin1Char(','))});
    if (!ports.join(QString()).isEmpty())
        parts.pairs.append({QStringLiteral("port"), ports.join(QLatin1Char(','))});
    if (slash >= 0 && slash + 1 < rest.size()) {
        auto database = decode(rest.mid(slash + 1), tr("the database name"));
        if (!database)
            return database.error();
        parts.pairs.append({QStringLiteral("dbname"), *database});
    }
    for (const QString &item : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        auto key = decode(item.left(equals), tr("a parameter name"));
        if (!key)
            return key.error();
        if (equals < 0)
            return Error::input(tr("the parameter %1 has no value (write %1=VALUE)").arg(*key));
        auto value = decode(item.mid(equals + 1), tr("the value of %1").arg(*key));
        if (!value)
            return value.error();
        parts.pairs.append({*key, *value});
        parts.rawQuery << item;
    }
    return parts;
}

// The keyword form as libpq reads it: key = value, a value either bare (up to the next space)
// or in single quotes, a backslash escaping the next character in both.
Result<Pairs> splitKeywords(const QString &text)
{
    Pairs pairs;
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto skipSpaces = [&] {
        while (i < n && text.at(i).isSpace())
            ++i;
    };
    for (skipSpaces(); i < n; skipSpaces()) {
        const qsizetype keyStart = i;
        while (i < n && text.at(i) != QLatin1Char('=') && !text.at(i).isSpace())
            ++i;
        const QString key = text.mid(keyStart, i - keyStart);
        skipSpaces();
        if (i >= n || text.at(i) != QLatin1Char('='))
            return Error::input(tr("\"=\" is missing after %1").arg(key));
        ++i;
        skipSpaces();
        QString value;
        const bool quoted = i < n && text.at(i) == QLatin1Char('\'');
        if (quoted)
            ++i;
        bool closed = !quoted;
        for (; i < n; ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\\') && i + 1 < n) {
                value += text.at(++i);
            } else if (quoted && c == QLatin1Char('\'')) {
                closed = true;
                ++i;
                break;
            } else if (!quoted && c.isSpace()) {
                break;
            } else {
                value += c;
            }
        }
        if (!closed)
            return Error::input(tr("the quoted value of %1 has no closing quote").arg(key));
        pairs.append({key, value});
    }
    return pairs;
}

#ifdef XPADMIN_HAVE_LIBPQ
// libpq's reading of what it knows, in the order the text gave it; Prisma's and unknown keys are
// added back around it.
Result<Pairs> libpqParse(const QString &text, const Pairs &given)
{
    char *message = nullptr;
    PQconninfoOption *options = PQconninfoParse(text.toUtf8().constData(), &message);
    if (!options) {
        QString reason = message ? QString::fromUtf8(message).trimmed() : tr("libpq cannot read it");
        PQfreemem(message);
        return Error::input(redacted(reason));
    }
    QHash<QString, QString> values;
    for (const PQconninfoOption *option = options; option->keyword; ++option) {
        if (option->val)
            values.insert(QString::fromUtf8(option->keyword), QString::fromUtf8(option->val));
    }
    PQconninfoFree(options);
    Pairs pairs;
    for (const auto &[key, value] : given) {
        if (!libpqKeywords().contains(key))
            pairs.append({key, value});
        else if (values.contains(key))
            pairs.append({key, values.take(key)});
    }
    return pairs;
}
#endif

} // namespace

bool isUri(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

bool isKeywordForm(const QString &text)
{
    static const QRegularExpression first(QStringLiteral("^\\s*([A-Za-z_]+)\\s*="));
    const auto match = first.match(text);
    return match.hasMatch()
        && (libpqKeywords().contains(match.captured(1)) || prismaKeys().contains(match.captured(1)));
}

Result<Pairs> parse(const QString &text)
{
    Pairs pairs;
    QString libpqText;
    if (isUri(text)) {
        auto parts = splitUri(text);
        if (!parts)
            return parts.error();
        pairs = parts->pairs;
        QStringList known;
        for (const QString &item : std::as_const(parts->rawQuery)) {
            const QString key = percentDecoded(item.section(QLatin1Char('='), 0, 0)).value_or(QString());
            if (libpqKeywords().contains(key))
                known << item;
        }
        libpqText = parts->base + (known.isEmpty() ? QString() : QLatin1Char('?') + known.join(QLatin1Char('&')));
    } else {
        auto split = splitKeywords(text);
        if (!split)
            return split.error();
        pairs = *split;
        QStringList known;
        for (const auto &[key, value] : std::as_const(pairs)) {
            if (libpqKeywords().contains(key))
                known << key + QLatin1Char('=') + quoted(value);
        }
        libpqText = known.join(QLatin1Char(' '));
    }
#ifdef XPADMIN_HAVE_LIBPQ
    return libpqParse(libpqText, pairs);
#else
    return pairs;
#endif
}

const QStringList &libpqKeywords()
{
    static const QStringList keywords = [] {
        QStringList names;
#ifdef XPADMIN_HAVE_LIBPQ
        if (PQconninfoOption *defaults = PQconndefaults()) {
            for (const PQconninfoOption *option = defaults; option->keyword; ++option)
                names << QString::fromUtf8(option->keyword);
            PQconninfoFree(defaults);
        }
#endif
        if (names.isEmpty()) {
            for (const char *name : {"service",
                                     "user",
                                     "password",
                                     "passfile",
                                     "channel_binding",
                                     "connect_timeout",
                                     "dbname",
                                     "host",
                                     "hostaddr",
                                     "port",
                                     "client_encoding",
                                     "options",
                                     "application_name",
                                     "fallback_application_name",
                                     "keepalives",
                                     "keepalives_idle",
                                     "keepalives_interval",
                                     "keepalives_count",
                                     "tcp_user_timeout",
                                     "sslmode",
                                     "sslcompression",
                                     "sslcert",
                                     "sslkey",
                                     "sslpassword",
                                     "sslrootcert",
                                     "sslcrl",
                                     "sslcrldir",
                                     "sslsni",
                                     "requirepeer",
                                     "ssl_min_protocol_version",
                                     "ssl_max_protocol_version",
                                     "gssencmode",
                                     "krbsrvname",
                                     "gsslib",
                                     "target_session_attrs",
                                     "replication",
                                     "requiressl"})
                names << QString::fromLatin1(name);
        }
        return names;
    }();
    return keywords;
}

QString quoted(const QString &value)
{
    static const QRegularExpression plain(QStringLiteral("^[^\\s'\\\\]+$"));
    if (plain.match(value).hasMatch())
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString redacted(const QString &text)
{
    static const QRegularExpression userPassword(QStringLiteral("(\\w+://[^:/@?]*):.*@"));
    static const QRegularExpression keyword(
        QStringLiteral("(\\b(?:ssl)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&]*)"));
    QString out = text;
    out.replace(userPassword, QStringLiteral("\\1@"));
    out.replace(keyword, QStringLiteral("\\1…"));
    return out;
}

QString withoutSecrets(const QString &message, const QString &text)
{
    // A malformed URL can put part of its password anywhere (a "port", a "host"): every piece
    // of what may be a password is cut out of the message about it.
    static const QRegularExpression userPassword(QStringLiteral("\\w+://[^:/@?]*:(.*)@"));
    static const QRegularExpression keyword(
        QStringLiteral("\\b(?:ssl)?password\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'?|[^\\s&]*)"));
    static const QRegularExpression separators(QStringLiteral("[/@?#:&=',\\s]"));
    QStringList secrets{userPassword.match(text).captured(1)};
    for (auto it = keyword.globalMatch(text); it.hasNext();)
        secrets << it.next().captured(1);
    QString out = message;
    for (const QString &secret : std::as_const(secrets)) {
        if (secret.isEmpty())
            continue;
        out.replace(secret, QStringLiteral("…"));
        for (const QString &piece : secret.split(separators, Qt::SkipEmptyParts)) {
            if (piece.size() >= 3)
                out.replace(piece, QStringLiteral("…"));
        }
    }
    return out;
}

} // namespace PostgresUrl
