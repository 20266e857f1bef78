#pragma once

#include "core/domain/Result.h"
#include "core/statement/Statement.h"

#include <QCoreApplication>

class Database;

// Reads a user's statement (Statement) in a few set-based statements: the log's row events of
// the user in the period (the row from the table while it exists, from the snapshot when it is
// gone), the rows the log never saw added, the balance before the period and at its end from the
// ledger as it stood then, and the repairs of the user's total. One read transaction.
class StatementQuery final
{
    Q_DECLARE_TR_FUNCTIONS(StatementQuery)

public:
    explicit StatementQuery(Database &db) : m_db(db) { }

    // since inclusive, until exclusive (UTC); either may be invalid (no bound). An unknown user is
    // an error naming the id.
    Result<Statement> read(const QString &userId, const QDateTime &since, const QDateTime &until);

private:
    Status readEntries(Statement &statement);
    Status readExternal(Statement &statement);
    Status readDrift(Statement &statement);
    // The user's balance at a past moment, rebuilt from the ledger and the audit log (AsOfRows).
    Result<qint64> balanceAt(const QString &userId, const QDateTime &moment);
    Status readLogStart(Statement &statement);

    Database &m_db;
};
