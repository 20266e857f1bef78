#include "tests/cli/WatchFixture.h"

#include "core/audit/AuditFollower.h"

#include <QTest>

// `xpadmin-cli watch` where a server stands between it and the ledger (PostgreSQL only): through
// PgBouncer, which cannot pass notifications, and across a lost connection.
class TestCliWatchServer final : public QObject, private WatchFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init() { openLedger(); }
    void cleanup() { closeLedger(); }

    void throughPgBouncer();
    void aLostServerIsSaidAndWaitedFor();
    void aConsoleChangeShowsWithoutAnyWrite();
};

void TestCliWatchServer::aConsoleChangeShowsWithoutAnyWrite()
{
    // With capture installed, a console's UPDATE of a total shows at once: watch seals it into
    // the log itself, with no XP Admin write to do it.
    CLI_EXIT(m_cli({QStringLiteral("capture"), QStringLiteral("install")}), 0);
    QVERIFY(!awardId(QStringLiteral("u1"), QStringLiteral("20"), QStringLiteral("before")).isEmpty());
    startWatch({QStringLiteral("--json")});
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 5000 WHERE \"userId\" = 'u1'"));
    QTRY_VERIFY_WITH_TIMEOUT(!printed().isEmpty(), SeenMs);
    stopWatch();
    const QList<QJsonObject> objects = printed();
    QCOMPARE(objects.size(), 1);
    const QJsonObject change = objects.constFirst();
    QCOMPARE(change.value(QStringLiteral("action")).toString(), QStringLiteral("db-total"));
    QCOMPARE(change.value(QStringLiteral("origin")).toString(), QStringLiteral("database"));
    QCOMPARE(change.value(QStringLiteral("user_id")).toString(), QStringLiteral("u1"));
    QCOMPARE(change.value(QStringLiteral("amount")).toInteger(), 5000);
    CLI_EXIT(m_cli({QStringLiteral("capture"), QStringLiteral("remove")}), 0);
}

void TestCliWatchServer::throughPgBouncer()
{
    XP_PGBOUNCER_URL(url);
    auto pooled = ConnectionSpec::parse(url);
    QVERIFY(pooled);
    pooled->database = m_spec->database;
    pooled->pooler = true;
    auto before = AuditFollower::latestSeq(*m_db);
    QVERIFY(before);
    startWatch({QStringLiteral("--json")}, pooled->toUrl(true));
    QCOMPARE(m_firstLine,
             QByteArray("Checking for changes every 2 s (through PgBouncer, which cannot pass notifications)"));
    for (int i = 0; i < 5; ++i)
        QVERIFY(!awardId(QStringLiteral("u1"), QString::number(i + 1), QStringLiteral("p%1").arg(i)).isEmpty());
    // And a burst from a desk on the server directly.
    auto desk = m_db->reopen();
    QVERIFY(desk);
    for (int i = 0; i < 200; ++i)
        QVERIFY(!TestBackend::award(**desk, QStringLiteral("u2"), 1, QStringLiteral("pb%1").arg(i)).isEmpty());
    const QList<qint64> expected = logSeqs(*before);
    QCOMPARE(expected.size(), 205);
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= expected.size(), SeenMs);
    stopWatch();
    QCOMPARE(seqsOf(printed()), expected);
}

void TestCliWatchServer::aLostServerIsSaidAndWaitedFor()
{
    auto before = AuditFollower::latestSeq(*m_db);
    QVERIFY(before);
    startWatch({QStringLiteral("--json")});
    // Every connection to the ledger ends, the watch's two among them (a server restart does that).
    QString why;
    QVERIFY2(TestBackend::adminExec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                                   "datname = '%1' AND pid <> pg_backend_pid()")
                                        .arg(m_spec->database),
                                    &why),
             qPrintable(why));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += m_watch->readAllStandardError()).contains("lost"), SeenMs);
    QVERIFY(!awardId(QStringLiteral("u1"), QStringLiteral("9"), QStringLiteral("after")).isEmpty());
    const QList<qint64> expected = logSeqs(*before);
    QCOMPARE(expected.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= 1, SeenMs);
    stopWatch();
    QCOMPARE(seqsOf(printed()), expected);
    QVERIFY(m_watch->state() == QProcess::NotRunning);
}

QTEST_GUILESS_MAIN(TestCliWatchServer)
#include "TestCliWatchServer.moc"
