#include "tests/cli/WatchFixture.h"

#include "core/audit/AuditFollower.h"
#include "core/audit/AuditLog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using Run = CliRunner::Run;

// `xpadmin-cli watch` in one process while others write: every change seen exactly once, in
// the log's order, with --user only that user's; Ctrl+C ends it with status 0. The waits are
// generous upper bounds, never timings.
class TestCliWatch final : public QObject, private WatchFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init();
    void cleanup();

    void everyChangeOnceAndInOrder();
    void onlyTheUsersEvents();
    void fromSeqShowsTheLogSoFar();
    void linesInWords();
    void aCapturedChangeNamesRoleAndApplication();
    void badOptionsAreRefused_data();
    void badOptionsAreRefused();
};

void TestCliWatch::init()
{
    openLedger();
}

void TestCliWatch::cleanup()
{
    closeLedger();
}

void TestCliWatch::everyChangeOnceAndInOrder()
{
    auto before = AuditFollower::latestSeq(*m_db);
    QVERIFY(before);
    startWatch({QStringLiteral("--json")});
    // Another desk: each operation a process of its own.
    const QString id = awardId(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("q1"));
    QVERIFY(!id.isEmpty());
    CLI_EXIT(
        m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u2"), QStringLiteral("--amount"),
               QStringLiteral("-5"), QStringLiteral("--reason"), QStringLiteral("typo")}),
        0);
    CLI_EXIT(m_cli({QStringLiteral("rollback"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                    QStringLiteral("wrong quiz")}),
             0);
    CLI_EXIT(m_cli({QStringLiteral("restore"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                    QStringLiteral("right quiz after all")}),
             0);
    // A burst, as fast as one connection writes.
    auto desk = m_db->reopen();
    QVERIFY(desk);
    for (int i = 0; i < 200; ++i)
        QVERIFY(!TestBackend::award(**desk, i % 2 ? QStringLiteral("u1") : QStringLiteral("u2"), i + 1,
                                    QStringLiteral("burst%1").arg(i))
                     .isEmpty());
    const QList<qint64> expected = logSeqs(*before);
    QCOMPARE(expected.size(), 204);
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= expected.size(), SeenMs);
    stopWatch();
    const QList<QJsonObject> objects = printed();
    QCOMPARE(seqsOf(objects), expected);
    QCOMPARE(objects.at(0).value(QStringLiteral("action")).toString(), QStringLiteral("award"));
    QCOMPARE(objects.at(0).value(QStringLiteral("amount")).toInteger(), 50);
    QCOMPARE(objects.at(0).value(QStringLiteral("user_id")).toString(), QStringLiteral("u1"));
    QCOMPARE(objects.at(0).value(QStringLiteral("xp_id")).toString(), id);
    QCOMPARE(objects.at(1).value(QStringLiteral("action")).toString(), QStringLiteral("adjust"));
    QCOMPARE(objects.at(1).value(QStringLiteral("reason")).toString(), QStringLiteral("typo"));
    QCOMPARE(objects.at(2).value(QStringLiteral("action")).toString(), QStringLiteral("rollback"));
    QCOMPARE(objects.at(3).value(QStringLiteral("action")).toString(), QStringLiteral("restore"));
    QCOMPARE(objects.at(3).value(QStringLiteral("origin")).toString(), QStringLiteral("xpadmin"));
    QCOMPARE(objects.constLast().value(QStringLiteral("amount")).toInteger(), 200);
}

void TestCliWatch::onlyTheUsersEvents()
{
    auto before = AuditFollower::latestSeq(*m_db);
    QVERIFY(before);
    startWatch({QStringLiteral("--json"), QStringLiteral("--user"), QStringLiteral("u2")});
    auto desk = m_db->reopen();
    QVERIFY(desk);
    for (int i = 0; i < 20; ++i)
        QVERIFY(!TestBackend::award(**desk, i % 3 ? QStringLiteral("u1") : QStringLiteral("u2"), 1,
                                    QStringLiteral("f%1").arg(i))
                     .isEmpty());
    const QList<qint64> expected = logSeqs(*before, QStringLiteral("u2"));
    QCOMPARE(expected.size(), 7);
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= expected.size(), SeenMs);
    // One more change of the other user, then one of u2: only the latter comes.
    QVERIFY(!TestBackend::award(**desk, QStringLiteral("u1"), 1, QStringLiteral("other")).isEmpty());
    QVERIFY(!TestBackend::award(**desk, QStringLiteral("u2"), 2, QStringLiteral("mine")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= expected.size() + 1, SeenMs);
    stopWatch();
    const QList<QJsonObject> objects = printed();
    QCOMPARE(seqsOf(objects), logSeqs(*before, QStringLiteral("u2")));
    for (const QJsonObject &object : objects)
        QCOMPARE(object.value(QStringLiteral("user_id")).toString(), QStringLiteral("u2"));
}

void TestCliWatch::fromSeqShowsTheLogSoFar()
{
    QVERIFY(!awardId(QStringLiteral("u1"), QStringLiteral("7"), QStringLiteral("early")).isEmpty());
    const QList<qint64> expected = logSeqs(0);
    QCOMPARE(expected.size(), 3); // two users added, one award
    startWatch({QStringLiteral("--json"), QStringLiteral("--from-seq"), QStringLiteral("0")});
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= expected.size(), SeenMs);
    stopWatch();
    QCOMPARE(seqsOf(printed()), expected);
}

void TestCliWatch::linesInWords()
{
    exec(QStringLiteral("UPDATE \"User\" SET \"name\" = 'Ada Lovelace' WHERE \"id\" = 'u1'"));
    startWatch({});
    QVERIFY(!awardId(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("q9")).isEmpty());
    // A reason over two lines, with a terminal escape in it: still one line, the escape shown.
    CLI_EXIT(
        m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u1"), QStringLiteral("--amount"),
               QStringLiteral("-5"), QStringLiteral("--reason"), QStringLiteral("first\nsecond \x1b[2J")}),
        0);
    QTRY_VERIFY_WITH_TIMEOUT((m_out += m_watch->readAllStandardOutput()).count('\n') >= 2, SeenMs);
    stopWatch();
    const QString text = QString::fromUtf8(m_out);
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(QStringLiteral("awarded +50 XP to Ada Lovelace <u1@example.com>: Quiz")),
             qPrintable(text));
    QVERIFY2(lines.at(1).endsWith(QStringLiteral("adjusted Ada Lovelace <u1@example.com> by -5 XP: first\\nsecond "
                                                 "\\e[2J")),
             qPrintable(text));
    QVERIFY(!text.contains(QChar(0x1b)));
}

void TestCliWatch::aCapturedChangeNamesRoleAndApplication()
{
    // The event capture seals for a console's UPDATE of a total (shared decisions of issue 23),
    // appended here as capture would.
    startWatch({QStringLiteral("--json")});
    AuditEvent event;
    event.action = QStringLiteral("db-total");
    event.operationId = QStringLiteral("capture-1");
    event.userId = QStringLiteral("u2");
    event.amount = 1000000;
    event.reason = QStringLiteral("changed outside XP Admin");
    event.snapshot = QStringLiteral(
        R"({"origin":"database","role":"webapp","application":"psql","client":"local","txid":"77","totalXP_before":0,)"
        R"("totalXP_after":1000000,"direct":true})");
    QVERIFY(m_db->writeTransaction([&]() -> Status { return AuditLog(*m_db).append({event}); }));
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= 1, SeenMs);
    stopWatch();
    const QJsonObject object = printed().constFirst();
    QCOMPARE(object.value(QStringLiteral("origin")).toString(), QStringLiteral("database"));
    QCOMPARE(object.value(QStringLiteral("role")).toString(), QStringLiteral("webapp"));
    QCOMPARE(object.value(QStringLiteral("application")).toString(), QStringLiteral("psql"));
    QCOMPARE(object.value(QStringLiteral("amount")).toInteger(), 1000000);
    const QString text = object.value(QStringLiteral("text")).toString();
    QVERIFY2(text.contains(QStringLiteral("directly in the database")) && text.contains(QStringLiteral("1000000")),
             qPrintable(text));
}

void TestCliWatch::badOptionsAreRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("named");
    QTest::newRow("from-seq not a number")
        << QStringList{QStringLiteral("--from-seq"), QStringLiteral("ten")} << 2 << QStringLiteral("--from-seq");
    QTest::newRow("from-seq negative") << QStringList{QStringLiteral("--from-seq"), QStringLiteral("-1")} << 2
                                       << QStringLiteral("--from-seq");
    QTest::newRow("unknown user") << QStringList{QStringLiteral("--user"), QStringLiteral("nobody")} << 2
                                  << QStringLiteral("nobody");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--follow")} << 2 << QStringLiteral("follow");
    QTest::newRow("stray argument") << QStringList{QStringLiteral("u1")} << 2 << QStringLiteral("u1");
}

void TestCliWatch::badOptionsAreRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, named);
    const Run run = m_cli(QStringList{QStringLiteral("watch")} + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(named), qPrintable(run.describe()));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliWatch)
#include "TestCliWatch.moc"
