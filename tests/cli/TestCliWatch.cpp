#include "tests/cli/CliFixture.h"

#include "core/audit/AuditFollower.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

using Run = CliRunner::Run;

// `xpadmin-cli watch` in one process while others write: every change seen exactly once, in
// the log's order, with --user only that user's; Ctrl+C ends it with status 0. The waits are
// generous upper bounds, never timings.
class TestCliWatch final : public QObject, private CliFixture
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
    void throughPgBouncer();
    void badOptionsAreRefused_data();
    void badOptionsAreRefused();

private:
    // Starts `watch --json` (and more), waits until it says how it watches.
    void startWatch(const QStringList &extra, const QString &database = {});
    // Ctrl+C; the watch must end at once with 0.
    void stopWatch();
    // The JSON objects printed so far.
    QList<QJsonObject> printed();
    // The seqs of the log after afterSeq, of one user or all.
    QList<qint64> logSeqs(qint64 afterSeq, const QString &user = {});
    QString awardId(const QString &user, const QString &amount, const QString &source);

    std::unique_ptr<QProcess> m_watch;
    QByteArray m_out;
};

namespace {

constexpr int SeenMs = 60000;

QList<qint64> seqsOf(const QList<QJsonObject> &objects)
{
    QList<qint64> seqs;
    for (const QJsonObject &object : objects)
        seqs << object.value(QStringLiteral("seq")).toInteger();
    return seqs;
}

} // namespace

void TestCliWatch::init()
{
    openDatabase();
    if (QTest::currentTestFailed() || !m_db)
        return;
    for (const char *id : {"u1", "u2"})
        CLI_EXIT(m_cli(userAdd(QString::fromLatin1(id))), 0);
}

void TestCliWatch::cleanup()
{
    if (m_watch) {
        m_watch->kill();
        m_watch->waitForFinished();
        m_watch.reset();
    }
    m_out.clear();
    closeDatabase();
}

void TestCliWatch::startWatch(const QStringList &extra, const QString &database)
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
}

void TestCliWatch::stopWatch()
{
    QVERIFY(m_watch);
    QCOMPARE(::kill(pid_t(m_watch->processId()), SIGINT), 0);
    QVERIFY(m_watch->waitForFinished(SeenMs));
    m_out += m_watch->readAllStandardOutput();
    QCOMPARE(m_watch->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_watch->exitCode(), 0);
}

QList<QJsonObject> TestCliWatch::printed()
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

QList<qint64> TestCliWatch::logSeqs(qint64 afterSeq, const QString &user)
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

QString TestCliWatch::awardId(const QString &user, const QString &amount, const QString &source)
{
    const Run run = m_cli(QStringList{QStringLiteral("--json")} + award(user, amount, source, QStringLiteral("Quiz")));
    if (run.exitCode != 0)
        qWarning("%s", qPrintable(run.describe()));
    return transactionId(run);
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
    QTRY_VERIFY_WITH_TIMEOUT((m_out += m_watch->readAllStandardOutput()).contains('\n'), SeenMs);
    stopWatch();
    const QString text = QString::fromUtf8(m_out);
    QCOMPARE(text.count(QLatin1Char('\n')), 1);
    QVERIFY2(text.contains(QStringLiteral("awarded +50 XP to Ada Lovelace <u1@example.com>: Quiz")), qPrintable(text));
}

void TestCliWatch::throughPgBouncer()
{
    if (!TestBackend::isPostgres())
        QSKIP("PgBouncer pools PostgreSQL server connections");
    XP_PGBOUNCER_URL(url);
    auto pooled = ConnectionSpec::parse(url);
    QVERIFY(pooled);
    pooled->database = m_spec->database;
    pooled->pooler = true;
    auto before = AuditFollower::latestSeq(*m_db);
    QVERIFY(before);
    startWatch({QStringLiteral("--json")}, pooled->toUrl(true));
    QByteArray err = m_watch->readAllStandardError();
    for (int i = 0; i < 5; ++i)
        QVERIFY(!awardId(QStringLiteral("u1"), QString::number(i + 1), QStringLiteral("p%1").arg(i)).isEmpty());
    const QList<qint64> expected = logSeqs(*before);
    QCOMPARE(expected.size(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(printed().size() >= expected.size(), SeenMs);
    stopWatch();
    QCOMPARE(seqsOf(printed()), expected);
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
