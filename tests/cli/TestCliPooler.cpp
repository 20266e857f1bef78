#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using Run = CliRunner::Run;

// Every command that writes or checks, run by xpadmin-cli through PgBouncer in transaction mode
// (the web app's pooled DATABASE_URL with ?pgbouncer=true), each checked with SQL on the server
// itself; and two writers through the pooler at once.
class TestCliPooler final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void everyOperationThroughThePooler();
    void twoWritersLeaveNoDrift();

private:
    qint64 scalar(const QString &sql);
    QString writeFile(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    std::optional<ConnectionSpec> m_direct;
    std::unique_ptr<Database> m_db; // on the server directly, for the checks
    CliRunner m_cli;
};

void TestCliPooler::initTestCase()
{
    QVERIFY2(QFile::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void TestCliPooler::init()
{
    if (!TestBackend::isPostgres())
        QSKIP("PgBouncer pools PostgreSQL server connections; an SQLite file has none");
    XP_PGBOUNCER_URL(url);
    QString why;
    m_direct = TestBackend::freshDatabase(&why);
    QVERIFY2(m_direct, qPrintable(why));
    auto opened = Database::open(*m_direct, QStringLiteral("checker"));
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    m_db = std::move(*opened);
    auto pooled = ConnectionSpec::parse(url);
    QVERIFY(pooled);
    pooled->database = m_direct->database;
    pooled->pooler = true;
    m_cli.setDatabase(pooled->toUrl(true));
    QVERIFY(m_cli.database().contains(QLatin1String("pgbouncer=true")));
}

void TestCliPooler::cleanup()
{
    m_db.reset();
    if (m_direct) {
        TestBackend::dropDatabase(*m_direct); // also ends PgBouncer's server connections to it
    }
    m_direct.reset();
}

qint64 TestCliPooler::scalar(const QString &sql)
{
    return TestBackend::scalar(*m_db, sql).toLongLong();
}

QString TestCliPooler::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestCliPooler::everyOperationThroughThePooler()
{
    CLI_EXIT(m_cli(CliRunner::args({"init"})), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'xpadmin' "
                                   "AND table_name = 'audit_event'")),
             1);
    for (const char *id : {"u1", "u2"})
        CLI_EXIT(m_cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), QString::fromLatin1(id),
                        QStringLiteral("--email"), QString::fromLatin1(id) + QStringLiteral("@example.com")}),
                 0);
    const auto award = [](const char *user, const char *amount, const char *source) {
        return CliRunner::args({"--json", "award", "--user", user, "--amount", amount, "--source-id", source,
                                "--description", "pooled", "--source-type", "USER_PROBLEM_ATTEMPT", "--category",
                                "CORRECT_ANSWER"});
    };
    const Run awarded = m_cli(award("u1", "50", "s1"));
    CLI_EXIT(awarded, 0);
    const QString id = awarded.json()[QStringLiteral("transactions")][0][QStringLiteral("id")].toString();
    QVERIFY(!id.isEmpty());
    CLI_EXIT(m_cli(award("u1", "10", "shared")), 0);
    CLI_EXIT(m_cli(award("u2", "20", "shared")), 0);
    CLI_EXIT(m_cli(CliRunner::args({"adjust", "--user", "u1", "--amount", "-5", "--reason", "typo"})), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u1'")), 55);

    CLI_EXIT(m_cli({QStringLiteral("rollback"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                    QStringLiteral("wrong")}),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"id\" = '%1'").arg(id)), 0);
    CLI_EXIT(m_cli({QStringLiteral("restore"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                    QStringLiteral("right after all")}),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"id\" = '%1'").arg(id)), 1);
    CLI_EXIT(m_cli(CliRunner::args({"delete-source", "--source-type", "USER_PROBLEM_ATTEMPT", "--source-id", "shared",
                                    "--reason", "attempt deleted"})),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = 'shared'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'")), 0);

    // Maker-checker: one person asks, another approves.
    CLI_EXIT(m_cli(CliRunner::args({"--actor", "Ann", "pending", "threshold", "100"})), 0);
    CLI_EXIT(m_cli(CliRunner::args({"--actor", "Ann", "adjust", "--user", "u2", "--amount", "500", "--reason", "big"})),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'")), 0);
    const Run pending = m_cli(CliRunner::args({"--json", "pending", "list"}));
    CLI_EXIT(pending, 0);
    QCOMPARE(pending.json().array().size(), 1);
    const QString request = pending.json()[0][QStringLiteral("id")].toVariant().toString();
    // On PostgreSQL a person is a login: the second one comes through the pooler as well.
    QString why;
    QVERIFY2(TestBackend::adminExec(QStringLiteral("DO $$ BEGIN CREATE ROLE xpadmin_pooler_checker LOGIN SUPERUSER; "
                                                   "EXCEPTION WHEN duplicate_object THEN NULL; END $$"),
                                    &why),
             qPrintable(why));
    auto checker = ConnectionSpec::parse(m_cli.database());
    QVERIFY(checker);
    checker->user = QStringLiteral("xpadmin_pooler_checker");
    CLI_EXIT(CliRunner(checker->toUrl(true))({QStringLiteral("--actor"), QStringLiteral("Bob"),
                                              QStringLiteral("pending"), QStringLiteral("approve"), request}),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'")), 500);
    CLI_EXIT(m_cli(CliRunner::args({"pending", "threshold", "off"})), 0);

    // Imports large enough to be written by COPY.
    QByteArray legacy = "userId,totalXP,email\n";
    QByteArray bulk = "userId,amount,reason\n";
    for (int i = 0; i < 300; ++i) {
        legacy += QStringLiteral("l%1,%2,l%1@example.com\n").arg(i).arg(i + 1).toUtf8();
        bulk += QStringLiteral("l%1,%2,bonus\n").arg(i).arg(2).toUtf8();
    }
    CLI_EXIT(m_cli({QStringLiteral("import-legacy"), writeFile(QStringLiteral("legacy.csv"), legacy)}), 0);
    CLI_EXIT(m_cli({QStringLiteral("adjust-bulk"), writeFile(QStringLiteral("bulk.csv"), bulk)}), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\" WHERE \"userId\" LIKE "
                                   "'l%'")),
             300 * 301 / 2 + 600);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);

    // verify finds a total changed behind the ledger's back, repair puts it right.
    CLI_EXIT(m_cli(CliRunner::args({"verify"})), 0);
    QVERIFY(m_db->execute(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 777 WHERE \"userId\" = 'u1'")));
    const Run found = m_cli(CliRunner::args({"verify"}));
    CLI_EXIT(found, 1);
    QVERIFY2(found.out.contains(QLatin1String("user u1: cached 777, sum 45")), qPrintable(found.out));
    CLI_EXIT(m_cli(CliRunner::args({"verify", "--repair"})), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u1'")), 45);
    CLI_EXIT(m_cli(CliRunner::args({"verify"})), 0);

    // Who one is, and the pooler's limits said plainly.
    CLI_EXIT(m_cli(CliRunner::args({"roles", "show"})), 0);
    const Run doctor = m_cli(CliRunner::args({"doctor"}));
    CLI_EXIT(doctor, 0);
    QVERIFY2(doctor.out.contains(QLatin1String("PgBouncer")), qPrintable(doctor.out));
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
}

void TestCliPooler::twoWritersLeaveNoDrift()
{
    CLI_EXIT(m_cli(CliRunner::args({"init"})), 0);
    for (const char *id : {"u0", "u1", "u2"})
        CLI_EXIT(m_cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), QString::fromLatin1(id),
                        QStringLiteral("--email"), QString::fromLatin1(id) + QStringLiteral("@example.com")}),
                 0);
    // Two operators' scripts at once, each adjusting the same three users in turn.
    constexpr int Each = 25;
    const QString script
        = QStringLiteral("for i in $(seq 1 %1); do \"$0\" --db \"$1\" --actor \"$2\" adjust --user u$((i %% 3)) "
                         "--amount $3 --reason concurrent >/dev/null || exit 1; done")
              .arg(Each)
              .replace(QStringLiteral("%%"), QStringLiteral("%"));
    QProcess first;
    QProcess second;
    first.start(QStringLiteral("bash"),
                {QStringLiteral("-c"), script, CliRunner::program(), m_cli.database(), QStringLiteral("Ann"),
                 QStringLiteral("3")});
    second.start(QStringLiteral("bash"),
                 {QStringLiteral("-c"), script, CliRunner::program(), m_cli.database(), QStringLiteral("Bob"),
                  QStringLiteral("-1")});
    QVERIFY(first.waitForFinished(300000) && second.waitForFinished(300000));
    QVERIFY2(first.exitCode() == 0, first.readAllStandardError().constData());
    QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());

    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")), 2 * Each);
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(\"totalXP\") FROM \"UserProfile\"")), Each * 3 + Each * -1);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    const Run verify = m_cli(CliRunner::args({"--json", "verify"}));
    CLI_EXIT(verify, 0);
    QCOMPARE(verify.json()[QStringLiteral("chainIntact")].toBool(), true);
}

QTEST_GUILESS_MAIN(TestCliPooler)
#include "TestCliPooler.moc"
