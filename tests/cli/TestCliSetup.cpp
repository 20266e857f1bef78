#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include "core/db/LedgerDdl.h"
#include "core/db/Schema.h"
#include "core/domain/XpEnums.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#ifdef Q_OS_UNIX
#include <QProcess>
#include <csignal>
#include <sys/types.h>
#endif

using Run = CliRunner::Run;

// Setting up a database from the command line: init, doctor, and demo data.
class TestCliSetup final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void initAndDoctorOnNewDatabase();
    void doctorOnPrismaDatabase();
    void demoThenVerifyAndTotals();
    void demoCancelsOnCtrlC();
};

void TestCliSetup::initAndDoctorOnNewDatabase()
{
    QString why;
    const auto fresh = TestBackend::freshDatabase(&why);
    QVERIFY2(fresh, qPrintable(why));
    CliRunner cli(fresh->toUrl(true));
    const bool sqlite = fresh->backend == ConnectionSpec::Backend::Sqlite;

    // Read commands and doctor create nothing: no ledger there is a usage error.
    const Run history = cli({QStringLiteral("history")});
    CLI_EXIT(history, 2);
    QVERIFY2(CliRunner::isOneErrorLine(history.err), qPrintable(history.err));
    QVERIFY2(history.err.contains(Schema::noLedgerMessage(*fresh)), qPrintable(history.err));
    const Run doctor = cli({QStringLiteral("--json"), QStringLiteral("doctor")});
    CLI_EXIT(doctor, 2);
    QCOMPARE(doctor.json()[QStringLiteral("ok")].toBool(true), false);
    if (sqlite)
        QVERIFY2(!QFileInfo::exists(fresh->path), "doctor created the SQLite file");
    else
        QCOMPARE(doctor.json()[QStringLiteral("ledgerExists")].toBool(true), false);

    const Run init = cli({QStringLiteral("--json"), QStringLiteral("init")});
    CLI_EXIT(init, 0);
    const QJsonObject state = init.json().object();
    QCOMPARE(state.value(QStringLiteral("ledgerCreated")).toBool(), true);
    QCOMPARE(state.value(QStringLiteral("ownsLedger")).toBool(), true);
    QCOMPARE(state.value(QStringLiteral("schemaVersion")).toInt(), Schema::CurrentVersion);
    QCOMPARE(state.value(QStringLiteral("previousSchemaVersion")).toInt(), 0);
    QCOMPARE(state.value(QStringLiteral("backend")).toString(),
             sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql"));
    QVERIFY(!state.value(QStringLiteral("serverVersion")).toString().isEmpty());
    QCOMPARE(state.value(QStringLiteral("missingIndexes")).toArray().size(), 0);

    const Run again = cli({QStringLiteral("init")});
    CLI_EXIT(again, 0);
    QVERIFY2(again.out.contains(QLatin1String("up to date")), qPrintable(again.out));
    QVERIFY2(again.out.contains(QLatin1String("created by XP Admin")), qPrintable(again.out));

    const Run healthy = cli({QStringLiteral("doctor")});
    CLI_EXIT(healthy, 0);
    for (const char *line : {"Connection:", "Server:", "Qt SQL drivers:", "Schema version:", "Work indexes:"})
        QVERIFY2(healthy.out.contains(QLatin1String(line)), qPrintable(healthy.out));
    QVERIFY2(healthy.out.contains(sqlite ? QLatin1String("QSQLITE") : QLatin1String("QPSQL")), qPrintable(healthy.out));
    TestBackend::dropDatabase(*fresh);
}

void TestCliSetup::doctorOnPrismaDatabase()
{
    // A database whose ledger tables Prisma made: no XP Admin tables, no work indexes.
    QString why;
    const auto fresh = TestBackend::freshDatabase(&why);
    QVERIFY2(fresh, qPrintable(why));
    {
        auto db = Database::open(*fresh);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        const bool pg = fresh->backend == ConnectionSpec::Backend::Postgres;
        for (const QString &sql : pg ? LedgerDdl::postgres() : LedgerDdl::sqlite())
            QVERIFY((*db)->execute(sql));
    }
    CliRunner cli(fresh->toUrl(true));
    const Run doctor = cli({QStringLiteral("doctor")});
    CLI_EXIT(doctor, 1);
    QVERIFY2(doctor.out.contains(QLatin1String("another application")), qPrintable(doctor.out));
    for (const QString &line : LedgerDdl::prismaIndexLines())
        QVERIFY2(doctor.out.contains(line), qPrintable(doctor.out));

    const Run init = cli({QStringLiteral("init")});
    CLI_EXIT(init, 0);
    QVERIFY2(init.out.contains(QLatin1String("leaves them as they are")), qPrintable(init.out));
    // init never indexes Prisma's tables: doctor still asks for the @@index lines.
    const Run after = cli({QStringLiteral("--json"), QStringLiteral("doctor")});
    CLI_EXIT(after, 1);
    QCOMPARE(after.json()[QStringLiteral("ownsLedger")].toBool(true), false);
    QCOMPARE(after.json()[QStringLiteral("schemaVersion")].toInt(), Schema::CurrentVersion);
    QCOMPARE(after.json()[QStringLiteral("missingIndexes")].toArray().size(), LedgerDdl::workIndexes().size());
    QCOMPARE(after.json()[QStringLiteral("prismaIndexLines")].toArray().size(), LedgerDdl::prismaIndexLines().size());
    // Write commands work on it.
    CLI_EXIT(cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(cli(award(QStringLiteral("u1"), QStringLiteral("5"), QStringLiteral("a"), QStringLiteral("d"))), 0);
    TestBackend::dropDatabase(*fresh);
}

void TestCliSetup::demoThenVerifyAndTotals()
{
    const Run demo = m_cli({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("50"),
                            QStringLiteral("--transactions"), QStringLiteral("2000")});
    CLI_EXIT(demo, 0);
    static const QRegularExpression usersLine(QStringLiteral("^Users added: +50$"),
                                              QRegularExpression::MultilineOption);
    static const QRegularExpression rowsLine(QStringLiteral("^Transactions added: +2000$"),
                                             QRegularExpression::MultilineOption);
    QVERIFY2(demo.out.contains(usersLine) && demo.out.contains(rowsLine), qPrintable(demo.out));
    QVERIFY2(demo.out.contains(QLatin1String("Rows per second:")), qPrintable(demo.out));
    QVERIFY2(!demo.err.contains(QLatin1Char('\r')), "progress shown though stderr is no terminal");

    const Run verify = m_cli({QStringLiteral("verify")});
    CLI_EXIT(verify, 0);
    QVERIFY2(verify.out.contains(QLatin1String("intact")), qPrintable(verify.out));

    const Run grand = m_cli({QStringLiteral("--json"), QStringLiteral("totals")});
    const Run byCategory = m_cli(
        {QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--by"), QStringLiteral("category")});
    CLI_EXIT(grand, 0);
    CLI_EXIT(byCategory, 0);
    qint64 total = 0;
    qint64 count = 0;
    for (const QJsonValue &row : byCategory.json().array()) {
        QVERIFY(XpEnums::categoryFromName(row[QStringLiteral("key")].toString()));
        total += row[QStringLiteral("total")].toInteger();
        count += row[QStringLiteral("count")].toInteger();
    }
    QCOMPARE(total, grand.json()[0][QStringLiteral("total")].toInteger());
    QCOMPARE(count, 2000);
    auto sum = m_db->run(QStringLiteral("SELECT SUM(\"amount\"), count(DISTINCT \"userId\") FROM \"UserXP\""));
    QVERIFY(sum && sum->next());
    QCOMPARE(sum->integer(0), total);
    QVERIFY(sum->integer(1) <= 50);

    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("demo"), QStringLiteral("--users"),
                            QStringLiteral("3"), QStringLiteral("--transactions"), QStringLiteral("10")});
    CLI_EXIT(json, 0);
    for (const char *field : {"users", "transactions", "totalXP", "seconds", "rowsPerSecond"})
        QVERIFY2(json.json().object().contains(QLatin1String(field)), field);
    QCOMPARE(json.json()[QStringLiteral("transactions")].toInteger(), 10);
}

void TestCliSetup::demoCancelsOnCtrlC()
{
#ifdef Q_OS_UNIX
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const QString before = snapshot();
    QProcess process;
    // Long enough for the demo to be under way (a Ctrl+C before the command has set up its
    // handler ends the program, as it should: then try again, later), far too short for 50
    // million rows.
    for (const int delayMs : {1500, 4000, 10000}) {
        process.start(CliRunner::program(),
                      {QStringLiteral("--db"), m_cli.database(), QStringLiteral("demo"), QStringLiteral("--users"),
                       QStringLiteral("100"), QStringLiteral("--transactions"), QStringLiteral("50000000")});
        QVERIFY(process.waitForStarted());
        QTest::qWait(delayMs);
        QCOMPARE(process.state(), QProcess::Running);
        QCOMPARE(::kill(static_cast<pid_t>(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(120000));
        if (process.exitStatus() == QProcess::NormalExit)
            break;
    }
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    QVERIFY2(CliRunner::isOneErrorLine(err) && err.contains(QLatin1String("cancelled")), qPrintable(err));
    QCOMPARE(snapshot(), before);
#else
    QSKIP("Sends SIGINT: POSIX only");
#endif
}

QTEST_GUILESS_MAIN(TestCliSetup)
#include "TestCliSetup.moc"
