#include "tests/alerts/AlertFixture.h"
#include "tests/cli/CliRunner.h"

#include "core/alerts/AlertSettings.h"
#include "core/domain/Timestamp.h"
#include "core/roles/RoleSetting.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

// `alerts show|set|check` through the built xpadmin-cli, as an operator or a monitoring system
// runs them.
class TestAlertCli final : public QObject, private AlertFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void setShowsAndAudits();
    void badValuesNameTheField_data();
    void badValuesNameTheField();
    void checkPrintsOneLineAnAlert();
    void advisoryRoleIsRefused();

private:
    CliRunner m_cli;
};

void TestAlertCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
    // The same settings file as xpadmin-cli (the SQLite role).
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
}

void TestAlertCli::init()
{
    openDatabase();
    if (m_spec)
        m_cli.setDatabase(m_spec->toUrl(true));
}

void TestAlertCli::cleanup()
{
    RoleSetting::setSqliteRole(Role::Unrestricted);
    closeDatabase();
}

void TestAlertCli::setShowsAndAudits()
{
    const Run shown = m_cli(CliRunner::args({"alerts", "show", "--json"}));
    QVERIFY2(shown.exitCode == 0, qPrintable(shown.describe()));
    QCOMPARE(shown.json().object(), AlertRules().toJson());
    const Run set = m_cli(CliRunner::args({"alerts", "set", "--max-change", "750", "--max-per-hour", "12"}));
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QVERIFY2(set.out.contains(QLatin1String("above 750 XP")), qPrintable(set.describe()));
    const Run off = m_cli(CliRunner::args({"--json", "alerts", "set", "--direct-total", "off", "--max-per-hour", "0"}));
    QVERIFY2(off.exitCode == 0, qPrintable(off.describe()));
    QCOMPARE(off.json().object(), (AlertRules{750, 0, false}).toJson());
    QCOMPARE(*AlertSettings(*m_db).rules(), (AlertRules{750, 0, false}));
    QCOMPARE(auditCount(QStringLiteral("alert-rules")), 2);
    CLI_EXIT(m_cli(CliRunner::args({"alerts", "set"})), 2); // nothing to set
}

void TestAlertCli::badValuesNameTheField_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("field");
    QTest::newRow("words") << CliRunner::args({"alerts", "set", "--max-change", "lots"})
                           << QStringLiteral("largest single change (--max-change) \"lots\"");
    QTest::newRow("negative") << CliRunner::args({"alerts", "set", "--max-per-hour", "-3"})
                              << QStringLiteral("changes an hour by one actor (--max-per-hour) \"-3\"");
    QTest::newRow("switch") << CliRunner::args({"alerts", "set", "--direct-total", "sometimes"})
                            << QStringLiteral("direct change of a total (--direct-total) \"sometimes\"");
}

void TestAlertCli::badValuesNameTheField()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, field);
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    const Run run = m_cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(CliRunner::isOneErrorLine(run.err));
    QVERIFY2(run.err.contains(field), qPrintable(run.describe()));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
}

void TestAlertCli::checkPrintsOneLineAnAlert()
{
    QVERIFY(AlertSettings(*m_db).setRules(AlertRules{100, 0, true}));
    const qint64 from = lastSeq() + 1;
    adjust(100);
    const QList<AuditEvent> large = adjust(-101);
    appendAs(QStringLiteral("app"), Timestamp::now(), {totalEvent(true, 5, 500)});
    const Run text = m_cli(
        {QStringLiteral("alerts"), QStringLiteral("check"), QStringLiteral("--from-seq"), QString::number(from)});
    QCOMPARE(text.exitCode, 1); // alerts found
    QCOMPARE(text.out.count(QLatin1Char('\n')), 2);
    QVERIFY2(text.out.contains(QStringLiteral("ALERT large-change  #%1  ").arg(large.constFirst().seq)),
             qPrintable(text.describe()));
    QVERIFY2(text.out.contains(QLatin1String("ALERT direct-total")), qPrintable(text.describe()));
    const Run json = m_cli({QStringLiteral("alerts"), QStringLiteral("check"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 1);
    const QStringList lines = json.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0).toUtf8()).object();
    const QStringList keys{QStringLiteral("action"),   QStringLiteral("actor"), QStringLiteral("alert"),
                           QStringLiteral("amount"),   QStringLiteral("at"),    QStringLiteral("count"),
                           QStringLiteral("firstSeq"), QStringLiteral("limit"), QStringLiteral("message"),
                           QStringLiteral("operator"), QStringLiteral("seq"),   QStringLiteral("user"),
                           QStringLiteral("userId"),   QStringLiteral("xpId")};
    QCOMPARE(first.keys(), keys);
    QCOMPARE(first.value(QStringLiteral("alert")).toString(), QStringLiteral("large-change"));
    QCOMPARE(first.value(QStringLiteral("amount")).toInteger(), -101);
    QCOMPARE(first.value(QStringLiteral("user")).toString(), QStringLiteral("Bob Smith"));
    QCOMPARE(QJsonDocument::fromJson(lines.at(1).toUtf8()).object().value(QStringLiteral("alert")).toString(),
             QStringLiteral("direct-total"));
    // Nothing after the last one: exit 0.
    CLI_EXIT(m_cli({QStringLiteral("alerts"), QStringLiteral("check"), QStringLiteral("--from-seq"),
                    QString::number(lastSeq() + 1)}),
             0);
    CLI_EXIT(m_cli(CliRunner::args({"alerts", "check", "--since", "yesterday-ish"})), 2);
}

void TestAlertCli::advisoryRoleIsRefused()
{
    if (TestBackend::isPostgres())
        QSKIP("On PostgreSQL the database refuses it (TestAlertRules::refusedForNonOwners)");
    RoleSetting::setSqliteRole(Role::Admin);
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    const Run refused = m_cli(CliRunner::args({"alerts", "set", "--max-change", "5"}));
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains(
                 QLatin1String("Your role Admin (advisory, chosen in the settings) may not change the alert rules")),
             qPrintable(refused.describe()));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
    CLI_EXIT(m_cli(CliRunner::args({"alerts", "show"})), 0); // reading is everyone's
    CLI_EXIT(m_cli(CliRunner::args({"alerts", "check"})), 0);
}

QTEST_GUILESS_MAIN(TestAlertCli)
#include "TestAlertCli.moc"
