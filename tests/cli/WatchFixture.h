#pragma once

#include "tests/cli/CliFixture.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>

#include <memory>

// `xpadmin-cli watch` as a process of its own beside the test's writers: started on a fresh
// ledger with users u1 and u2, its JSON lines read as they come, ended with Ctrl+C.
class WatchFixture : protected CliFixture
{
protected:
    // Generous upper bound for anything to show; never a timing.
    static constexpr int SeenMs = 60000;

    // For init() and cleanup().
    void openLedger();
    void closeLedger();

    // Starts `watch` (with extra options, on database or the fixture's), waits until it says
    // how it watches (kept in m_firstLine).
    void startWatch(const QStringList &extra, const QString &database = {});
    // Ctrl+C; the watch must end at once with 0.
    void stopWatch();
    // The JSON objects printed so far (complete lines only).
    QList<QJsonObject> printed();
    // The seqs of the log after afterSeq, of one user or all.
    QList<qint64> logSeqs(qint64 afterSeq, const QString &user = {});
    static QList<qint64> seqsOf(const QList<QJsonObject> &objects);
    // An award through `xpadmin-cli award`: the new transaction's id (empty when it failed).
    QString awardId(const QString &user, const QString &amount, const QString &source);

    std::unique_ptr<QProcess> m_watch;
    QByteArray m_out;
    QByteArray m_firstLine; // on stderr: how the watch notices changes
};
