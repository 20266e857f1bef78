#include "tests/cli/CliFixture.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <csignal>

using Run = CliRunner::Run;

// xpadmin-cli behind a lock that a second session holds, as another program would: it waits no
// longer than --wait, says for what and behind whom, and Ctrl+C (or SIGTERM) while it waits
// exits 130 with nothing written, even when the lock is freed right after the signal.
class TestCliWaits final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init();
    void cleanup() { closeDatabase(); }
    void waitOptionIsChecked_data();
    void waitOptionIsChecked();
    void waitEndsWithExit3AndNothingChanged();
    void signalWhileWaitingKeepsNothing_data();
    void signalWhileWaitingKeepsNothing();

private:
    void holdLock();
    void releaseLock();
    QStringList adjust(const QString &wait) const;

    QString m_before;
};

namespace {

const QString HolderName = QStringLiteral("lock-holder-test");

} // namespace

void TestCliWaits::init()
{
    openDatabase();
    if (QTest::currentTestFailed() || !m_spec)
        return;
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    m_before = snapshot();
}

void TestCliWaits::holdLock()
{
    if (TestBackend::isPostgres()) {
        QVERIFY(m_db->execute(QStringLiteral("SET application_name = '%1'").arg(HolderName)));
        QVERIFY(m_db->execute(QStringLiteral("BEGIN")));
        QVERIFY(m_db->execute(QStringLiteral("LOCK TABLE \"UserProfile\" IN ACCESS EXCLUSIVE MODE")));
    } else {
        QVERIFY(m_db->execute(QStringLiteral("BEGIN IMMEDIATE")));
    }
}

void TestCliWaits::releaseLock()
{
    QVERIFY(m_db->execute(QStringLiteral("ROLLBACK")));
}

QStringList TestCliWaits::adjust(const QString &wait) const
{
    return QStringList{QStringLiteral("--db"), m_cli.database(), QStringLiteral("--wait"), wait}
    + CliRunner::args({"adjust", "--user", "u1", "--amount", "5", "--reason", "behind a lock"});
}

void TestCliWaits::waitOptionIsChecked_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("word") << QStringLiteral("soon");
    QTest::newRow("negative") << QStringLiteral("-1");
    QTest::newRow("fraction") << QStringLiteral("1.5");
    QTest::newRow("too long") << QStringLiteral("86401");
}

void TestCliWaits::waitOptionIsChecked()
{
    QFETCH(QString, value);
    const Run run = CliRunner::raw(adjust(value));
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("--wait")) && run.err.contains(QLatin1Char('"') + value + QLatin1Char('"')),
             qPrintable(run.err));
    QVERIFY(CliRunner::isOneErrorLine(run.err));
    QCOMPARE(snapshot(), m_before);
}

void TestCliWaits::waitEndsWithExit3AndNothingChanged()
{
    holdLock();
    QElapsedTimer clock;
    clock.start();
    const Run run = CliRunner::raw(adjust(QStringLiteral("2")));
    const qint64 waited = clock.elapsed();
    releaseLock();

    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY2(waited >= 1800 && waited < 6000, qPrintable(QString::number(waited)));
    // Told while it waited, and in the final error: what it waited for, behind whom, how long.
    const QString holder = TestBackend::isPostgres() ? HolderName : QStringLiteral("another program writing to");
    QVERIFY2(run.err.contains(QLatin1String("Waiting for")) && run.err.contains(holder), qPrintable(run.err));
    if (TestBackend::isPostgres())
        QVERIFY2(run.err.contains(QLatin1String("a lock on \"UserProfile\"")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("Gave up after waiting 2 s")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("nothing was changed")), qPrintable(run.err));
    QCOMPARE(snapshot(), m_before);
}

void TestCliWaits::signalWhileWaitingKeepsNothing_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("Ctrl+C") << SIGINT;
    QTest::newRow("SIGTERM") << SIGTERM;
}

void TestCliWaits::signalWhileWaitingKeepsNothing()
{
    QFETCH(int, signal);
    holdLock();
    QProcess cli;
    cli.start(CliRunner::program(), adjust(QStringLiteral("30")));
    QVERIFY(cli.waitForStarted(30000));
    QString err;
    QElapsedTimer clock;
    clock.start();
    while (!err.contains(QLatin1String("Waiting for")) && clock.elapsed() < 15000) {
        cli.waitForReadyRead(200);
        err += QString::fromUtf8(cli.readAllStandardError());
    }
    QVERIFY2(err.contains(QLatin1String("Waiting for")), qPrintable(err));
    QCOMPARE(::kill(pid_t(cli.processId()), signal), 0);
    releaseLock(); // the lock is free at once: the change must still not be written
    QVERIFY(cli.waitForFinished(15000));
    err += QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QVERIFY2(cli.exitCode() == 130, qPrintable(QString::number(cli.exitCode()) + QLatin1Char('\n') + err));
    QVERIFY2(err.contains(QLatin1String("nothing was changed")), qPrintable(err));
    QCOMPARE(snapshot(), m_before);
}

QTEST_GUILESS_MAIN(TestCliWaits)
#include "TestCliWaits.moc"
