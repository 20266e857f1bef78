#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

// `user find` and `user show` as a support person uses them: find someone by part of a name,
// an email or an id, then show them by the id found.
class TestCliUsers final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init();
    void cleanup() { closeDatabase(); }

    void findMatchesIdEmailOrName_data();
    void findMatchesIdEmailOrName();
    void findTreatsWildcardsAsText();
    void findShowsTableWithTotals();
    void findLimitsAndSaysSo();
    void findRefusesBadUsage();
    void showTakesTheIdFoundByFind();

private:
    void addUser(const char *id, const char *email, const char *name);
    QStringList foundIds(const QString &text);
};

void TestCliUsers::addUser(const char *id, const char *email, const char *name)
{
    CLI_EXIT(m_cli(CliRunner::args({"user", "add", "--id", id, "--email", email, "--name", name})), 0);
}

void TestCliUsers::init()
{
    openDatabase();
    if (QTest::currentTestFailed())
        return;
    addUser("cm0alpha", "ada.lovelace@example.com", "Ada Lovelace");
    addUser("cm1beta", "grace@example.org", "Grace Hopper");
    addUser("cm2gamma", "percent@example.com", "100% Sure");
    addUser("cm3delta", "under_score@example.com", "Linus");
    addUser("ada", "someone@example.net", "Someone Else");
}

QStringList TestCliUsers::foundIds(const QString &text)
{
    const Run run = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("find"), text});
    if (run.exitCode != 0)
        return {QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.err)};
    QStringList ids;
    for (const QJsonValue &user : run.json().array())
        ids << user[QStringLiteral("id")].toString();
    return ids;
}

void TestCliUsers::findMatchesIdEmailOrName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("part of a name, any case") << QStringLiteral("hopp") << QStringList{QStringLiteral("cm1beta")};
    QTest::newRow("upper case") << QStringLiteral("LOVELACE") << QStringList{QStringLiteral("cm0alpha")};
    QTest::newRow("part of an email") << QStringLiteral("example.org") << QStringList{QStringLiteral("cm1beta")};
    QTest::newRow("part of an id") << QStringLiteral("gamm") << QStringList{QStringLiteral("cm2gamma")};
    // The exact id comes first, then the others by name.
    QTest::newRow("exact id first") << QStringLiteral("ada")
                                    << QStringList{QStringLiteral("ada"), QStringLiteral("cm0alpha")};
    QTest::newRow("exact email first") << QStringLiteral("someone@example.net") << QStringList{QStringLiteral("ada")};
    QTest::newRow("nothing") << QStringLiteral("zebra") << QStringList{};
    QTest::newRow("spaces around") << QStringLiteral("  grace ") << QStringList{QStringLiteral("cm1beta")};
}

void TestCliUsers::findMatchesIdEmailOrName()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QCOMPARE(foundIds(text), ids);
}

void TestCliUsers::findTreatsWildcardsAsText()
{
    // % and _ are what people type, not patterns: only the users that contain them match.
    QCOMPARE(foundIds(QStringLiteral("%")), QStringList{QStringLiteral("cm2gamma")});
    QCOMPARE(foundIds(QStringLiteral("_")), QStringList{QStringLiteral("cm3delta")});
    QCOMPARE(foundIds(QStringLiteral("0% s")), QStringList{QStringLiteral("cm2gamma")});
    QCOMPARE(foundIds(QStringLiteral("\\")), QStringList{});
}

void TestCliUsers::findShowsTableWithTotals()
{
    CLI_EXIT(m_cli(award(QStringLiteral("cm1beta"), QStringLiteral("1250"), QStringLiteral("s1"),
                         QStringLiteral("Correct answer"))),
             0);
    const Run run = m_cli({QStringLiteral("user"), QStringLiteral("find"), QStringLiteral("grace")});
    CLI_EXIT(run, 0);
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(QLatin1String("ID")) && lines.at(0).contains(QLatin1String("NAME"))
                 && lines.at(0).contains(QLatin1String("EMAIL")) && lines.at(0).contains(QLatin1String("TOTAL XP")),
             qPrintable(lines.at(0)));
    const QStringList cells = lines.at(1).split(QStringLiteral("  "), Qt::SkipEmptyParts);
    QCOMPARE(cells.size(), 4);
    QCOMPARE(cells.at(0).trimmed(), QStringLiteral("cm1beta"));
    QCOMPARE(cells.at(1).trimmed(), QStringLiteral("Grace Hopper"));
    QCOMPARE(cells.at(2).trimmed(), QStringLiteral("grace@example.org"));
    QCOMPARE(cells.at(3).trimmed(), QStringLiteral("1250"));

    const Run json
        = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("find"), QStringLiteral("grace")});
    CLI_EXIT(json, 0);
    const QJsonObject user = json.json().array().at(0).toObject();
    QCOMPARE(user.value(QStringLiteral("totalXP")).toInteger(), 1250);
    QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("Grace Hopper"));
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("grace@example.org"));

    const Run none = m_cli({QStringLiteral("user"), QStringLiteral("find"), QStringLiteral("zebra")});
    CLI_EXIT(none, 0);
    QVERIFY2(none.out.contains(QLatin1String("\"zebra\"")), qPrintable(none.out));
}

void TestCliUsers::findLimitsAndSaysSo()
{
    // Every user's email contains "example".
    const Run two = m_cli(CliRunner::args({"--json", "user", "find", "example", "--limit", "2"}));
    CLI_EXIT(two, 0);
    QCOMPARE(two.json().array().size(), 2);
    const Run text = m_cli(CliRunner::args({"user", "find", "example", "--limit", "2"}));
    CLI_EXIT(text, 0);
    QVERIFY2(text.err.contains(QLatin1String("--limit")), qPrintable(text.describe()));
    const Run all = m_cli(CliRunner::args({"user", "find", "example"}));
    CLI_EXIT(all, 0);
    QVERIFY2(all.err.isEmpty(), qPrintable(all.describe()));
    QCOMPARE(all.out.count(QLatin1Char('\n')), 6);
    // Listed by name.
    QCOMPARE(foundIds(QStringLiteral("example")),
             (QStringList{QStringLiteral("cm2gamma"), QStringLiteral("cm0alpha"), QStringLiteral("cm1beta"),
                          QStringLiteral("cm3delta"), QStringLiteral("ada")}));
}

void TestCliUsers::findRefusesBadUsage()
{
    for (const QStringList &arguments :
         {CliRunner::args({"user", "find"}), CliRunner::args({"user", "find", "  "}),
          CliRunner::args({"user", "find", "a", "--limit", "0"}), CliRunner::args({"user", "find", "a", "b"})}) {
        const Run run = m_cli(arguments);
        CLI_EXIT(run, 2);
        QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.describe()));
    }
}

void TestCliUsers::showTakesTheIdFoundByFind()
{
    const QString id = foundIds(QStringLiteral("lovelace")).value(0);
    QCOMPARE(id, QStringLiteral("cm0alpha"));
    const Run positional = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"), id});
    CLI_EXIT(positional, 0);
    QCOMPARE(positional.json()[QStringLiteral("name")].toString(), QStringLiteral("Ada Lovelace"));
    const Run option
        = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"), QStringLiteral("--id"), id});
    CLI_EXIT(option, 0);
    QCOMPARE(option.json(), positional.json());

    const Run unknown = m_cli(CliRunner::args({"user", "show", "alice"}));
    CLI_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains(QLatin1String("user find")), qPrintable(unknown.describe()));
    CLI_EXIT(m_cli(CliRunner::args({"user", "show", "cm0alpha", "--id", "cm1beta"})), 2);
    CLI_EXIT(m_cli(CliRunner::args({"user", "show"})), 2);
}

QTEST_GUILESS_MAIN(TestCliUsers)
#include "TestCliUsers.moc"
