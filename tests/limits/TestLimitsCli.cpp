#include "tests/cli/CliRunner.h"
#include "tests/limits/LimitsFixture.h"

#include "core/limits/LimitCheck.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

// `limits show|set` and `adjust` above a limit, through the built xpadmin-cli as a person runs
// it: alice (the owner's login on PostgreSQL, the operator alice on SQLite).
class TestLimitsCli final : public QObject, private LimitsFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
        // The settings the command-line tool reads (the SQLite role), in this test's own folder.
        QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
        QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    }
    void init();
    void cleanup() { closeLimitsDatabase(); }

    void showTellsTheRoomLeft();
    void adjustSaysWhyItWasHeld();
    void setErrorsChangeNothing_data();
    void setErrorsChangeNothing();
    void setRefusedForSupport();
    void bulkSaysWhichRowsWait();

private:
    Run alice(const QStringList &arguments) const
    {
        return m_cli(QStringList{QStringLiteral("--actor"), QStringLiteral("alice")} + arguments);
    }
    QString person() const
    {
        return TestBackend::isPostgres() ? LimitCheck::connectedPerson(*m_db) : QStringLiteral("alice");
    }

    CliRunner m_cli;
};

void TestLimitsCli::init()
{
    openLimitsDatabase();
    if (m_spec)
        m_cli.setDatabase(m_spec->toUrl(true));
}

void TestLimitsCli::showTellsTheRoomLeft()
{
    const Run set = alice({QStringLiteral("limits"), QStringLiteral("set"), QStringLiteral("--person"), person(),
                           QStringLiteral("--per-change"), QStringLiteral("2000"), QStringLiteral("--per-day"),
                           QStringLiteral("5000")});
    CLI_EXIT(set, 0);
    QVERIFY2(set.out.contains(QLatin1String("per change 2,000 XP, per day 5,000 XP")), qPrintable(set.out));
    CLI_EXIT(alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "-1500", "--reason", "Ticket 3"})), 0);
    const Run show = alice(CliRunner::args({"limits", "show"}));
    CLI_EXIT(show, 0);
    QVERIFY2(show.out.contains(QLatin1String("Per change: 2,000 XP")), qPrintable(show.out));
    QVERIFY2(show.out.contains(QLatin1String("Moved today: 1,500 XP")), qPrintable(show.out));
    QVERIFY2(show.out.contains(QLatin1String("You can still move 3,500 XP today.")), qPrintable(show.out));
    QVERIFY2(show.out.contains(QLatin1String("person ") + person()), qPrintable(show.out));
    const Run json = alice(CliRunner::args({"limits", "show", "--json"}));
    CLI_EXIT(json, 0);
    const QJsonObject limits = json.json().object().value(QStringLiteral("person")).toObject();
    QCOMPARE(limits.value(QStringLiteral("person")).toString(), person());
    QCOMPARE(limits.value(QStringLiteral("movedToday")).toInt(), 1500);
    QCOMPARE(limits.value(QStringLiteral("leftToday")).toInt(), 3500);
    QCOMPARE(limits.value(QStringLiteral("perDayFrom")).toString(), QStringLiteral("person"));
    QCOMPARE(json.json().object().value(QStringLiteral("rules")).toArray().size(), 1);
    // Another person's: nothing moved, no limits.
    const Run other = alice(CliRunner::args({"limits", "show", "--person", "nobody", "--json"}));
    CLI_EXIT(other, 0);
    QCOMPARE(
        other.json().object().value(QStringLiteral("person")).toObject().value(QStringLiteral("movedToday")).toInt(),
        0);
}

void TestLimitsCli::adjustSaysWhyItWasHeld()
{
    CLI_EXIT(alice({QStringLiteral("limits"), QStringLiteral("set"), QStringLiteral("--person"), person(),
                    QStringLiteral("--per-change"), QStringLiteral("2000"), QStringLiteral("--per-day"),
                    QStringLiteral("3000")}),
             0);
    const Run big = alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "2500", "--reason", "Ticket 4"}));
    CLI_EXIT(big, 0);
    QVERIFY2(big.out.startsWith(QLatin1String("Pending approval, id ")), qPrintable(big.out));
    QVERIFY2(big.out.contains(QLatin1String("was not applied, because it is above your limit of 2,000 XP per change")),
             qPrintable(big.out));
    CLI_EXIT(alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "400", "--reason", "Ticket 5"})), 0);
    const Run day
        = alice(CliRunner::args({"--json", "adjust", "--user", "u1", "--amount", "200", "--reason", "Ticket 6"}));
    CLI_EXIT(day, 0);
    QCOMPARE(day.json().object().value(QStringLiteral("heldFor")).toString(), QStringLiteral("limit-per-day"));
    QCOMPARE(
        day.json().object().value(QStringLiteral("request")).toObject().value(QStringLiteral("heldFor")).toString(),
        QStringLiteral("limit-per-day"));
    const Run text = alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "-100", "--reason", "Ticket 7"}));
    CLI_EXIT(text, 0);
    QVERIFY2(text.out.contains(QLatin1String("because with it you would have moved 3,200 XP today, above your limit "
                                             "of 3,000 XP a day")),
             qPrintable(text.out));
    QCOMPARE(totalOf(QStringLiteral("u1")), 400);
}

void TestLimitsCli::setErrorsChangeNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("neither") << CliRunner::args({"limits", "set", "--per-day", "10"}) << 2
                             << QStringLiteral("give --role ROLE or --person NAME, one of them");
    QTest::newRow("both") << CliRunner::args({"limits", "set", "--role", "support", "--person", "x", "--per-day", "1"})
                          << 2 << QStringLiteral("give --role ROLE or --person NAME, one of them");
    QTest::newRow("no limit") << CliRunner::args({"limits", "set", "--role", "support"}) << 2
                              << QStringLiteral("give --per-change, --per-day or both");
    QTest::newRow("not a number") << CliRunner::args({"limits", "set", "--role", "support", "--per-change", "lots"})
                                  << 2 << QStringLiteral("--per-change \"lots\" is not valid");
    QTest::newRow("negative") << CliRunner::args({"limits", "set", "--role", "support", "--per-day", "-5"}) << 2
                              << QStringLiteral("--per-day \"-5\" is not valid");
    QTest::newRow("unknown role") << CliRunner::args({"limits", "set", "--role", "boss", "--per-day", "5"}) << 2
                                  << QStringLiteral("--role \"boss\" is not a role limits are set for: use auditor, "
                                                    "support, admin");
    QTest::newRow("unknown subcommand") << CliRunner::args({"limits", "raise"}) << 2
                                        << QStringLiteral("unknown subcommand \"raise\"");
}

void TestLimitsCli::setErrorsChangeNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QByteArray before = TestBackend::contentDigest(*m_db);
    const Run run = alice(arguments);
    CLI_EXIT(run, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.describe()));
    QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
    QCOMPARE(TestBackend::contentDigest(*m_db), before);
}

void TestLimitsCli::setRefusedForSupport()
{
    auto sam = openSupport();
    QVERIFY(sam);
    sam.reset();
    const QByteArray before = TestBackend::contentDigest(*m_db);
    const CliRunner support(m_supportSpec.toUrl(false));
    const Run run
        = support(CliRunner::args({"--actor", "sam", "limits", "set", "--role", "support", "--per-day", "1000000"}));
    CLI_EXIT(run, 4);
    QVERIFY2(run.err.contains(QLatin1String("may not set the adjustment limits")), qPrintable(run.describe()));
    QCOMPARE(TestBackend::contentDigest(*m_db), before);
    // Reading them is everyone's.
    CLI_EXIT(support(CliRunner::args({"--actor", "sam", "limits", "show"})), 0);
}

void TestLimitsCli::bulkSaysWhichRowsWait()
{
    CLI_EXIT(alice({QStringLiteral("limits"), QStringLiteral("set"), QStringLiteral("--person"), person(),
                    QStringLiteral("--per-change"), QStringLiteral("1000")}),
             0);
    const QString path = writeCsv("userId,amount,reason\nu1,200,contest\nu2,5000,contest\nu1,-300,fix\n");
    const Run run = alice({QStringLiteral("adjust-bulk"), path});
    CLI_EXIT(run, 0);
    QVERIFY2(run.out.contains(QLatin1String("1 (above the approval threshold or your limits)")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("limit-per-change")), qPrintable(run.out));
    QCOMPARE(totalOf(QStringLiteral("u1")), -100);
    QCOMPARE(totalOf(QStringLiteral("u2")), 0);
    const Run list = alice(CliRunner::args({"pending", "list"}));
    CLI_EXIT(list, 0);
    QVERIFY2(list.out.contains(QLatin1String("HELD FOR")) && list.out.contains(QLatin1String("limit-per-change")),
             qPrintable(list.out));
}

QTEST_GUILESS_MAIN(TestLimitsCli)
#include "TestLimitsCli.moc"
