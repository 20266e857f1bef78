#include "core/live/LedgerChangeFeed.h"
#include "core/users/Users.h"
#include "tests/support/TestBackend.h"

#include <QSignalSpy>
#include <QTest>

// A change committed by another connection is noticed; nothing is reported while nothing
// changes; a lost connection comes back by itself. The waits are generous upper bounds, never
// timings: a PostgreSQL backend may hold its write counters back up to 10 s (docs/live.md).
class TestLedgerChangeFeed final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void modeFollowsTheBackend();
    void anotherDesksAwardIsNoticed();
    void aPlainSqlInsertIsNoticed();
    void anEventWithoutLedgerRowsIsNoticed();
    void quietWhileNothingChanges();
    void stopEndsTheWatch();

private:
    // The feed's first signals (the start) are over: a spy made now sees only what follows.
    static void settle(LedgerChangeFeed &feed);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
};

namespace {

constexpr int NoticeMs = 20000;

} // namespace

void TestLedgerChangeFeed::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(m_db->execute(
        QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\", \"name\") VALUES ('u1', 'u1@example.com', 'One')")));
}

void TestLedgerChangeFeed::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

void TestLedgerChangeFeed::settle(LedgerChangeFeed &feed)
{
    QTest::qWait(feed.pollIntervalMs() + 300);
}

void TestLedgerChangeFeed::modeFollowsTheBackend()
{
    LedgerChangeFeed feed(*m_spec);
    QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::Stopped);
    QSignalSpy modes(&feed, &LedgerChangeFeed::modeChanged);
    const Status started = feed.start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    QCOMPARE(modes.count(), 1);
    if (TestBackend::isPostgres()) {
        QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::Listening);
        // No capture: the web app's writes are found by their counters, and the text says so.
        QCOMPARE(feed.pollIntervalMs(), 1000);
        QVERIFY2(feed.modeText().contains(QStringLiteral("web app")), qPrintable(feed.modeText()));
        QVERIFY(feed.backendPid() > 0);
    } else {
        QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::FileWatch);
        QVERIFY(feed.pollIntervalMs() >= 250 && feed.pollIntervalMs() <= 500);
        QVERIFY2(feed.modeText().startsWith(QStringLiteral("Live")), qPrintable(feed.modeText()));
    }
    QVERIFY(feed.isConnected());
}

void TestLedgerChangeFeed::anotherDesksAwardIsNoticed()
{
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    settle(feed);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    auto desk = m_db->reopen();
    QVERIFY(desk);
    QVERIFY(!TestBackend::award(**desk, QStringLiteral("u1"), 10, QStringLiteral("q1")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
    // A burst comes as a few signals, not one for each change.
    changes.clear();
    for (int i = 0; i < 30; ++i)
        QVERIFY(!TestBackend::award(**desk, QStringLiteral("u1"), 1, QStringLiteral("b%1").arg(i)).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
}

void TestLedgerChangeFeed::aPlainSqlInsertIsNoticed()
{
    // The web app's own write, without capture: no notification, only its trace in the counters
    // (PostgreSQL) or the file (SQLite).
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    settle(feed);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    auto app = m_db->reopen();
    QVERIFY(app);
    const QString timestamp
        = TestBackend::isPostgres() ? QStringLiteral("CURRENT_TIMESTAMP") : QStringLiteral("'2026-12-06 01:00:00.000'");
    QVERIFY((*app)->execute(
        QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                       "\"category\", \"description\", \"createdAt\", \"updatedAt\") VALUES ('web1', 'u1', 5, "
                       "'USER_PROBLEM_ATTEMPT', 'w1', 'CORRECT_ANSWER', 'by the web app', %1, %1)")
            .arg(timestamp)));
    app->reset(); // the web app's backend ends; PostgreSQL publishes its counters then at the latest
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
}

void TestLedgerChangeFeed::anEventWithoutLedgerRowsIsNoticed()
{
    // A new user touches neither "UserXP" nor "UserProfile": on PostgreSQL only the notification
    // that every audited write sends tells the feed.
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    settle(feed);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    auto desk = m_db->reopen();
    QVERIFY(desk);
    auto added = Users(**desk).add(QStringLiteral("u2"), QStringLiteral("u2@example.com"), QStringLiteral("Two"));
    QVERIFY2(added, added ? "" : qPrintable(added.error().message));
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > 0, NoticeMs);
}

void TestLedgerChangeFeed::quietWhileNothingChanges()
{
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    settle(feed);
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    QSignalSpy problems(&feed, &LedgerChangeFeed::problem);
    // Several polls long; reading, here and by the feed, changes nothing.
    QVERIFY(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).isValid());
    QTest::qWait(3 * std::max(feed.pollIntervalMs(), 500) + 500);
    QCOMPARE(changes.count(), 0);
    QCOMPARE(problems.count(), 0);
}

void TestLedgerChangeFeed::stopEndsTheWatch()
{
    LedgerChangeFeed feed(*m_spec);
    QVERIFY(feed.start());
    feed.stop();
    QCOMPARE(feed.mode(), LedgerChangeFeed::Mode::Stopped);
    QVERIFY(!feed.isConnected());
    QSignalSpy changes(&feed, &LedgerChangeFeed::changed);
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("u1"), 2, QStringLiteral("stopped")).isEmpty());
    QTest::qWait(1000);
    QCOMPARE(changes.count(), 0);
}

QTEST_GUILESS_MAIN(TestLedgerChangeFeed)
#include "TestLedgerChangeFeed.moc"
