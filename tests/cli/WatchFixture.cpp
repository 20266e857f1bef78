#include "tests/cli/WatchFixture.h"

#include "core/audit/AuditFollower.h"

#include <QJsonDocument>
#include <QTest>

#include <csignal>

using Run = CliRunner::Run;

void WatchFixture::openLedger()
{
    openDatabase();
    if (QTest::currentTestFailed() || !m_db)
        return;
    for (const char *id : {"u1", "u2"})
        CLI_EXIT(m_cli(userAdd(QString::fromLatin1(id))), 0);
}

void WatchFixture::closeLedger()
{
    if (m_watch) {
        m_watch->kill();
        m_watch->waitForFinished();
        m_watch.reset();
    }
    m_out.clear();
    m_firstLine.clear();
    closeDatabase();
}

QList<qint64> WatchFixture::seqsOf(const QList<QJsonObject> &objects)
{
    QList<qint64> seqs;
    for (const QJsonObject &object : objects)
        seqs << object.value(QStringLiteral("seq")).toInteger();
    return seqs;
}

void WatchFixture::startWatch(const QStringList &extra, const QString &database)
{
    m_watch = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("XPADMIN_DB"));
    m_watch->setProcessEnvironment(environment);
    m_watch->start(
        CliRunner::program(),
        QStringList{QStringLiteral("--db"), database.isEmpty() ? m_cli.database() : database, QStringLiteral("watch")}
            + extra);
    QVERIFY(m_watch->waitForStarted(30000));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT(
        (err += m_watch->readAllStandardError()).contains('\n') || m_watch->state() == QProcess::NotRunning, SeenMs);
    QVERIFY2(m_watch->state() == QProcess::Running, err.constData());
    // The first line says how changes are noticed.
    QVERIFY2(err.startsWith("Live") || err.startsWith("Checking"), err.constData());
    m_firstLine = err.left(err.indexOf('\n'));
}

void WatchFixture::stopWatch()
{
    QVERIFY(m_watch);
    QCOMPARE(::kill(pid_t(m_watch->processId()), SIGINT), 0);
    QVERIFY(m_watch->waitForFinished(SeenMs));
    m_out += m_watch->readAllStandardOutput();
    QCOMPARE(m_watch->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_watch->exitCode(), 0);
}

QList<QJsonObject> WatchFixture::printed()
{
    if (m_watch && m_watch->state() == QProcess::Running)
        m_out += m_watch->readAllStandardOutput();
    QList<QJsonObject> objects;
    // A line still being written is not one yet.
    const QList<QByteArray> lines = m_out.left(m_out.lastIndexOf('\n') + 1).split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            qWarning("not one JSON object: %s", line.constData());
            objects << QJsonObject{{QStringLiteral("seq"), -1}};
            continue;
        }
        objects << document.object();
    }
    return objects;
}

QList<qint64> WatchFixture::logSeqs(qint64 afterSeq, const QString &user)
{
    AuditFollower follower(*m_db, afterSeq);
    follower.setUserId(user);
    QList<qint64> seqs;
    for (;;) {
        auto events = follower.next(1000);
        if (!events)
            qFatal("%s", qPrintable(events.error().message));
        for (const AuditEvent &event : std::as_const(*events))
            seqs << event.seq;
        if (events->size() < 1000)
            return seqs;
    }
}

QString WatchFixture::awardId(const QString &user, const QString &amount, const QString &source)
{
    const Run run = m_cli(QStringList{QStringLiteral("--json")} + award(user, amount, source, QStringLiteral("Quiz")));
    if (run.exitCode != 0)
        qWarning("%s", qPrintable(run.describe()));
    return transactionId(run);
}
