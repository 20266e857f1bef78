#include "tests/approval/SecondPerson.h"
#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include "core/users/Users.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

// `adjust` above the threshold, `pending list|approve|reject|threshold`, through the built
// xpadmin-cli as two people run it: alice asks, bob (another login on PostgreSQL) decides.
class TestApprovalCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void adjustAboveThresholdIsPending();
    void approveThroughTheBinary();
    void rejectThroughTheBinary();
    void thresholdCanBeSetAndSwitchedOff();
    void usageErrors_data();
    void usageErrors();

private:
    Run alice(const QStringList &arguments) const;
    Run bob(const QStringList &arguments) const;
    QString requestAsAlice(const QString &amount);
    qint64 rowsOfU1();

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SecondPerson> m_checker;
    CliRunner m_maker;
    CliRunner m_approver;
};

void TestApprovalCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void TestApprovalCli::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), {}));
    m_checker = std::make_unique<SecondPerson>();
    QString why;
    QVERIFY2(m_checker->setUp(spec, *m_db, &why), qPrintable(why));
    m_maker.setDatabase(spec.toUrl(true));
    // Without its password: the test server trusts local logins, and a password in --db draws a warning.
    m_approver.setDatabase(m_checker->spec().toUrl(false));
}

void TestApprovalCli::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_checker.reset();
    m_spec.reset();
}

Run TestApprovalCli::alice(const QStringList &arguments) const
{
    return m_maker(QStringList{QStringLiteral("--actor"), QStringLiteral("alice")} + arguments);
}

Run TestApprovalCli::bob(const QStringList &arguments) const
{
    return m_approver(QStringList{QStringLiteral("--actor"), QStringLiteral("bob")} + arguments);
}

QString TestApprovalCli::requestAsAlice(const QString &amount)
{
    const Run run = alice({QStringLiteral("--json"), QStringLiteral("adjust"), QStringLiteral("--user"),
                           QStringLiteral("u1"), QStringLiteral("--amount"), amount, QStringLiteral("--reason"),
                           QStringLiteral("Ticket 9: lost streak")});
    if (run.exitCode != 0)
        qWarning("%s", qPrintable(run.describe()));
    return run.json().object().value(QStringLiteral("request")).toObject().value(QStringLiteral("id")).toString();
}

qint64 TestApprovalCli::rowsOfU1()
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = 'u1'"))
        .toLongLong();
}

void TestApprovalCli::adjustAboveThresholdIsPending()
{
    const Run small = alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "20", "--reason", "small"}));
    CLI_EXIT(small, 0);
    QVERIFY2(small.out.contains(QLatin1String("Total XP of user u1 is now 20")), qPrintable(small.out));

    const Run held
        = alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "5000", "--reason", "Ticket 9: lost streak"}));
    CLI_EXIT(held, 0);
    QVERIFY2(held.out.startsWith(QLatin1String("Pending approval, id ")), qPrintable(held.out));
    QVERIFY2(held.out.contains(QLatin1String("+5000 XP for user u1")), qPrintable(held.out));
    QVERIFY2(held.out.contains(QLatin1String("threshold of 1000 XP, so it was not applied")), qPrintable(held.out));
    QVERIFY2(held.out.contains(QLatin1String("xpadmin-cli pending approve ")), qPrintable(held.out));
    QCOMPARE(rowsOfU1(), 1);

    const Run json
        = alice(CliRunner::args({"--json", "adjust", "--user", "u1", "--amount", "-2000", "--reason", "chargeback"}));
    CLI_EXIT(json, 0);
    const QJsonObject object = json.json().object();
    QCOMPARE(object.value(QStringLiteral("pending")).toBool(), true);
    QCOMPARE(object.value(QStringLiteral("threshold")).toString(), QStringLiteral("1000"));
    QCOMPARE(object.value(QStringLiteral("request")).toObject().value(QStringLiteral("amount")).toInt(), -2000);
    QCOMPARE(rowsOfU1(), 1);

    const Run list = bob(CliRunner::args({"pending", "list"}));
    CLI_EXIT(list, 0);
    QVERIFY2(list.out.contains(QLatin1String("+5000")) && list.out.contains(QLatin1String("-2000")),
             qPrintable(list.out));
    QVERIFY2(list.out.contains(QLatin1String("Ticket 9: lost streak")), qPrintable(list.out));
    QVERIFY2(list.out.contains(QLatin1String("alice")), qPrintable(list.out));
    const Run listJson = bob(CliRunner::args({"--json", "pending", "list"}));
    CLI_EXIT(listJson, 0);
    const QJsonArray requests = listJson.json().array();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
    QCOMPARE(requests.at(0).toObject().value(QStringLiteral("requestedOperator")).toString(), QStringLiteral("alice"));
}

void TestApprovalCli::approveThroughTheBinary()
{
    const QString id = requestAsAlice(QStringLiteral("5000"));
    QVERIFY(!id.isEmpty());

    const Run self = alice({QStringLiteral("pending"), QStringLiteral("approve"), id});
    CLI_EXIT(self, 2);
    QVERIFY2(CliRunner::isOneErrorLine(self.err), qPrintable(self.err));
    QVERIFY2(self.err.contains(QLatin1String("yourself")), qPrintable(self.err));
    QCOMPARE(rowsOfU1(), 0);

    const Run approved = bob({QStringLiteral("pending"), QStringLiteral("approve"), id, QStringLiteral("--reason"),
                              QStringLiteral("checked the streak log")});
    CLI_EXIT(approved, 0);
    QVERIFY2(approved.out.contains(QStringLiteral("Approved request %1").arg(id)), qPrintable(approved.out));
    QVERIFY2(approved.out.contains(QLatin1String("MANUAL_ADJUSTMENT")), qPrintable(approved.out));
    QVERIFY2(approved.out.contains(QLatin1String("Total XP of user u1 is now 5000")), qPrintable(approved.out));
    QCOMPARE(rowsOfU1(), 1);

    const Run user = bob(CliRunner::args({"--json", "user", "show", "--id", "u1"}));
    CLI_EXIT(user, 0);
    QCOMPARE(user.json().object().value(QStringLiteral("totalXP")).toInt(), 5000);

    const Run again = bob({QStringLiteral("pending"), QStringLiteral("approve"), id});
    CLI_EXIT(again, 2);
    QVERIFY2(again.err.contains(QLatin1String("already approved by bob")), qPrintable(again.err));
    QCOMPARE(rowsOfU1(), 1);

    const Run all = bob(CliRunner::args({"--json", "pending", "list", "--all"}));
    CLI_EXIT(all, 0);
    const QJsonObject decided = all.json().array().at(0).toObject();
    QCOMPARE(decided.value(QStringLiteral("state")).toString(), QStringLiteral("approved"));
    QCOMPARE(decided.value(QStringLiteral("decidedOperator")).toString(), QStringLiteral("bob"));
    QVERIFY(!decided.value(QStringLiteral("xpId")).toString().isEmpty());
    const Run verify = bob(CliRunner::args({"verify"}));
    CLI_EXIT(verify, 0);
}

void TestApprovalCli::rejectThroughTheBinary()
{
    const QString id = requestAsAlice(QStringLiteral("-3000"));
    QVERIFY(!id.isEmpty());
    const Run noReason = bob({QStringLiteral("pending"), QStringLiteral("reject"), id});
    CLI_EXIT(noReason, 2);
    QVERIFY2(noReason.err.contains(QLatin1String("--reason")), qPrintable(noReason.err));

    const Run rejected = bob(
        {QStringLiteral("pending"), QStringLiteral("reject"), id, QStringLiteral("--reason"), QStringLiteral("no")});
    CLI_EXIT(rejected, 0);
    QVERIFY2(rejected.out.contains(QStringLiteral("Rejected request %1").arg(id)), qPrintable(rejected.out));
    QCOMPARE(rowsOfU1(), 0);
    const Run list = bob(CliRunner::args({"pending", "list"}));
    CLI_EXIT(list, 0);
    QVERIFY2(list.out.contains(QLatin1String("No adjustments are waiting")), qPrintable(list.out));
    const Run late = bob({QStringLiteral("pending"), QStringLiteral("approve"), id});
    CLI_EXIT(late, 2);
    QVERIFY2(late.err.contains(QLatin1String("already rejected")), qPrintable(late.err));
    QCOMPARE(rowsOfU1(), 0);
}

void TestApprovalCli::thresholdCanBeSetAndSwitchedOff()
{
    const Run shown = bob(CliRunner::args({"pending", "threshold"}));
    CLI_EXIT(shown, 0);
    QVERIFY2(shown.out.contains(QLatin1String("1000 XP")), qPrintable(shown.out));
    CLI_EXIT(bob(CliRunner::args({"pending", "threshold", "10000"})), 0);
    const Run json = alice(CliRunner::args({"--json", "pending", "threshold"}));
    CLI_EXIT(json, 0);
    QCOMPARE(json.json().object().value(QStringLiteral("threshold")).toString(), QStringLiteral("10000"));

    const Run applied
        = alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "5000", "--reason", "under 10000"}));
    CLI_EXIT(applied, 0);
    QVERIFY2(applied.out.contains(QLatin1String("Total XP of user u1 is now 5000")), qPrintable(applied.out));

    const Run off = bob(CliRunner::args({"pending", "threshold", "off"}));
    CLI_EXIT(off, 0);
    QVERIFY2(off.out.contains(QLatin1String("off")), qPrintable(off.out));
    const Run big = alice(CliRunner::args({"adjust", "--user", "u1", "--amount", "50000", "--reason", "approval off"}));
    CLI_EXIT(big, 0);
    QVERIFY2(big.out.contains(QLatin1String("Total XP of user u1 is now 55000")), qPrintable(big.out));

    const Run bad = bob(CliRunner::args({"pending", "threshold", "lots"}));
    CLI_EXIT(bad, 2);
    QVERIFY2(CliRunner::isOneErrorLine(bad.err) && bad.err.contains(QLatin1String("\"lots\"")), qPrintable(bad.err));
    const Run shownAgain = bob(CliRunner::args({"pending", "threshold"}));
    QVERIFY2(shownAgain.out.contains(QLatin1String("off")), qPrintable(shownAgain.out));
}

void TestApprovalCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("help") << CliRunner::args({"pending", "--help"}) << 0 << QStringLiteral("pending approve ID");
    QTest::newRow("no subcommand") << CliRunner::args({"pending"}) << 2 << QStringLiteral("give a subcommand");
    QTest::newRow("unknown subcommand") << CliRunner::args({"pending", "frob"}) << 2 << QStringLiteral("\"frob\"");
    QTest::newRow("approve without id") << CliRunner::args({"pending", "approve"}) << 2 << QStringLiteral("request id");
    QTest::newRow("unknown id") << CliRunner::args({"pending", "approve", "nope"}) << 2
                                << QStringLiteral("no adjustment request");
    QTest::newRow("two ids") << CliRunner::args({"pending", "approve", "a", "b"}) << 2
                             << QStringLiteral("pending approve");
}

void TestApprovalCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    const Run run = bob(arguments);
    CLI_EXIT(run, exitCode);
    const QString text = exitCode == 0 ? run.out : run.err;
    QVERIFY2(text.contains(expected, Qt::CaseInsensitive), qPrintable(run.describe()));
    if (exitCode != 0)
        QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestApprovalCli)
#include "TestApprovalCli.moc"
