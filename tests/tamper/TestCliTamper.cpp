#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"
#include "tests/tamper/AuditTamper.h"

#include "core/audit/AuditReportCsv.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using Run = CliRunner::Run;

// The tamper evidence an operator scripts: `audit anchor`, `verify --anchor` after the log's
// newest events were removed by the database's owner, and `audit report` as CSV and PDF, run as
// the built xpadmin-cli on both backends.
class TestCliTamper final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void anchorThenVerifyHolds();
    void removedTailFailsVerifyNamingTheMissingEvents();
    void damagedAnchorIsAUsageError();
    void reportWritesCsv();
    void reportWritesPdfWithoutADisplay();
    void reportRefusesBadOptions();

private:
    void makeEvents();
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<Database> m_db;
    std::optional<ConnectionSpec> m_spec;
    CliRunner m_cli;
    QTemporaryDir m_dir;
};

void TestCliTamper::initTestCase()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void TestCliTamper::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    m_cli.setDatabase(spec.toUrl(true));
    makeEvents();
}

void TestCliTamper::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

// Events 1-2: user-add alice, bob; 3-7: awards to alice (3) and bob (2).
void TestCliTamper::makeEvents()
{
    for (const char *user : {"alice", "bob"})
        CLI_EXIT(m_cli(CliRunner::args({"user", "add", "--id", user, "--email", "x@example.com"})
                           .replaceInStrings(QStringLiteral("x@"), QString::fromLatin1(user) + QLatin1Char('@'))),
                 0);
    int n = 0;
    for (const char *user : {"alice", "bob", "alice", "bob", "alice"})
        CLI_EXIT(
            m_cli(CliRunner::args({"award", "--user", user, "--amount", "5", "--source-type", "USER_PROBLEM_ATTEMPT",
                                   "--category", "CORRECT_ANSWER", "--description", "answer", "--source-id"})
                  << QStringLiteral("s%1").arg(++n)),
            0);
}

void TestCliTamper::anchorThenVerifyHolds()
{
    const QString anchor = path(QStringLiteral("anchor.json"));
    const Run made = m_cli({QStringLiteral("audit"), QStringLiteral("anchor"), QStringLiteral("--out"), anchor});
    CLI_EXIT(made, 0);
    QVERIFY2(made.out.contains(QLatin1String("Anchored audit event 7")), qPrintable(made.out));
    const Run verified = m_cli({QStringLiteral("verify"), QStringLiteral("--anchor"), anchor});
    CLI_EXIT(verified, 0);
    QVERIFY2(verified.out.contains(QLatin1String("holds")), qPrintable(verified.out));
}

void TestCliTamper::removedTailFailsVerifyNamingTheMissingEvents()
{
    const QString anchor = path(QStringLiteral("anchor.json"));
    CLI_EXIT(m_cli({QStringLiteral("audit"), QStringLiteral("anchor"), QStringLiteral("--out"), anchor}), 0);
    QVERIFY(AuditTamper::truncateFrom(*m_db, 6));

    // The chain alone is still a perfect chain...
    CLI_EXIT(m_cli(CliRunner::args({"verify"})), 0);
    // ... the anchor finds the two events gone.
    const Run text = m_cli({QStringLiteral("verify"), QStringLiteral("--anchor"), anchor});
    CLI_EXIT(text, 1);
    QVERIFY2(text.out.contains(QLatin1String("BROKEN: events 6 to 7 are missing")), qPrintable(text.out));
    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("verify"), QStringLiteral("--anchor"), anchor});
    CLI_EXIT(json, 1);
    const QJsonObject result = json.json().object();
    QCOMPARE(result.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(result.value(QStringLiteral("chainIntact")).toBool(false), true);
    const QJsonObject anchorResult = result.value(QStringLiteral("anchor")).toObject();
    QCOMPARE(anchorResult.value(QStringLiteral("intact")).toBool(true), false);
    QCOMPARE(anchorResult.value(QStringLiteral("brokenEvent")).toInteger(), 6);
    QCOMPARE(anchorResult.value(QStringLiteral("newestSeq")).toInteger(), 5);
    QCOMPARE(anchorResult.value(QStringLiteral("seq")).toInteger(), 7);
}

void TestCliTamper::damagedAnchorIsAUsageError()
{
    const QString anchor = path(QStringLiteral("damaged.json"));
    QFile file(anchor);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"xpadmin-audit-anchor\", \"version\": 1, \"seq\": 3, \"hash\": \"zz\"}");
    file.close();
    const Run run = m_cli({QStringLiteral("verify"), QStringLiteral("--anchor"), anchor});
    CLI_EXIT(run, 2);
    QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
    QVERIFY(run.err.contains(QLatin1String("damaged")));
    const Run missing = m_cli({QStringLiteral("verify"), QStringLiteral("--anchor"), path(QStringLiteral("no.json"))});
    CLI_EXIT(missing, 2);
    QVERIFY(missing.err.contains(QLatin1String("no.json")));
}

void TestCliTamper::reportWritesCsv()
{
    const QString out = path(QStringLiteral("alice.csv"));
    const Run run
        = m_cli({QStringLiteral("audit"), QStringLiteral("report"), QStringLiteral("--user"), QStringLiteral("alice"),
                 QStringLiteral("--since"), QStringLiteral("2000-01-01"), QStringLiteral("--out"), out});
    CLI_EXIT(run, 0);
    QVERIFY2(run.out.contains(QLatin1String("Wrote 4 audit events of user alice")), qPrintable(run.out));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QVERIFY(lines.contains(QStringLiteral("user,alice")));
    QVERIFY(lines.contains(QStringLiteral("events,4")));
    QVERIFY(lines.contains(QStringLiteral("chain_head_seq,7")));
    QVERIFY(lines.contains(AuditReportCsv::columns().join(QLatin1Char(','))));
    // Events 1, 3, 5 and 7 are alice's; each row starts with its seq.
    QStringList seqs;
    for (const QString &line : lines.mid(lines.indexOf(AuditReportCsv::columns().join(QLatin1Char(','))) + 1))
        seqs << line.section(QLatin1Char(','), 0, 0);
    QCOMPARE(seqs, CliRunner::args({"1", "3", "5", "7"}));
}

void TestCliTamper::reportWritesPdfWithoutADisplay()
{
    const QString out = path(QStringLiteral("alice.pdf"));
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"XPADMIN_DB", "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.start(CliRunner::program(),
                  {QStringLiteral("--db"), m_cli.database(), QStringLiteral("audit"), QStringLiteral("report"),
                   QStringLiteral("--user"), QStringLiteral("bob"), QStringLiteral("--out"), out});
    QVERIFY(process.waitForFinished(120000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.isEmpty(), qPrintable(err)); // no noise from the GUI platform
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
}

void TestCliTamper::reportRefusesBadOptions()
{
    const Run noUser = m_cli(QStringList{QStringLiteral("audit"), QStringLiteral("report"), QStringLiteral("--out"),
                                         path(QStringLiteral("x.csv"))});
    CLI_EXIT(noUser, 2);
    QVERIFY2(CliRunner::isOneErrorLine(noUser.err), qPrintable(noUser.err));
    const Run badSuffix = m_cli({QStringLiteral("audit"), QStringLiteral("report"), QStringLiteral("--user"),
                                 QStringLiteral("alice"), QStringLiteral("--out"), path(QStringLiteral("x.txt"))});
    CLI_EXIT(badSuffix, 2);
    QVERIFY(badSuffix.err.contains(QLatin1String(".pdf or .csv")));
    const Run badDate = m_cli({QStringLiteral("audit"), QStringLiteral("report"), QStringLiteral("--user"),
                               QStringLiteral("alice"), QStringLiteral("--since"), QStringLiteral("2026-13-45"),
                               QStringLiteral("--out"), path(QStringLiteral("x.csv"))});
    CLI_EXIT(badDate, 2);
    QVERIFY(badDate.err.contains(QLatin1String("--since")));
    const Run unknown = m_cli(CliRunner::args({"audit", "rewrite"}));
    CLI_EXIT(unknown, 2);
    QVERIFY(!QFile::exists(path(QStringLiteral("x.csv"))));
    QVERIFY(!QFile::exists(path(QStringLiteral("x.txt"))));
}

QTEST_GUILESS_MAIN(TestCliTamper)
#include "TestCliTamper.moc"
