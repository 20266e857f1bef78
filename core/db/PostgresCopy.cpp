#include "core/db/PostgresCopy.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

#include <QDateTime>
#include <QSqlError>

#ifdef XPADMIN_HAVE_LIBPQ
#include <libpq-fe.h>
#endif

namespace {

#ifdef XPADMIN_HAVE_LIBPQ

void appendValue(QByteArray &out, const QVariant &value)
{
    if (value.isNull()) {
        out += "\\N";
        return;
    }
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        out += QByteArray::number(value.toLongLong());
        break;
    case QMetaType::Bool:
        out += value.toBool() ? 't' : 'f';
        break;
    case QMetaType::Double:
        out += QByteArray::number(value.toDouble(), 'g', 17);
        break;
    case QMetaType::QByteArray:
        out += "\\\\x"; // bytea in hex, its backslash escaped for COPY
        out += value.toByteArray().toHex();
        break;
    case QMetaType::QDateTime:
        PostgresCopy::appendText(out, Timestamp::toSql(value.toDateTime()).toUtf8());
        break;
    default:
        PostgresCopy::appendText(out, value.toString().toUtf8());
    }
}

// The failure as QSqlError, so that Dialect sees its SQLSTATE (deadlock, lost connection).
QSqlError failure(pg_conn *connection, PGresult *result)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return QSqlError(QStringLiteral("COPY"), QString::fromUtf8(PQerrorMessage(connection)).trimmed(),
                     QSqlError::StatementError, state ? QString::fromLatin1(state) : QString());
}

#endif

} // namespace

void PostgresCopy::appendText(QByteArray &out, const QByteArray &text)
{
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
}

bool PostgresCopy::isPlainParameter(const QString &expression)
{
    return expression == QLatin1String("?")
        || (expression.startsWith(QLatin1String("CAST(? AS ")) && expression.endsWith(QLatin1Char(')')));
}

#ifdef XPADMIN_HAVE_LIBPQ

bool PostgresCopy::isAvailable()
{
    return true;
}

bool PostgresCopy::makeReady(Database &db, pg_conn *connection)
{
    if (!connection || PQstatus(connection) != CONNECTION_OK || db.hasOpenStatement())
        return false;
    while (PGresult *left = PQgetResult(connection))
        PQclear(left);
    return PQtransactionStatus(connection) != PQTRANS_ACTIVE && !PQisBusy(connection);
}

Status PostgresCopy::write(Database &db, pg_conn *connection, const QString &table, const QStringList &columns,
                           const QVariantList &values)
{
    const auto fail = [&](PGresult *result) -> Status {
        const QSqlError error = failure(connection, result);
        PQclear(result);
        db.markFailed(error);
        return db.sqlError(error, tr("A batch of database writes failed"));
    };
    const QByteArray sql
        = db.dialect()
              .tables()
              .qualify(QStringLiteral("COPY %1 (%2) FROM STDIN").arg(table, columns.join(QStringLiteral(", "))))
              .toUtf8();
    PGresult *started = PQexec(connection, sql.constData());
    if (PQresultStatus(started) != PGRES_COPY_IN)
        return fail(started);
    PQclear(started);
    QByteArray buffer;
    constexpr qsizetype SendAt = 256 * 1024;
    buffer.reserve(SendAt + 4096);
    const qsizetype width = columns.size();
    bool sent = true;
    for (qsizetype i = 0; i < values.size() && sent; ++i) {
        appendValue(buffer, values.at(i));
        buffer += (i + 1) % width == 0 ? '\n' : '\t';
        if (buffer.size() >= SendAt || i + 1 == values.size()) {
            sent = PQputCopyData(connection, buffer.constData(), int(buffer.size())) == 1;
            buffer.clear();
        }
    }
    if (PQputCopyEnd(connection, sent ? nullptr : "the client could not send its rows") != 1)
        return fail(nullptr);
    Status status;
    while (PGresult *result = PQgetResult(connection)) {
        if (status && PQresultStatus(result) != PGRES_COMMAND_OK) {
            status = fail(result);
            continue;
        }
        PQclear(result);
    }
    return status;
}

#else

bool PostgresCopy::isAvailable()
{
    return false;
}

bool PostgresCopy::makeReady(Database &, pg_conn *)
{
    return false;
}

Status PostgresCopy::write(Database &, pg_conn *, const QString &, const QStringList &, const QVariantList &)
{
    return Error::database(tr("This build of XP Admin cannot write with COPY"));
}

#endif
