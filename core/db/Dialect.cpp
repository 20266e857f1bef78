#include "core/db/Dialect.h"

#include "core/domain/Timestamp.h"

#include <QTimeZone>

QString Dialect::ownTable(const QString &name) const
{
    return isPostgres() ? QStringLiteral("xpadmin.") + name : QStringLiteral("xpadmin_") + name;
}

QString Dialect::sourceTypeParam(const QString &placeholder) const
{
    return isPostgres() ? QStringLiteral("CAST(%1 AS \"XPSourceType\")").arg(placeholder) : placeholder;
}

QString Dialect::categoryParam(const QString &placeholder) const
{
    return isPostgres() ? QStringLiteral("CAST(%1 AS \"XPCategory\")").arg(placeholder) : placeholder;
}

QString Dialect::timestampParam(const QString &placeholder) const
{
    return isPostgres() ? QStringLiteral("CAST(%1 AS TIMESTAMP(3))").arg(placeholder) : placeholder;
}

QString Dialect::beginWrite() const
{
    return isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

QString Dialect::generatedIdExpression(const QString &seedColumn) const
{
    if (isPostgres())
        return QStringLiteral("'c' || substr(md5(random()::text || %1 || clock_timestamp()::text), 1, 24)")
            .arg(seedColumn);
    return QStringLiteral("'c' || lower(hex(randomblob(12)))");
}

QString Dialect::jsonArrayAggregate(const QString &values, const QString &condition) const
{
    if (isPostgres())
        return QStringLiteral("COALESCE(json_agg(json_build_array(%1)) FILTER (WHERE %2), '[]')")
            .arg(values, condition);
    return QStringLiteral("json_group_array(json_array(%1)) FILTER (WHERE %2)").arg(values, condition);
}

QString Dialect::jsonObjectEntries(const QString &placeholder) const
{
    return isPostgres() ? QStringLiteral("json_each_text(CAST(%1 AS json))").arg(placeholder)
                        : QStringLiteral("json_each(%1)").arg(placeholder);
}

QString Dialect::bucketExpression(const QString &column, const QString &unit, const QString &zoneParam) const
{
    if (isPostgres()) {
        const QString local
            = QStringLiteral("((%1 AT TIME ZONE 'UTC') AT TIME ZONE CAST(%2 AS TEXT))").arg(column, zoneParam);
        return QStringLiteral("to_char(date_trunc('%1', %2), 'YYYY-MM-DD')").arg(unit, local);
    }
    // SQLite: 'localtime' applies the process's own zone, with its daylight-saving rules.
    Q_UNUSED(zoneParam)
    if (unit == QLatin1String("month"))
        return QStringLiteral("strftime('%Y-%m-01', %1, 'localtime')").arg(column);
    if (unit == QLatin1String("week"))
        return QStringLiteral("date(%1, 'localtime', '-6 days', 'weekday 1')").arg(column);
    return QStringLiteral("date(%1, 'localtime')").arg(column);
}

QString Dialect::unindexed(const QString &column) const
{
    return isPostgres() ? column : QLatin1Char('+') + column;
}

QString Dialect::containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString Dialect::likeOperator() const
{
    return isPostgres() ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
}

QString Dialect::localZoneName()
{
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return id.isEmpty() || id == "localtime" ? QStringLiteral("UTC") : QString::fromLatin1(id);
}

QDateTime Dialect::readTimestamp(const QVariant &value) const
{
    if (value.isNull())
        return {};
    if (value.metaType().id() == QMetaType::QDateTime) {
        // The column holds UTC without a zone; the driver may have tagged it as local time.
        const QDateTime read = value.toDateTime();
        return QDateTime(read.date(), read.time(), Qt::UTC);
    }
    return Timestamp::fromSql(value.toString().replace(QLatin1Char('T'), QLatin1Char(' ')));
}

bool Dialect::isTransient(const QSqlError &error) const
{
    const QString code = error.nativeErrorCode();
    if (isPostgres())
        return code == QLatin1String("40001") || code == QLatin1String("40P01") || code == QLatin1String("55P03");
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes.
    bool ok = false;
    const int primary = code.toInt(&ok) & 0xff;
    return ok && (primary == 5 || primary == 6);
}

bool Dialect::isConnectionLost(const QSqlError &error) const
{
    if (!isPostgres())
        return false;
    const QString code = error.nativeErrorCode();
    if (code.startsWith(QLatin1String("08")) || code == QLatin1String("57P01") || code == QLatin1String("57P02")
        || code == QLatin1String("57P03"))
        return true;
    const QString text = error.databaseText();
    return text.contains(QLatin1String("server closed the connection"))
        || text.contains(QLatin1String("no connection to the server"))
        || text.contains(QLatin1String("terminating connection"))
        // Over TLS, a server that died mid-statement shows as the end of the TLS stream.
        || text.contains(QLatin1String("SSL SYSCALL error"))
        || text.contains(QLatin1String("SSL connection has been closed"));
}

bool Dialect::isMissingObject(const QSqlError &error) const
{
    if (isPostgres())
        return error.nativeErrorCode() == QLatin1String("42P01") || error.nativeErrorCode() == QLatin1String("42703");
    const QString text = error.databaseText();
    return text.startsWith(QLatin1String("no such table")) || text.startsWith(QLatin1String("no such column"));
}

bool Dialect::isPermissionDenied(const QSqlError &error) const
{
    return isPostgres() && error.nativeErrorCode() == QLatin1String("42501");
}
