#include "core/db/Database.h"

#include "core/db/LockWaits.h"
#include "core/db/PostgresRows.h"
#include "core/db/RowView.h"

#include <QSqlError>

#include <libpq-fe.h>
#include <sqlite3.h>

// Database, continued: scan(), reading many rows without a QVariant a value. QSQLITE turns every
// value of a row into a QVariant (text through UTF-16) before the caller sees it, and the rows of
// a statement read through SqlRows each become a QVariant too; for a page of history that was
// most of the time the model took over the raw engine (docs/benchmarks.md, figure 6).

namespace {

// Binds a value as QSQLITE would, the text as UTF-8 (the database's encoding).
int bind(sqlite3_stmt *statement, int index, const QVariant &value)
{
    if (value.isNull())
        return sqlite3_bind_null(statement, index);
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    case QMetaType::Double:
        return sqlite3_bind_double(statement, index, value.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        return sqlite3_bind_blob64(statement, index, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
    }
    default: {
        const QByteArray text = value.toString().toUtf8();
        return sqlite3_bind_text64(statement, index, text.constData(), sqlite3_uint64(text.size()), SQLITE_TRANSIENT,
                                   SQLITE_UTF8);
    }
    }
}

} // namespace

void Database::finalizeScans()
{
    for (auto &[sql, statement] : m_scans)
        sqlite3_finalize(statement);
    m_scans.clear();
}

Status Database::scan(const QString &sql, const Bindings &bindings, const std::function<void(const RowView &)> &visit)
{
    if (const Status open = reopenIfClosed(); !open)
        return open;
    if (!statementConnection())
        return scanSqlite(sql, bindings, visit);
    if (const Status sent = sendUnsent(); !sent)
        return sent;
    const auto [text, values] = postgresStatement(sql, bindings);
    auto rows = sendPostgres(text, values, tr("A database statement failed"), true);
    if (!rows)
        return rows.error();
    pg_result *result = (*rows)->result();
    if (!result || PQresultStatus(result) != PGRES_TUPLES_OK)
        return {};
    const int count = PQntuples(result);
    for (int row = 0; row < count; ++row)
        visit(RowView(result, row));
    return {};
}

Status Database::scanSqlite(const QString &sql, const Bindings &bindings,
                            const std::function<void(const RowView &)> &visit)
{
    sqlite3 *db = sqliteHandle();
    const auto failure = [&](const QString &what) -> Status {
        m_lastError = QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(db)), QSqlError::StatementError,
                                QString::number(sqlite3_extended_errcode(db)));
        m_failed = true;
        if (const auto timeout = m_waits->gaveUp(m_lastError))
            return *timeout;
        return sqlError(m_lastError, what);
    };
    sqlite3_stmt *&statement = m_scans[sql];
    if (!statement) {
        const QByteArray text = sql.toUtf8();
        if (sqlite3_prepare_v3(db, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
            != SQLITE_OK) {
            m_scans.erase(sql);
            return failure(tr("The database refused a statement"));
        }
    }
    int rc = SQLITE_OK;
    for (const auto &[name, value] : bindings) {
        // As QSqlQuery::bindValue: a name the statement does not use is ignored.
        if (const int index = sqlite3_bind_parameter_index(statement, name.toUtf8().constData()); index > 0)
            rc = bind(statement, index, value);
        if (rc != SQLITE_OK)
            break;
    }
    m_waits->statementStarts();
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
            visit(RowView(statement));
    }
    m_waits->statementEnds();
    // Reset at once: a statement left open would keep its read transaction (and snapshot) open.
    Status status;
    if (rc != SQLITE_DONE)
        status = failure(tr("A database statement failed"));
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return status;
}
