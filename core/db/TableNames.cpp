#include "core/db/TableNames.h"

#include <QRegularExpression>

namespace {

QString quoteIdentifier(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

// The end of the single-quoted literal that opens at start, or of the text.
qsizetype literalEnd(const QString &sql, qsizetype start)
{
    qsizetype i = start + 1;
    while (i < sql.size()) {
        if (sql.at(i) == QLatin1Char('\'')) {
            if (i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('\''))
                i += 2; // '' is a quote inside the literal
            else
                return i + 1;
        } else {
            ++i;
        }
    }
    return i;
}

// The end of the quoted identifier that opens at start, or of the text.
qsizetype identifierEnd(const QString &sql, qsizetype start)
{
    qsizetype i = start + 1;
    while (i < sql.size()) {
        if (sql.at(i) == QLatin1Char('"')) {
            if (i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('"'))
                i += 2;
            else
                return i + 1;
        } else {
            ++i;
        }
    }
    return i;
}

} // namespace

TableNames::TableNames(ConnectionSpec::Backend backend, const QString &appSchema)
{
    if (backend == ConnectionSpec::Backend::Postgres)
        m_schema = appSchema.isEmpty() ? QStringLiteral("public") : appSchema;
}

const QStringList &TableNames::names()
{
    static const QStringList list{QStringLiteral("User"), QStringLiteral("UserProfile"), QStringLiteral("UserXP"),
                                  QStringLiteral("XPSourceType"), QStringLiteral("XPCategory")};
    return list;
}

Status TableNames::check(const ConnectionSpec &spec)
{
    const QString &schema = spec.appSchema;
    if (schema.isEmpty())
        return {};
    if (spec.backend != ConnectionSpec::Backend::Postgres)
        return Error::input(tr("schema=%1: only a PostgreSQL database has schemas").arg(schema));
    return checkName(schema);
}

Status TableNames::checkName(const QString &schema)
{
    // What Prisma's migrations write as a schema name; anything else is a typing slip or worse.
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]{0,62}$"));
    if (!plain.match(schema).hasMatch())
        return Error::input(tr("schema=%1 is not a schema name: use letters, digits, _ and - (at most 63), starting "
                               "with a letter or _")
                                .arg(schema));
    const QString lower = schema.toLower();
    if (lower == QLatin1String("xpadmin") || lower == QLatin1String("information_schema")
        || lower.startsWith(QLatin1String("pg_")))
        return Error::input(
            tr("schema=%1 is reserved (XP Admin's own tables or PostgreSQL's catalogs); name the schema of the web "
               "app's tables")
                .arg(schema));
    return {};
}

QString TableNames::quotedSchema() const
{
    return quoteIdentifier(m_schema);
}

QString TableNames::schemaLiteral() const
{
    return QLatin1Char('\'') + QString(m_schema).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

QString TableNames::qualified(const QString &name) const
{
    const QString quoted = quoteIdentifier(name);
    return isQualifying() ? quotedSchema() + QLatin1Char('.') + quoted : quoted;
}

QString TableNames::qualify(const QString &sql) const
{
    // Every name of names() starts with U or X: most statements have none and cost one pass.
    if (!isQualifying() || (!sql.contains(QLatin1String("\"U")) && !sql.contains(QLatin1String("\"X"))))
        return sql;
    const QString prefix = quotedSchema() + QLatin1Char('.');
    QString out;
    out.reserve(sql.size() + 8 * prefix.size());
    qsizetype i = 0;
    while (i < sql.size()) {
        const QChar c = sql.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype end = literalEnd(sql, i);
            out += QStringView(sql).sliced(i, end - i);
            i = end;
        } else if (c == QLatin1Char('-') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('-')) {
            qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            end = end < 0 ? sql.size() : end;
            out += QStringView(sql).sliced(i, end - i);
            i = end;
        } else if (c == QLatin1Char('"')) {
            const qsizetype end = identifierEnd(sql, i);
            const QStringView identifier = QStringView(sql).sliced(i, end - i);
            const bool afterDot = i > 0 && sql.at(i - 1) == QLatin1Char('.');
            const bool beforeDot = end < sql.size() && sql.at(end) == QLatin1Char('.');
            if (!afterDot && !beforeDot && identifier.size() > 2
                && names().contains(identifier.sliced(1, identifier.size() - 2)))
                out += prefix;
            out += identifier;
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}
