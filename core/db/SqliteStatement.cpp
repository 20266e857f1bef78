#include "core/db/SqliteStatement.h"

#include "core/db/DiskFull.h"

#include <QCoreApplication>

#include <sqlite3.h>

SqliteStatement::SqliteStatement(sqlite3 *db, const QString &sql) : m_db(db)
{
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &m_statement, nullptr) != SQLITE_OK)
        m_prepared = error(QCoreApplication::translate("SqliteStatement", "Cannot prepare a bulk insert"));
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

Error SqliteStatement::error(const QString &what) const
{
    if (auto full = DiskFull::explainSqlite(sqlite3_extended_errcode(m_db), m_db, what))
        return *full;
    return Error::database(QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Status SqliteStatement::execute(const QVariantList &values)
{
    if (!m_prepared)
        return m_prepared;
    int rc = SQLITE_OK;
    if (m_text.size() < std::size_t(values.size()))
        m_text.resize(std::size_t(values.size()));
    for (int i = 0; i < values.size() && rc == SQLITE_OK; ++i) {
        const QVariant &value = values.at(i);
        const int index = i + 1;
        if (value.isNull()) {
            rc = sqlite3_bind_null(m_statement, index);
            continue;
        }
        switch (value.metaType().id()) {
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Bool:
            rc = sqlite3_bind_int64(m_statement, index, value.toLongLong());
            break;
        case QMetaType::Double:
            rc = sqlite3_bind_double(m_statement, index, value.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray bytes = value.toByteArray();
            rc = sqlite3_bind_blob64(m_statement, index, bytes.constData(), sqlite3_uint64(bytes.size()),
                                     SQLITE_TRANSIENT);
            break;
        }
        case QMetaType::QString: {
            // Bound as UTF-8, the database's encoding: text bound as UTF-16 is translated by
            // SQLite on every step, with an allocation a value.
            const QString &text = *static_cast<const QString *>(value.constData());
            QByteArray &utf8 = m_text[std::size_t(i)];
            utf8.resize(m_encoder.requiredSpace(text.size()));
            const qsizetype n = m_encoder.appendToBuffer(utf8.data(), text) - utf8.data();
            rc = sqlite3_bind_text64(m_statement, index, utf8.constData(), sqlite3_uint64(n), SQLITE_STATIC,
                                     SQLITE_UTF8);
            break;
        }
        default: {
            const QByteArray text = value.toString().toUtf8();
            rc = sqlite3_bind_text64(m_statement, index, text.constData(), sqlite3_uint64(text.size()),
                                     SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        }
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_step(m_statement);
    Status status;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        status = error(QCoreApplication::translate("SqliteStatement", "A bulk insert failed"));
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    return status;
}
