#include "core/db/PostgresStatement.h"

#include "core/db/PostgresPrepared.h"
#include "core/db/PostgresValue.h"

#include <libpq-fe.h>

#include <algorithm>
#include <vector>

namespace {

bool isNameCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Qt's placeholder rules (QSqlResult): nothing inside quotes, ":name" not after another colon
// (so a cast "::text" stays), "?" anywhere else.
PostgresStatement::Text rewrite(const QString &sql, bool named)
{
    PostgresStatement::Text text;
    QString out;
    out.reserve(sql.size() + 16);
    QChar closingQuote;
    const qsizetype n = sql.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = sql.at(i);
        if (!closingQuote.isNull()) {
            if (c == closingQuote)
                closingQuote = QChar();
            out += c;
            ++i;
        } else if (named && c == QLatin1Char(':') && (i == 0 || sql.at(i - 1) != QLatin1Char(':')) && i + 1 < n
                   && isNameCharacter(sql.at(i + 1))) {
            qsizetype end = i + 2;
            while (end < n && isNameCharacter(sql.at(end)))
                ++end;
            text.names << sql.mid(i, end - i);
            out += QLatin1Char('$') + QString::number(text.names.size());
            i = end;
        } else if (!named && c == QLatin1Char('?')) {
            text.names << QString();
            out += QLatin1Char('$') + QString::number(text.names.size());
            ++i;
        } else {
            if (c == QLatin1Char('\'') || c == QLatin1Char('"'))
                closingQuote = c;
            out += c;
            ++i;
        }
    }
    text.sql = out.toUtf8();
    return text;
}

// The values of one statement in the form libpq sends them. Moved, never copied: pointers
// point into storage's buffers, which a move keeps.
struct Parameters
{
    Parameters(const Parameters &) = delete;
    Parameters &operator=(const Parameters &) = delete;
    Parameters(Parameters &&) = default;
    Parameters &operator=(Parameters &&) = default;
    explicit Parameters(const QVariantList &values)
    {
        const auto count = values.size();
        storage.resize(count);
        pointers.resize(count);
        lengths.resize(count);
        formats.resize(count);
        for (qsizetype i = 0; i < count; ++i) {
            if (PostgresValue::isNull(values.at(i))) {
                pointers[i] = nullptr;
                continue;
            }
            bool binary = false;
            storage[i] = PostgresValue::toParameter(values.at(i), &binary);
            pointers[i] = storage[i].constData();
            lengths[i] = int(storage[i].size());
            formats[i] = binary ? 1 : 0;
        }
    }
    int count() const { return int(pointers.size()); }
    // By its name when it has one (prepared), else as an unnamed statement.
    bool send(PGconn *connection, const QByteArray &sql, const QByteArray &name) const
    {
        if (!name.isEmpty())
            return PQsendQueryPrepared(connection, name.constData(), count(), pointers.data(), lengths.data(),
                                       formats.data(), 0)
                == 1;
        return PQsendQueryParams(connection, sql.constData(), count(), nullptr, pointers.data(), lengths.data(),
                                 formats.data(), 0)
            == 1;
    }

    std::vector<QByteArray> storage;
    std::vector<const char *> pointers;
    std::vector<int> lengths;
    std::vector<int> formats;
};

bool failed(PGresult *result)
{
    const ExecStatusType status = PQresultStatus(result);
    return status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_SINGLE_TUPLE;
}

// The statement prepared under name, its parameters' types inferred as for an unnamed one.
bool sendPrepare(PGconn *connection, const QByteArray &sql, const QByteArray &name, const Parameters &parameters)
{
    return PQsendPrepare(connection, name.constData(), sql.constData(), parameters.count(), nullptr) == 1;
}

PostgresStatement::Ran inTransaction(PGconn *connection, const QByteArray &sql, const Parameters &parameters,
                                     PostgresRows::ErrorSink onError, PostgresStatement::Rows rows,
                                     PostgresPrepared *prepared)
{
    // Inside the transaction, which set its lock_timeout at BEGIN: preparing reads the tables
    // the statement names, and may wait for their locks as the statement would.
    const PostgresPrepared::Use use = prepared ? prepared->use(sql) : PostgresPrepared::Use{};
    if (use.prepareFirst) {
        PGresult *result = sendPrepare(connection, sql, use.name, parameters) ? PQgetResult(connection) : nullptr;
        const bool ok = result && !failed(result);
        const QSqlError error = ok ? QSqlError() : PostgresStatement::error(connection, result);
        PQclear(result);
        while (PGresult *rest = PQgetResult(connection))
            PQclear(rest);
        if (!ok)
            return {nullptr, error};
        prepared->prepared(sql, use.name);
    }
    const QByteArray &name = use.name;
    if (!parameters.send(connection, sql, name))
        return {nullptr, PostgresStatement::error(connection, nullptr)};
    if (rows == PostgresStatement::Rows::Streamed)
        PQsetSingleRowMode(connection);
    PGresult *first = PQgetResult(connection);
    if (!first || failed(first)) {
        const QSqlError error = PostgresStatement::error(connection, first);
        PQclear(first);
        while (PGresult *rest = PQgetResult(connection))
            PQclear(rest);
        if (!name.isEmpty())
            prepared->failed(sql, error);
        return {nullptr, error};
    }
    return {std::make_shared<PostgresRows>(connection, first, true, std::move(onError)), {}};
}

// Statements sent in one pipeline (one round trip), run by the server one after another, each
// as if sent alone (inside a transaction: each with its own snapshot under READ COMMITTED). The
// last one's rows come whole; after a failure the rest are skipped and the first error is kept.
PostgresStatement::Ran pipelined(PGconn *connection, const std::vector<std::pair<QByteArray, Parameters>> &statements,
                                 PostgresRows::ErrorSink onError, PostgresPrepared *prepared)
{
    std::vector<PostgresPrepared::Use> uses(statements.size());
    if (prepared) {
        for (std::size_t i = 0; i < statements.size(); ++i)
            uses[i] = prepared->use(statements[i].first);
    }
    if (PQenterPipelineMode(connection) != 1)
        return {nullptr, PostgresStatement::error(connection, nullptr)};
    // A statement to be prepared is prepared in the pipeline just before it runs: after the
    // statements before it (outside a transaction, the one that sets lock_timeout).
    bool sent = true;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const auto &[sql, parameters] = statements[i];
        if (uses[i].prepareFirst)
            sent = sent && sendPrepare(connection, sql, uses[i].name, parameters);
        sent = sent && parameters.send(connection, sql, uses[i].name);
    }
    sent = sent && PQpipelineSync(connection) == 1;
    // Each statement's results, then the end of the pipeline. A null ends one statement's
    // results; two in a row: the connection is gone. The first statement may come as single
    // rows and their end: libpq keeps the single-row mode of the statement before the pipeline.
    std::vector<std::vector<PGresult *>> results(1);
    bool synced = false;
    int nulls = 0;
    while (sent && nulls < 2) {
        PGresult *result = PQgetResult(connection);
        if (!result) {
            if (++nulls == 1)
                results.emplace_back();
            continue;
        }
        nulls = 0;
        if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) {
            PQclear(result);
            synced = true;
            break;
        }
        results.back().push_back(result);
    }
    PQexitPipelineMode(connection);
    while (!results.empty() && results.back().empty())
        results.pop_back();
    // The prepares' results out of the statements' way; what the server prepared is kept, as the
    // server keeps it whatever became of the rest of the pipeline.
    std::size_t next = 0;
    for (std::size_t i = 0; i < statements.size() && next < results.size(); ++i) {
        if (uses[i].prepareFirst) {
            const std::vector<PGresult *> &ofPrepare = results[next];
            const bool ok = ofPrepare.size() == 1 && PQresultStatus(ofPrepare.front()) == PGRES_COMMAND_OK;
            if (ok) {
                prepared->prepared(statements[i].first, uses[i].name);
                PQclear(ofPrepare.front());
                results.erase(results.begin() + static_cast<std::ptrdiff_t>(next)); // the statement's are at next
            } else {
                ++next; // a failed prepare's error is the first failure below
            }
        }
        ++next;
    }
    bool allRan = synced && results.size() == statements.size() && results.back().size() == 1;
    for (const auto &ofStatement : results) {
        allRan = allRan
            && std::none_of(ofStatement.cbegin(), ofStatement.cend(), [](PGresult *result) { return failed(result); });
    }
    PostgresStatement::Ran ran;
    if (allRan) {
        ran.rows = std::make_shared<PostgresRows>(connection, results.back().front(), false, std::move(onError));
        results.pop_back();
    }
    for (const auto &ofStatement : results) {
        for (PGresult *result : ofStatement) {
            if (!allRan && ran.error.type() == QSqlError::NoError && failed(result)
                && PQresultStatus(result) != PGRES_PIPELINE_ABORTED)
                ran.error = PostgresStatement::error(connection, result);
            PQclear(result);
        }
    }
    if (!allRan && ran.error.type() == QSqlError::NoError)
        ran.error = PostgresStatement::error(connection, nullptr);
    if (!allRan) {
        for (std::size_t i = 0; i < statements.size(); ++i) {
            if (!uses[i].name.isEmpty() && !uses[i].prepareFirst)
                prepared->failed(statements[i].first, ran.error);
        }
    }
    return ran;
}

} // namespace

PostgresStatement::Text PostgresStatement::fromNamed(const QString &sql)
{
    return rewrite(sql, true);
}

PostgresStatement::Text PostgresStatement::fromPositional(const QString &sql)
{
    return rewrite(sql, false);
}

PostgresStatement::Ran PostgresStatement::run(pg_conn *connection, const QByteArray &sql, const QVariantList &values,
                                              const Prefix *prefix, PostgresRows::ErrorSink onError, Rows rows,
                                              PostgresPrepared *prepared)
{
    if (prefix) {
        std::vector<std::pair<QByteArray, Parameters>> statements;
        statements.emplace_back(prefix->sql, Parameters(prefix->values));
        statements.emplace_back(sql, Parameters(values));
        Ran ran = pipelined(connection, statements, onError, prepared);
        // Its implicit transaction kept nothing: when the server could not run a prepared
        // statement by its name, the statement runs again unnamed.
        if (!ran.rows && prepared && PostgresPrepared::isNameProblem(ran.error))
            ran = pipelined(connection, statements, std::move(onError), nullptr);
        return ran;
    }
    return inTransaction(connection, sql, Parameters(values), std::move(onError), rows, prepared);
}

PostgresStatement::Ran PostgresStatement::runAll(pg_conn *connection,
                                                 const std::vector<std::pair<QByteArray, QVariantList>> &statements,
                                                 PostgresRows::ErrorSink onError, PostgresPrepared *prepared)
{
    Q_ASSERT(!statements.empty());
    std::vector<std::pair<QByteArray, Parameters>> sending;
    sending.reserve(statements.size());
    for (const auto &[sql, values] : statements)
        sending.emplace_back(sql, Parameters(values));
    return pipelined(connection, sending, std::move(onError), prepared);
}

QSqlError PostgresStatement::execute(pg_conn *connection, const QByteArray &sql)
{
    PGresult *result = PQexec(connection, sql.constData());
    QSqlError error;
    if (!result || failed(result))
        error = PostgresStatement::error(connection, result);
    PQclear(result);
    return error;
}

QSqlError PostgresStatement::error(pg_conn *connection, pg_result *result)
{
    QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection)).trimmed();
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString code = state ? QString::fromLatin1(state) : QString();
    if (!code.isEmpty())
        message += QStringLiteral(" (%1)").arg(code);
    return QSqlError(QString(), message, QSqlError::StatementError, code);
}
