#include "core/capture/CaptureInstaller.h"
#include "core/live/LedgerChangeFeed.h"
#include "tests/support/TestBackend.h"

#include <QSignalSpy>
#include <QTest>

// LedgerChangeFeed where a server is involved (PostgreSQL only): capture's notifying trigger
// makes polling unnecessary, a connection ended by the server comes back by itself, and behind
// PgBouncer the feed polls. The waits are generous upper bounds, never timings.
class TestLedgerChangeFeedServer final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void withCaptureItReadsTheRecords();
    void reconnectsAfterItsServerProcessIsEnded();
    void throughPgBouncerItPolls();

private:
    static void settle(LedgerChangeFeed &feed) { QTest::qWait(feed.pollIntervalMs() + 300); }

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
};

namespace {

constexpr int NoticeMs = 20000;

} // namespace

void TestLedgerChangeFeedServer::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(m_db->execute(
        QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\", \"name\") VALUES ('u1', 'u1@example.com', 'One')")));
}

void TestLedgerChangeFeedServer::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

void TestLedgerChangeFeedServer::withCaptureItReadsTheRecords()
{
    QVERIFY(CaptureInstaller(*m_db).install());
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::Listening);
    // The newest captured record, twice a second: the triggers do not notify.
    QCOMPARE(feed.pollIntervalMs(), 500);
    QCOMPARE(feed.modeText(), QStringLiteral("Live: changes appear as they are made"));
    QTest::qWait(800);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    // The web app's insert, heard of through its captured record.
    auto app = m_db->reopen();
    QVERIFY(app);
    QVERIFY((*app)->execute(QStringLiteral(
        "INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"category\", "
        "\"description\", \"createdAt\", \"updatedAt\") VALUES ('web2', 'u1', 5, 'USER_PROBLEM_ATTEMPT', 'w2', "
        "'CORRECT_ANSWER', 'by the web app', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")));
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
    // Capture removed while the feed runs: at its next look it reads the counters again, and says
    // so, without losing its connection.
    QSignalSpy modes(&feed, &LedgerChangeFeed::modeChanged);
    QSignalSpy problems(&feed, &LedgerChangeFeed::problem);
    QVERIFY(CaptureInstaller(*m_db).remove());
    QTRY_VERIFY_WITH_TIMEOUT(feed.pollIntervalMs() == 1000, NoticeMs);
    QVERIFY(modes.count() >= 1);
    QCOMPARE(problems.count(), 0);
    QVERIFY2(feed.modeText().contains(QStringLiteral("capture is not installed")), qPrintable(feed.modeText()));
}

void TestLedgerChangeFeedServer::reconnectsAfterItsServerProcessIsEnded()
{
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    settle(feed);
    const int pid = feed.backendPid();
    QVERIFY(pid > 0);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    QSignalSpy problems(&feed, &LedgerChangeFeed::problem);
    QString why;
    QVERIFY2(TestBackend::adminExec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(problems.count() > 0, NoticeMs);
    QVERIFY2(problems.constFirst().constFirst().toString().contains(QStringLiteral("lost")),
             qPrintable(problems.constFirst().constFirst().toString()));
    // Back, on another server process, and saying that something may have changed meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(feed.isConnected() && changes.count() > 0, NoticeMs);
    QVERIFY(feed.backendPid() != pid);
    QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::Listening);
    settle(feed);
    changes.clear();
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("u1"), 7, QStringLiteral("after")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
}

void TestLedgerChangeFeedServer::throughPgBouncerItPolls()
{
    XP_PGBOUNCER_URL(url);
    auto pooled = ConnectionSpec::parse(url + QStringLiteral("?pgbouncer=true"));
    QVERIFY(pooled);
    pooled->database = m_spec->database;
    LedgerChangeFeed feed(*pooled);
    const Status started = feed.start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::Polling);
    QCOMPARE(feed.pollIntervalMs(), 2000);
    QVERIFY2(feed.modeText().contains(QStringLiteral("PgBouncer")), qPrintable(feed.modeText()));
    settle(feed);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    QTest::qWait(2 * feed.pollIntervalMs() + 500);
    QCOMPARE(changes.count(), 0);
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("u1"), 3, QStringLiteral("pooled")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
}

QTEST_GUILESS_MAIN(TestLedgerChangeFeedServer)
#include "TestLedgerChangeFeedServer.moc"
