#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include <QFileInfo>
#include <QTest>

using Run = CliRunner::Run;

// What the CLI says about how it was called: its version, the help of every command, and its
// refusals of bad arguments and bad input, each one line on stderr that changes nothing.
class TestCliUsage final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    // One database for the rows that must change nothing: each compares it before and after
    // itself. The rows that write first get a fresh one each.
    void init()
    {
        if (!m_db)
            openDatabase();
    }
    void cleanup()
    {
        if (qstrcmp(QTest::currentTestFunction(), "usageErrors") != 0 || QTest::currentTestFailed())
            closeDatabase();
    }
    void cleanupTestCase() { closeDatabase(); }

    void versionAndHelp();
    void helpOfEveryCommand_data();
    void helpOfEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void unreachableDatabase();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
};

void TestCliUsage::versionAndHelp()
{
    const Run version = CliRunner::raw({QStringLiteral("--version")});
    CLI_EXIT(version, 0);
    QCOMPARE(version.out,
             QStringLiteral("xpadmin-cli %1 (Qt %2)\n")
                 .arg(QStringLiteral(XPADMIN_VERSION), QString::fromLatin1(qVersion())));
    const Run help = CliRunner::raw({QStringLiteral("--help")});
    CLI_EXIT(help, 0);
    for (const char *command : {"init", "user", "demo", "award", "adjust", "rollback", "delete-source", "restore",
                                "recalc", "verify", "history", "totals", "doctor"})
        QVERIFY2(help.out.contains(QLatin1String("\n  ") + QLatin1String(command) + QLatin1Char(' ')), command);
    QVERIFY(help.err.isEmpty());
}

void TestCliUsage::helpOfEveryCommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("award") << CliRunner::args({"award", "--help"}) << QStringLiteral("--source-type");
    QTest::newRow("adjust") << CliRunner::args({"adjust", "-h"}) << QStringLiteral("--reason");
    QTest::newRow("rollback") << CliRunner::args({"rollback", "--help"}) << QStringLiteral("--id");
    QTest::newRow("delete-source") << CliRunner::args({"delete-source", "--help"}) << QStringLiteral("--source-id");
    QTest::newRow("restore") << CliRunner::args({"restore", "--help"}) << QStringLiteral("--reason");
    QTest::newRow("recalc") << CliRunner::args({"recalc", "--help"}) << QStringLiteral("--all");
    QTest::newRow("verify") << CliRunner::args({"verify", "--help"}) << QStringLiteral("--repair");
    QTest::newRow("history") << CliRunner::args({"history", "--help"}) << QStringLiteral("--limit");
    QTest::newRow("totals") << CliRunner::args({"totals", "--help"}) << QStringLiteral("--by");
    QTest::newRow("demo") << CliRunner::args({"demo", "--help"}) << QStringLiteral("--transactions");
    QTest::newRow("init") << CliRunner::args({"init", "--help"}) << QStringLiteral("Usage");
    QTest::newRow("doctor") << CliRunner::args({"doctor", "--help"}) << QStringLiteral("Usage");
    QTest::newRow("user add") << CliRunner::args({"user", "add", "--help"}) << QStringLiteral("--email");
    QTest::newRow("user show") << CliRunner::args({"user", "show", "--help"}) << QStringLiteral("--id");
    QTest::newRow("--help before command") << CliRunner::args({"--help", "totals"}) << QStringLiteral("--by");
}

void TestCliUsage::helpOfEveryCommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    // A malformed --db must not matter: help opens nothing.
    const Run run = CliRunner::raw(QStringList{QStringLiteral("--db"), QStringLiteral("mysql://x")} + arguments);
    CLI_EXIT(run, 0);
    QVERIFY2(run.out.startsWith(QLatin1String("Usage: xpadmin-cli")), qPrintable(run.out));
    QVERIFY2(run.out.contains(mentions), qPrintable(run.out));
}

void TestCliUsage::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << QStringLiteral("no command given");
    QTest::newRow("unknown command") << CliRunner::args({"frobnicate"})
                                     << QStringLiteral("unknown command \"frobnicate\"");
    QTest::newRow("unknown global option")
        << CliRunner::args({"--bogus", "totals"}) << QStringLiteral("unknown option --bogus");
    QTest::newRow("unknown option") << CliRunner::args({"totals", "--bogus"})
                                    << QStringLiteral("totals: unknown option --bogus");
    QTest::newRow("global option after command")
        << CliRunner::args({"totals", "--json"}) << QStringLiteral("--json is a global option");
    QTest::newRow("missing value") << CliRunner::args({"history", "--limit"}) << QStringLiteral("history:");
    QTest::newRow("stray argument") << CliRunner::args({"verify", "now"})
                                    << QStringLiteral("unexpected argument \"now\"");
    QTest::newRow("missing required option") << CliRunner::args({"adjust", "--user", "u1", "--amount", "5"})
                                             << QStringLiteral("adjust: --reason is required");
    QTest::newRow("recalc with both") << CliRunner::args({"recalc", "--all", "--user", "u1"})
                                      << QStringLiteral("either --user ID or --all");
    QTest::newRow("recalc with neither") << CliRunner::args({"recalc"}) << QStringLiteral("either --user ID or --all");
    QTest::newRow("rollback without id") << CliRunner::args({"rollback", "--reason", "r"})
                                         << QStringLiteral("--id is required");
    QTest::newRow("user without subcommand") << CliRunner::args({"user"}) << QStringLiteral("give a subcommand");
    QTest::newRow("user delete") << CliRunner::args({"user", "delete"})
                                 << QStringLiteral("unknown subcommand \"delete\"");
    QTest::newRow("bad date") << CliRunner::args({"history", "--since", "yesterday"})
                              << QStringLiteral("--since \"yesterday\" is not a date");
    QTest::newRow("bad until") << CliRunner::args({"totals", "--until", "2026-13-45"})
                               << QStringLiteral("--until \"2026-13-45\" is not a date");
    QTest::newRow("negative limit") << CliRunner::args({"history", "--limit", "-1"})
                                    << QStringLiteral("--limit \"-1\" is out of range");
    QTest::newRow("limit not a number") << CliRunner::args({"history", "--limit", "ten"})
                                        << QStringLiteral("--limit \"ten\" is not a whole number");
    QTest::newRow("unknown grouping") << CliRunner::args({"totals", "--by", "year"})
                                      << QStringLiteral("--by \"year\" is not a grouping; valid names are");
    QTest::newRow("unknown chart") << CliRunner::args({"totals", "--chart", "pie"})
                                   << QStringLiteral("--chart \"pie\" is not a chart; valid names are category-share");
    QTest::newRow("chart with grouping") << CliRunner::args({"totals", "--chart", "over-time", "--by", "day"})
                                         << QStringLiteral("it does not take --by");
    QTest::newRow("chart with bad since")
        << CliRunner::args({"totals", "--chart", "top-users", "--since", "2026-02-30"})
        << QStringLiteral("--since \"2026-02-30\" is not a date");
    QTest::newRow("demo users 0") << CliRunner::args({"demo", "--users", "0"})
                                  << QStringLiteral("--users 0 is out of range");
    QTest::newRow("demo users abc") << CliRunner::args({"demo", "--users", "abc"})
                                    << QStringLiteral("--users \"abc\" is not a whole number");
}

void TestCliUsage::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString before = snapshot();
    const Run run = m_cli(arguments);
    CLI_EXIT(run, 2);
    QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QCOMPARE(snapshot(), before);
}

void TestCliUsage::unreachableDatabase()
{
    // Nothing listens on port 1: libpq's message spans lines, the CLI prints one.
    const Run run = CliRunner::raw(
        {QStringLiteral("--db"), QStringLiteral("postgresql://xp@127.0.0.1:1/ledger"), QStringLiteral("totals")});
    CLI_EXIT(run, 3);
    QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("postgresql://xp@127.0.0.1:1/ledger")), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestCliUsage::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments"); // {XPID} stands for an existing transaction's id
    QTest::addColumn<QString>("message");
    const auto awardWith = [](const char *option, const char *value) {
        QStringList arguments
            = award(QStringLiteral("u1"), QStringLiteral("5"), QStringLiteral("p-9"), QStringLiteral("fine"));
        const qsizetype at = arguments.indexOf(QLatin1String(option));
        arguments[at + 1] = QString::fromUtf8(value);
        return arguments;
    };
    QTest::newRow("amount 0") << awardWith("--amount", "0") << QStringLiteral("--amount must not be 0");
    QTest::newRow("amount abc") << awardWith("--amount", "abc")
                                << QStringLiteral("--amount \"abc\" is not a whole number");
    QTest::newRow("amount 99999999999") << awardWith("--amount", "99999999999")
                                        << QStringLiteral("--amount 99999999999 is out of range");
    QTest::newRow("amount -2147483649") << awardWith("--amount", "-2147483649")
                                        << QStringLiteral("--amount -2147483649 is out of range");
    QTest::newRow("amount 1.5") << awardWith("--amount", "1.5")
                                << QStringLiteral("--amount \"1.5\" is not a whole number");
    QTest::newRow("unknown category")
        << awardWith("--category", "BONUS")
        << QStringLiteral("--category \"BONUS\" is not a category; valid names are CORRECT_ANSWER, STREAK_BONUS, "
                          "ACHIEVEMENT, MANUAL");
    QTest::newRow("unknown source type")
        << awardWith("--source-type", "QUIZ")
        << QStringLiteral("--source-type \"QUIZ\" is not a source type; valid names are USER_PROBLEM_ATTEMPT, "
                          "MANUAL_ADJUSTMENT, SPECIAL_ACHIEVEMENT, DAILY_STREAK");
    QTest::newRow("blank description") << awardWith("--description", "   ")
                                       << QStringLiteral("--description is required and must not be empty");
    QTest::newRow("long description") << awardWith("--description", QByteArray(1001, 'x').constData())
                                      << QStringLiteral("--description is too long: 1001 characters, at most 1000");
    QTest::newRow("empty source id") << awardWith("--source-id", "") << QStringLiteral("--source-id is required");
    QTest::newRow("unknown user") << awardWith("--user", "ghost") << QStringLiteral("Unknown user \"ghost\"");
    QTest::newRow("total past 32 bits") << awardWith("--amount", "2147483647")
                                        << QStringLiteral("past the limit of the 32-bit");
    QTest::newRow("adjust amount 0") << CliRunner::args({"adjust", "--user", "u1", "--amount", "0", "--reason", "r"})
                                     << QStringLiteral("--amount must not be 0");
    QTest::newRow("adjust empty reason") << CliRunner::args({"adjust", "--user", "u1", "--amount", "5", "--reason", ""})
                                         << QStringLiteral("--reason is required and must not be empty");
    QTest::newRow("adjust unknown user") << CliRunner::args(
        {"adjust", "--user", "ghost", "--amount", "5", "--reason", "r"})
                                         << QStringLiteral("Unknown user \"ghost\"");
    QTest::newRow("rollback missing id") << CliRunner::args({"rollback", "--id", "nope", "--reason", "r"})
                                         << QStringLiteral("Transaction \"nope\" does not exist");
    QTest::newRow("rollback of one missing of two")
        << CliRunner::args({"rollback", "--id", "{XPID}", "--id", "nope", "--reason", "r"})
        << QStringLiteral("Transaction \"nope\" does not exist");
    QTest::newRow("rollback empty reason") << CliRunner::args({"rollback", "--id", "{XPID}", "--reason", " "})
                                           << QStringLiteral("--reason is required and must not be empty");
    QTest::newRow("restore never rolled back")
        << CliRunner::args({"restore", "--id", "{XPID}", "--reason", "r"}) << QStringLiteral("was never rolled back");
    QTest::newRow("restore missing id") << CliRunner::args({"restore", "--id", "nope", "--reason", "r"})
                                        << QStringLiteral("Transaction \"nope\" was never rolled back");
    QTest::newRow("delete unknown source")
        << CliRunner::args({"delete-source", "--source-type", "DAILY_STREAK", "--source-id", "p-1", "--reason", "r"})
        << QStringLiteral("No transactions have source DAILY_STREAK \"p-1\"");
    QTest::newRow("user add existing") << CliRunner::args({"user", "add", "--id", "u1", "--email", "other@example.com"})
                                       << QStringLiteral("A user with id \"u1\" already exists");
    QTest::newRow("user add bad email") << CliRunner::args({"user", "add", "--id", "u9", "--email", "nope"})
                                        << QStringLiteral("--email \"nope\" is not an email address");
    QTest::newRow("user show unknown") << CliRunner::args({"user", "show", "--id", "ghost"})
                                       << QStringLiteral("Unknown user \"ghost\"");
    QTest::newRow("recalc unknown user") << CliRunner::args({"recalc", "--user", "ghost"})
                                         << QStringLiteral("Unknown user \"ghost\"");
    QTest::newRow("db port out of range")
        << CliRunner::args({"--db", "postgresql://host:99999/db", "totals"})
        << QStringLiteral("--db postgresql://host:99999/db is not a valid PostgreSQL URL");
    QTest::newRow("db mysql") << CliRunner::args({"--db", "mysql://x", "award", "--user", "u1", "--amount", "5",
                                                  "--source-type", "DAILY_STREAK", "--source-id", "s", "--category",
                                                  "MANUAL", "--description", "d"})
                              << QStringLiteral("--db mysql://x: unknown kind of database");
    QTest::newRow("db without database") << CliRunner::args({"--db", "postgresql://host/", "history"})
                                         << QStringLiteral("names no database");
}

void TestCliUsage::badInputChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run awarded
        = m_cli(QStringList{QStringLiteral("--json")}
                + award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("p-1"), QStringLiteral("before")));
    CLI_EXIT(awarded, 0);
    arguments.replaceInStrings(QStringLiteral("{XPID}"), transactionId(awarded));

    const QString before = snapshot();
    // The malformed --db rows name their own database; the last --db given would win otherwise.
    const Run run = arguments.constFirst() == QLatin1String("--db") ? CliRunner::raw(arguments) : m_cli(arguments);
    CLI_EXIT(run, 2);
    QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    QCOMPARE(snapshot(), before);
}

QTEST_GUILESS_MAIN(TestCliUsage)
#include "TestCliUsage.moc"
