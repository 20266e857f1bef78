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
    void withCaptureNothingIsPolled();
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

void TestLedgerChangeFeedServer::withCaptureNothingIsPolled()
{
    // A trigger on "UserXP" that notifies the channel, as capture's does (core/capture).
    QVERIFY(m_db->execute(
        QStringLiteral("CREATE FUNCTION test_capture() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM "
                       "pg_notify('xpadmin_ledger', ''); RETURN NULL; END $$")));
    QVERIFY(m_db->execute(QStringLiteral("CREATE TRIGGER test_capture AFTER INSERT OR UPDATE OR DELETE ON \"UserXP\" "
                                         "FOR EACH STATEMENT EXECUTE FUNCTION test_capture()")));
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::Listening);
    QCOMPARE(feed.pollIntervalMs(), 0);
    QCOMPARE(feed.modeText(), QStringLiteral("Live: changes appear as they are made"));
    QTest::qWait(300);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    // The web app's insert, heard of through the trigger: the counters are not read at all.
    auto app = m_db->reopen();
    QVERIFY(app);
    QVERIFY((*app)->execute(QStringLiteral(
        "INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"category\", "
        "\"description\", \"createdAt\", \"updatedAt\") VALUES ('web2', 'u1', 5, 'USER_PROBLEM_ATTEMPT', 'w2', "
        "'CORRECT_ANSWER', 'by the web app', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")));
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
    // Capture removed (here: its trigger switched off) while the feed runs: within its next look
    // (every 30 s) the feed reads the counters again, and says so.
    QSignalSpy modes(&feed, &LedgerChangeFeed::modeChanged);
    QVERIFY(m_db->execute(QStringLiteral("ALTER TABLE \"UserXP\" DISABLE TRIGGER test_capture")));
    QTRY_VERIFY_WITH_TIMEOUT(feed.pollIntervalMs() == 1000, 60000);
    QCOMPARE(modes.count(), 1);
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
