#include "core/db/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

// Database, continued: how a transaction ended whose connection was lost while it committed.

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Database", text);
}

// How long a commit whose connection was lost waits for the server to say how it ended.
constexpr qint64 LostCommitPatienceMs = 10000;

} // namespace

std::pair<Database::Outcome, QString> Database::settleLostCommit(std::optional<qint64> transactionId)
{
    // A crashed server takes a few seconds to recover: waited for, within reason.
    QElapsedTimer waited;
    waited.start();
    Status connected = reconnect();
    while (!connected && waited.elapsed() < LostCommitPatienceMs) {
        QThread::msleep(250);
        connected = reconnect();
    }
    if (!connected)
        return {Outcome::Unknown, connected.error().message};
    if (!transactionId)
        return {Outcome::Committed, {}}; // it wrote nothing: either way nothing changed
    // A commit still running on the old backend (only the connection died) finishes on its own.
    Result<Outcome> status = outcomeOf(*transactionId);
    while (status && *status == Outcome::InProgress && waited.elapsed() < LostCommitPatienceMs) {
        QThread::msleep(250);
        status = outcomeOf(*transactionId);
    }
    if (status && *status == Outcome::InProgress)
        return {Outcome::Unknown, tr("Its transaction %1 is still being committed on the server.").arg(*transactionId)};
    std::pair<Outcome, QString> settled;
    if (m_commitWitness)
        settled = askWitness(); // the id may have been given to another transaction since
    else if (!status)
        settled = {Outcome::Unknown, status.error().message};
    else if (*status == Outcome::Unknown)
        settled = {Outcome::Unknown, tr("The server no longer knows its transaction %1.").arg(*transactionId)};
    else
        settled = {*status, {}};
    if (settled.first != Outcome::Unknown)
        qInfo("xpadmin: the connection was lost while committing transaction %lld; it %s",
              static_cast<long long>(*transactionId),
              settled.first == Outcome::Committed ? "committed" : "did not commit");
    return settled;
}

std::pair<Database::Outcome, QString> Database::askWitness()
{
    auto found = run(m_commitWitness->first, m_commitWitness->second);
    if (!found)
        return {Outcome::Unknown, found.error().message};
    const bool there = found->next();
    finishStatements();
    return {there ? Outcome::Committed : Outcome::Aborted, {}};
}

void Database::setCommitWitness(const QString &sql, const Bindings &bindings)
{
    m_commitWitness = std::pair{sql, bindings};
}

Result<Database::Outcome> Database::outcomeOf(qint64 transactionId)
{
    auto rows = run(QStringLiteral("SELECT txid_status(:id)"), {{QStringLiteral(":id"), transactionId}});
    if (!rows)
        return rows.error();
    const QString status = rows->next() ? rows->text(0) : QString();
    finishStatements();
    if (status == QLatin1String("committed"))
        return Outcome::Committed;
    if (status == QLatin1String("aborted"))
        return Outcome::Aborted;
    if (status == QLatin1String("in progress"))
        return Outcome::InProgress;
    return Outcome::Unknown; // NULL: too old for the server to remember
}
