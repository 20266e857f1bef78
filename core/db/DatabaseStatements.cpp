#include "core/db/Database.h"

#include "core/db/LockWaits.h"
#include "core/db/PostgresConnection.h"
#include "core/db/PostgresPrepared.h"
#include "core/db/PostgresStatement.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <iterator>

#ifdef XPADMIN_HAVE_LIBPQ
#include <libpq-fe.h>
#endif

// Database, continued: where statements run. SQLite: Qt's statements, prepared once per
// connection. PostgreSQL: libpq's statements (PostgresStatement); behind a pooler in
// transaction mode unnamed, keeping nothing on the server between transactions, so that the
// pooler may hand each transaction another server connection; on a direct connection those run
// more than once are prepared (PostgresPrepared).

namespace {

#ifdef XPADMIN_HAVE_LIBPQ
// Notices (NOTICE, INFO) are dropped, as client_min_messages = warning dropped them on the
// server; warnings go to stderr as libpq writes them.
void receiveNotice(void *, const PGresult *result)
{
    const char *severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (severity
        && (qstrcmp(severity, "NOTICE") == 0 || qstrcmp(severity, "INFO") == 0 || qstrcmp(severity, "LOG") == 0
            || qstrcmp(severity, "DEBUG") == 0))
        return;
    fprintf(stderr, "%s", PQresultErrorMessage(result));
}
#endif

// The settings of one transaction, in one statement: lock_timeout ($1, milliseconds), read-only
// or marked as XP Admin's write (capture's triggers leave its changes alone, since its own audit
// events record them).
QByteArray settingsStatement(bool readOnly, bool writer)
{
    QByteArray sql = QByteArrayLiteral("SELECT set_config('lock_timeout', $1, true)");
    if (readOnly)
        sql += ", set_config('transaction_read_only', 'on', true)";
    else if (writer)
        sql += ", set_config('xpadmin.writer', 'on', true)";
    return sql;
}

} // namespace

void Database::attachPostgres()
{
    finishStatements();
    m_streaming.reset();
#ifdef XPADMIN_HAVE_LIBPQ
    // libpq's own connection: QPSQL is only told the settings (see PostgresConnection).
    PostgresConnection::close(std::exchange(m_postgres, nullptr));
    m_prepared->reset();
    m_postgres = PostgresConnection::open(m_db, &m_lastError);
    if (m_postgres)
        PQsetNoticeReceiver(m_postgres, &receiveNotice, nullptr);
#else
    m_db.close();
    if (!m_db.open())
        m_lastError = m_db.lastError();
#endif
}

pg_conn *Database::statementConnection()
{
    if (auto streaming = m_streaming.lock(); streaming && streaming->isStreaming())
        streaming->buffer(); // its rows are read on; this statement needs the connection now
    return m_postgres;
}

Result<QSqlQuery *> Database::prepared(const QString &sql)
{
    auto &slot = m_statements[sql];
    if (!slot) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            m_lastError = query->lastError();
            m_failed = true;
            m_statements.erase(sql);
            return sqlError(m_lastError, tr("The database refused a statement"));
        }
        slot = std::move(query);
    }
    return slot.get();
}

Result<std::shared_ptr<PostgresRows>> Database::sendPostgres(const QByteArray &sql, const QVariantList &values,
                                                             const QString &what, bool whole)
{
    // Outside a transaction, the statement runs in an implicit one of its own, with this
    // connection's settings made for that transaction only: nothing is left on the server
    // connection, which a pooler may give to another client next.
    std::optional<PostgresStatement::Prefix> prefix;
    if (!m_inTransaction) {
        prefix = PostgresStatement::Prefix{settingsStatement(m_mode == OpenMode::ReadOnly, false),
                                           {QString::number(std::max(1, m_waits->limit()))}};
    }
    m_waits->statementStarts();
    auto ran = PostgresStatement::run(
        m_postgres, sql, values, prefix ? &*prefix : nullptr, [this](const QSqlError &error) { markFailed(error); },
        whole ? PostgresStatement::Rows::Whole : PostgresStatement::Rows::Streamed, m_prepared.get());
    m_waits->statementEnds();
    if (!ran.rows) {
        m_lastError = ran.error;
        m_failed = true;
        if (const auto timeout = m_waits->gaveUp(m_lastError))
            return *timeout;
        return sqlError(m_lastError, what);
    }
    if (m_inTransaction)
        m_streaming = ran.rows;
    return std::move(ran.rows);
}

Result<SqlRows> Database::runPostgres(const QByteArray &sql, const QVariantList &values, const QString &what)
{
    auto rows = sendPostgres(sql, values, what, false);
    if (!rows)
        return rows.error();
    return SqlRows(std::move(*rows));
}

std::pair<QByteArray, QVariantList> Database::postgresStatement(const QString &sql, const Bindings &bindings)
{
    auto found = m_postgresText.find(sql);
    if (found == m_postgresText.end()) {
        auto text = PostgresStatement::fromNamed(m_dialect.tables().qualify(sql));
        found = m_postgresText.emplace(sql, std::pair{std::move(text.sql), std::move(text.names)}).first;
    }
    const QStringList &names = found->second.second;
    QVariantList values;
    values.reserve(names.size());
    // A name binds its first value. Many values (a batch of ids) are found through a hash: 512 of
    // them looked for one by one compared 512 x 512 names.
    if (bindings.size() <= 16) {
        for (const QString &name : names) {
            const auto bound = std::find_if(bindings.cbegin(), bindings.cend(),
                                            [&name](const auto &binding) { return binding.first == name; });
            values << (bound == bindings.cend() ? QVariant() : bound->second);
        }
    } else {
        QHash<QString, qsizetype> first;
        first.reserve(bindings.size());
        for (qsizetype i = bindings.size() - 1; i >= 0; --i)
            first.insert(bindings.at(i).first, i);
        for (const QString &name : names) {
            const qsizetype at = first.value(name, -1);
            values << (at < 0 ? QVariant() : bindings.at(at).second);
        }
    }
    return {found->second.first, std::move(values)};
}

Result<SqlRows> Database::run(const QString &sql, const Bindings &bindings)
{
    if (const Status open = reopenIfClosed(); !open)
        return open.error();
    if (statementConnection()) {
        if (const Status sent = sendUnsent(); !sent)
            return sent.error();
        const auto [text, values] = postgresStatement(sql, bindings);
        return runPostgres(text, values, tr("A database statement failed"));
    }
    auto prepared = this->prepared(sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery *query = *prepared;
    for (const auto &[name, value] : bindings)
        query->bindValue(name, value);
    m_waits->statementStarts();
    const bool ok = query->exec();
    m_waits->statementEnds();
    if (!ok) {
        m_lastError = query->lastError();
        m_failed = true;
        query->finish();
        if (const auto timeout = m_waits->gaveUp(m_lastError))
            return *timeout;
        return sqlError(m_lastError, tr("A database statement failed"));
    }
    return SqlRows(query);
}

Result<SqlRows> Database::runTogether(const QList<BoundStatement> &statements)
{
    Q_ASSERT(!statements.isEmpty());
    if (!statementConnection() || !m_inTransaction || (statements.size() == 1 && !hasUnsent())) {
        // In turn: SQLite has no round trips to save, and outside a transaction each statement
        // takes its connection settings with it (runPostgres).
        for (qsizetype i = 0; i + 1 < statements.size(); ++i) {
            auto rows = run(statements.at(i).first, statements.at(i).second);
            if (!rows)
                return rows.error();
        }
        return run(statements.constLast().first, statements.constLast().second);
    }
    std::vector<PostgresText> sending = takeUnsent();
    sending.reserve(sending.size() + statements.size());
    for (const auto &[sql, bindings] : statements)
        sending.push_back(postgresStatement(sql, bindings));
    return runPipeline(sending);
}

Status Database::runWithCommit(const QString &sql, const Bindings &bindings)
{
    if (!m_inTransaction || !statementConnection()) {
        auto rows = run(sql, bindings);
        return rows ? Status() : Status(rows.error());
    }
    m_unsentLast.push_back(postgresStatement(sql, bindings));
    return {};
}

std::vector<Database::PostgresText> Database::openingStatements(const QString &begin, bool write,
                                                                int lockTimeoutMs) const
{
    std::vector<PostgresText> opening;
    opening.emplace_back(begin.toUtf8(), QVariantList());
    opening.emplace_back(settingsStatement(m_mode == OpenMode::ReadOnly, write),
                         QVariantList{QString::number(std::max(1, lockTimeoutMs))});
    return opening;
}

std::vector<Database::PostgresText> Database::takeUnsent()
{
    std::vector<PostgresText> unsent = std::exchange(m_unsentOpening, {});
    m_begun = m_begun || !unsent.empty();
    std::move(m_unsentLast.begin(), m_unsentLast.end(), std::back_inserter(unsent));
    m_unsentLast.clear();
    return unsent;
}

Status Database::sendUnsent()
{
    if (!hasUnsent())
        return {};
    statementConnection(); // rows still being read are read first
    auto sent = runPipeline(takeUnsent());
    return sent ? Status() : Status(sent.error());
}

Status Database::commit()
{
    if (!m_begun && m_unsentLast.empty()) {
        m_unsentOpening.clear(); // nothing reached the server: nothing to commit
        return {};
    }
    if (!hasUnsent())
        return execute(QStringLiteral("COMMIT"));
    std::vector<PostgresText> statements = takeUnsent();
    statements.emplace_back(QByteArrayLiteral("COMMIT"), QVariantList());
    auto committed = runPipeline(statements);
    return committed ? Status() : Status(committed.error());
}

Result<SqlRows> Database::runPipeline(const std::vector<PostgresText> &statements)
{
    m_waits->statementStarts();
    auto ran = PostgresStatement::runAll(
        m_postgres, statements, [this](const QSqlError &error) { markFailed(error); }, m_prepared.get());
    m_waits->statementEnds();
    if (!ran.rows) {
        m_lastError = ran.error;
        m_failed = true;
        if (const auto timeout = m_waits->gaveUp(m_lastError))
            return *timeout;
        return sqlError(m_lastError, tr("A database statement failed"));
    }
    return SqlRows(std::move(ran.rows));
}

Status Database::runPositional(const QString &sql, const QVariantList &values)
{
    if (const Status open = reopenIfClosed(); !open)
        return open;
    if (statementConnection()) {
        if (const Status sent = sendUnsent(); !sent)
            return sent;
        auto found = m_postgresText.find(sql);
        if (found == m_postgresText.end()) {
            auto text = PostgresStatement::fromPositional(m_dialect.tables().qualify(sql));
            found = m_postgresText.emplace(sql, std::pair{std::move(text.sql), std::move(text.names)}).first;
        }
        auto ran = runPostgres(found->second.first, values, tr("A batch of database writes failed"));
        return ran ? Status() : Status(ran.error());
    }
    auto prepared = this->prepared(sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery *query = *prepared;
    for (qsizetype i = 0; i < values.size(); ++i)
        query->bindValue(static_cast<int>(i), values.at(i));
    const bool ok = query->exec();
    if (!ok)
        m_lastError = query->lastError();
    query->finish();
    if (!ok) {
        m_failed = true;
        return sqlError(m_lastError, tr("A batch of database writes failed"));
    }
    return {};
}

Status Database::execute(const QString &sql)
{
    if (const Status open = reopenIfClosed(); !open)
        return open;
    if (statementConnection()) {
        if (const Status sent = sendUnsent(); !sent)
            return sent;
    }
    QSqlError error;
    m_waits->statementStarts();
    if (pg_conn *connection = statementConnection()) {
        error = PostgresStatement::execute(connection, m_dialect.tables().qualify(sql).toUtf8());
    } else {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            error = query.lastError();
    }
    m_waits->statementEnds();
    if (error.type() != QSqlError::NoError) {
        m_lastError = error;
        m_failed = true;
        return sqlError(m_lastError, tr("A database statement failed"));
    }
    return {};
}

bool Database::hasOpenStatement() const
{
    if (auto streaming = m_streaming.lock(); streaming && streaming->isStreaming())
        return true;
    return std::any_of(m_statements.cbegin(), m_statements.cend(),
                       [](const auto &statement) { return statement.second->isActive(); });
}

void Database::finishStatements()
{
    if (auto streaming = m_streaming.lock())
        streaming->finish();
    m_streaming.reset();
    for (auto &[sql, query] : m_statements)
        query->finish();
}
