#include "core/db/Database.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

// Database, continued: how a transaction ended whose connection was lost while it committed.

namespace {

// How long a commit whose connection was lost waits for the server to say how it ended.
constexpr qint64 LostCommitPatienceMs = 10000;

} // namespace

std::pair<Database::Outcome, QString> Database::settleLostCommit(std::optional<qint64> transactionId)
{
    // A crashed server takes a few seconds to recover, a standby a while to be promoted: waited
    // for, within reason.
    const QString committingOn = m_serverAddress;
    const QString startedAt = m_serverStarted;
    QElapsedTimer waited;
    waited.start();
    if (const Status connected = reconnectWaiting(std::max<qint64>(LostCommitPatienceMs, reconnectWait())); !connected)
        return {Outcome::Unknown,
                connected.error().kind == Error::Kind::Cancelled ? tr("You stopped the wait for the server.")
                                                                 : connected.error().message};
    if (!transactionId)
        return {Outcome::Committed, {}}; // it wrote nothing: either way nothing changed
    const bool otherServer = m_serverAddress != committingOn;
    std::pair<Outcome, QString> settled;
    if (otherServer || m_serverStarted != startedAt) {
        // Another server (a standby promoted), or the same one restarted: nothing of the old
        // connection still runs, and the transaction id may belong to another transaction
        // there. Only the row the transaction wrote proves whether it reached this server.
        if (m_commitWitness)
            settled = askWitness();
        else if (otherServer)
            settled = {Outcome::Unknown,
                       tr("XP Admin is now connected to %1, not to %2 where the change was being "
                          "committed, and nothing tells whether the change reached %1.")
                           .arg(m_serverAddress, committingOn)};
        else
            settled = statusOf(*transactionId);
    } else {
        // Only the connection died: a commit still running on the old backend finishes on its own.
        Result<Outcome> status = outcomeOf(*transactionId);
        while (status && *status == Outcome::InProgress && waited.elapsed() < LostCommitPatienceMs) {
            QThread::msleep(250);
            status = outcomeOf(*transactionId);
        }
        if (status && *status == Outcome::InProgress)
            return {Outcome::Unknown,
                    tr("Its transaction %1 is still being committed on the server.").arg(*transactionId)};
        if (m_commitWitness)
            settled = askWitness(); // the id may have been given to another transaction since
        else
            settled = statusOf(*transactionId);
    }
    if (settled.first != Outcome::Unknown)
        qInfo("xpadmin: the connection was lost while committing transaction %lld on %s; it %s on %s",
              static_cast<long long>(*transactionId), qPrintable(committingOn),
              settled.first == Outcome::Committed ? "is there" : "is not there", qPrintable(m_serverAddress));
    return settled;
}

std::pair<Database::Outcome, QString> Database::statusOf(qint64 transactionId)
{
    const Result<Outcome> status = outcomeOf(transactionId);
    if (!status)
        return {Outcome::Unknown, status.error().message};
    if (*status == Outcome::Unknown || *status == Outcome::InProgress)
        return {Outcome::Unknown, tr("The server no longer knows its transaction %1.").arg(transactionId)};
    return {*status, {}};
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

void Database::rememberCommit()
{
    if (!m_commitWitness)
        return;
    m_lastCommit = m_commitWitness;
    m_lastCommitServer = m_serverAddress;
}

void Database::checkLastCommit()
{
    if (!m_lastCommit || m_lastCommitServer == m_serverAddress)
        return;
    const QString before = std::exchange(m_lastCommitServer, m_serverAddress);
    auto found = run(m_lastCommit->first, m_lastCommit->second);
    if (!found)
        return; // not known either way: the next operation tells whether the server works
    const bool there = found->next();
    finishStatements();
    if (there)
        return;
    m_lastCommit.reset();
    m_lostCommitNotice = tr("The last change XP Admin committed on %1 is not on %2, the server that took over: %1 "
                            "stopped before it had sent it on. Look at the history and make the change again if it "
                            "is still needed.")
                             .arg(before, m_serverAddress);
    qWarning("xpadmin: %s", qPrintable(m_lostCommitNotice));
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
