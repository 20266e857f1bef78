#include "core/db/BulkInsert.h"

#include "core/db/Database.h"
#include "core/db/PostgresCopy.h"
#include "core/db/SqliteStatement.h"

#include <algorithm>

namespace {

// Rows a COPY carries: one COPY waits for the server at its end, so chunks of a few hundred rows
// would leave client and server taking turns; chunks this large are as quick as one COPY.
constexpr int RowsPerCopy = 5000;
// Below this many rows one INSERT is quicker: COPY takes a round trip more (an audit event).
constexpr int MinRowsForCopy = 50;

} // namespace

BulkInsert::BulkInsert(Database &db, QString table, QStringList columns, QStringList valueExpressions,
                       int rowsPerStatement)
    : m_db(db),
      m_table(std::move(table)),
      m_columns(std::move(columns)),
      m_values(std::move(valueExpressions)),
      m_rowsPerStatement(rowsPerStatement)
{
    Q_ASSERT(m_columns.size() == m_values.size());
    m_copy = PostgresCopy::isAvailable() && m_db.postgresHandle() != nullptr
        && std::all_of(m_values.cbegin(), m_values.cend(), PostgresCopy::isPlainParameter);
    m_rowsPerFlush = m_copy ? std::max(m_rowsPerStatement, RowsPerCopy) : m_rowsPerStatement;
    if (m_db.sqliteHandle() == nullptr)
        m_pending.reserve(m_rowsPerFlush * m_columns.size());
}

BulkInsert::~BulkInsert() = default;

QString BulkInsert::statement(int rows) const
{
    const QString tuple = QLatin1Char('(') + m_values.join(QStringLiteral(", ")) + QLatin1Char(')');
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i)
        tuples << tuple;
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(m_table, m_columns.join(QStringLiteral(", ")), tuples.join(QStringLiteral(", ")));
}

Status BulkInsert::add(const QVariantList &values)
{
    Q_ASSERT(values.size() == m_columns.size());
    if (sqlite3 *handle = m_db.sqliteHandle()) {
        // In process, a statement costs no round trip: one prepared single-row INSERT, stepped
        // for each row, beats multi-row statements and is as quick as the raw engine
        // (xpadmin-bench, figure 1).
        if (!m_row)
            m_row = std::make_unique<SqliteStatement>(handle, statement(1));
        if (const Status s = m_row->execute(values); !s) {
            m_db.markFailed();
            return s;
        }
        ++m_written;
        return {};
    }
    m_pending += values;
    if (m_pending.size() >= m_rowsPerFlush * m_columns.size())
        return flush();
    return {};
}

Status BulkInsert::flush()
{
    const int rows = static_cast<int>(m_pending.size() / m_columns.size());
    if (rows == 0)
        return {};
    Status result;
    if (pg_conn *connection = m_db.postgresHandle();
        m_copy && rows >= MinRowsForCopy && PostgresCopy::makeReady(m_db, connection)) {
        result = PostgresCopy::write(m_db, connection, m_table, m_columns, m_pending);
    } else {
        // Multi-row INSERTs of at most rowsPerStatement rows, also for a COPY-sized chunk while
        // a statement's rows were still being read.
        const qsizetype width = m_columns.size();
        for (int first = 0; first < rows && result; first += m_rowsPerStatement) {
            const int count = std::min(m_rowsPerStatement, rows - first);
            result = m_db.runPositional(statement(count), m_pending.mid(first * width, count * width));
        }
    }
    m_pending.clear();
    if (!result)
        return result;
    m_written += rows;
    return {};
}

Status BulkInsert::finish()
{
    return flush();
}
