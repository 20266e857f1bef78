#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include "core/ledger/ApprovalGate.h"
#include "core/roles/RoleSetting.h"
#include "core/users/Users.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using Run = CliRunner::Run;

// `reason-codes`, `adjust --reason-code --ticket`, `adjust-bulk` with reasonCode and ticket
// columns, `totals --by reason-code`, and the statement and audit report naming a change's code,
// through the built xpadmin-cli as an operator runs them.
class TestReasonCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void codesAddListRetire();
    void badCodesRefused_data();
    void badCodesRefused();
    void adjustWithCodeAndTicket();
    void adjustRefusedWithNothingChanged_data();
    void adjustRefusedWithNothingChanged();
    void bulkFileWithCodes();
    void bulkBadRowRefusedNamingItsLine_data();
    void bulkBadRowRefusedNamingItsLine();
    void totalsByReasonCode();
    void statementAndAuditReportNameTheCode();
    void advisoryRoleIsRefused();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    void addCodes();
    QString xpReason(const QString &column);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    CliRunner m_cli;
    QTemporaryDir m_dir;
};

void TestReasonCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
    // The same settings file as xpadmin-cli (the SQLite role).
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
}

void TestReasonCli::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    m_cli.setDatabase(spec.toUrl(true));
    QVERIFY(Users(*m_db).add(QStringLiteral("bob"), QStringLiteral("bob@example.com"), QStringLiteral("Bob")));
    QVERIFY(Users(*m_db).add(QStringLiteral("ann"), QStringLiteral("ann@example.com"), QStringLiteral("Ann")));
}

void TestReasonCli::cleanup()
{
    RoleSetting::setSqliteRole(Role::Unrestricted);
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

QString TestReasonCli::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestReasonCli::addCodes()
{
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "add", "BUG_COMP", "--label", "Bug compensation"})), 0);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "add", "FRAUD", "--label", "Fraud reversal", "--ticket-required"})),
             0);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "add", "CONTEST", "--label", "Contest prize"})), 0);
}

// "CODE|TICKET" of every xp_reason row, in code order: what was stored, read with plain SQL.
QString TestReasonCli::xpReason(const QString &column)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT COALESCE(MAX(%1), '') FROM %2")
                                   .arg(column, m_db->dialect().ownTable(QStringLiteral("xp_reason"))))
        .toString();
}

void TestReasonCli::codesAddListRetire()
{
    const Run empty = m_cli(CliRunner::args({"reason-codes", "list"}));
    CLI_EXIT(empty, 0);
    QVERIFY2(empty.out.contains(QLatin1String("No reason codes")), qPrintable(empty.describe()));
    addCodes();
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "change", "CONTEST", "--label", "Contest prize (monthly)"})), 0);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "retire", "BUG_COMP"})), 0);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "ticket-pattern", "https://desk.example.com/ticket/{id}"})), 0);
    const Run shown = m_cli(CliRunner::args({"reason-codes", "ticket-pattern"}));
    QCOMPARE(shown.out.trimmed(), QStringLiteral("https://desk.example.com/ticket/{id}"));
    const Run json = m_cli(CliRunner::args({"reason-codes", "list", "--json"}));
    CLI_EXIT(json, 0);
    const QJsonObject list = json.json().object();
    QCOMPARE(list.value(QStringLiteral("ticketPattern")).toString(),
             QStringLiteral("https://desk.example.com/ticket/{id}"));
    const QJsonArray codes = list.value(QStringLiteral("codes")).toArray();
    QCOMPARE(codes.size(), 3);
    const QJsonObject contest = codes.at(1).toObject();
    QCOMPARE(contest.value(QStringLiteral("code")).toString(), QStringLiteral("CONTEST"));
    QCOMPARE(contest.value(QStringLiteral("label")).toString(), QStringLiteral("Contest prize (monthly)"));
    QCOMPARE(codes.at(0).toObject().value(QStringLiteral("retired")).toBool(), true);
    QCOMPARE(codes.at(2).toObject().value(QStringLiteral("ticketRequired")).toBool(), true);
    QCOMPARE(codes.at(2).toObject().value(QStringLiteral("uses")).toInt(), 0);
    const Run text = m_cli(CliRunner::args({"reason-codes", "list"}));
    QVERIFY2(text.out.contains(QLatin1String("Fraud reversal")) && text.out.contains(QLatin1String("retired"))
                 && text.out.contains(QLatin1String("Ticket links: https://desk.example.com/ticket/{id}")),
             qPrintable(text.describe()));
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "ticket-pattern", "--clear"})), 0);
    QVERIFY(m_cli(CliRunner::args({"reason-codes", "list"})).out.contains(QLatin1String("Ticket links: none")));
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM %1 WHERE action = 'reason-code'")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toInt(),
             7);
}

void TestReasonCli::badCodesRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("lower case") << CliRunner::args({"reason-codes", "add", "bug", "--label", "Bugs"})
                                << QStringLiteral("CODE \"bug\" is not a valid reason code");
    QTest::newRow("no label") << CliRunner::args({"reason-codes", "add", "BUGS"}) << QStringLiteral("--label");
    QTest::newRow("duplicate") << CliRunner::args({"reason-codes", "add", "FRAUD", "--label", "Fraud"})
                               << QStringLiteral("Reason code FRAUD exists already");
    QTest::newRow("same label") << CliRunner::args({"reason-codes", "add", "FRAUD2", "--label", "fraud reversal"})
                                << QStringLiteral("already the label of reason code FRAUD");
    QTest::newRow("unknown retire") << CliRunner::args({"reason-codes", "retire", "NOPE"})
                                    << QStringLiteral("There is no reason code \"NOPE\"");
    QTest::newRow("change nothing") << CliRunner::args({"reason-codes", "change", "FRAUD"})
                                    << QStringLiteral("give --label, --ticket-required or --ticket-optional");
    QTest::newRow("pattern") << CliRunner::args({"reason-codes", "ticket-pattern", "https://desk.example.com/"})
                             << QStringLiteral("URL \"https://desk.example.com/\" is not a ticket link pattern");
    QTest::newRow("subcommand") << CliRunner::args({"reason-codes", "delete", "FRAUD"})
                                << QStringLiteral("unknown subcommand \"delete\"");
}

void TestReasonCli::badCodesRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "add", "FRAUD", "--label", "Fraud reversal"})), 0);
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    const Run run = m_cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(CliRunner::isOneErrorLine(run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.describe()));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
}

void TestReasonCli::adjustWithCodeAndTicket()
{
    addCodes();
    const Run run
        = m_cli(CliRunner::args({"adjust", "--user", "bob", "--amount", "250", "--reason", "lost streak after outage",
                                 "--reason-code", "FRAUD", "--ticket", "ZD-4411"}));
    CLI_EXIT(run, 0);
    QCOMPARE(xpReason(QStringLiteral("reason_code")), QStringLiteral("FRAUD"));
    QCOMPARE(xpReason(QStringLiteral("ticket")), QStringLiteral("ZD-4411"));
    const QString snapshot = TestBackend::scalar(*m_db,
                                                 QStringLiteral("SELECT snapshot FROM %1 WHERE action = 'adjust'")
                                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                                 .toString();
    QVERIFY2(snapshot.contains(QLatin1String("\"reasonCode\":\"FRAUD\""))
                 && snapshot.contains(QLatin1String("\"ticket\":\"ZD-4411\"")),
             qPrintable(snapshot));
    // A manual change made with award takes them too; another award may not.
    CLI_EXIT(m_cli(CliRunner::args({"award", "--user", "ann", "--amount", "5", "--source-type", "MANUAL_ADJUSTMENT",
                                    "--source-id", "m-1", "--category", "MANUAL", "--description", "goodwill",
                                    "--reason-code", "BUG_COMP"})),
             0);
    CLI_EXIT(m_cli(CliRunner::args({"award", "--user", "ann", "--amount", "5", "--source-type", "DAILY_STREAK",
                                    "--source-id", "s-1", "--category", "STREAK_BONUS", "--description", "streak",
                                    "--reason-code", "BUG_COMP"})),
             2);
    // The count of uses follows.
    const Run list = m_cli(CliRunner::args({"reason-codes", "list", "--json"}));
    const QJsonArray codes = list.json().object().value(QStringLiteral("codes")).toArray();
    QCOMPARE(codes.at(0).toObject().value(QStringLiteral("uses")).toInt(), 1); // BUG_COMP
    QCOMPARE(codes.at(2).toObject().value(QStringLiteral("uses")).toInt(), 1); // FRAUD
}

void TestReasonCli::adjustRefusedWithNothingChanged_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const auto adjust = [](std::initializer_list<const char *> more) {
        return CliRunner::args({"adjust", "--user", "bob", "--amount", "20", "--reason", "why"})
            + CliRunner::args(more);
    };
    QTest::newRow("no code") << adjust({}) << QStringLiteral("reason code is required");
    QTest::newRow("ticket missing") << adjust({"--reason-code", "FRAUD"})
                                    << QStringLiteral("ticket is required: reason code FRAUD (Fraud reversal)");
    QTest::newRow("unknown") << adjust({"--reason-code", "BUGZ"})
                             << QStringLiteral("reason code \"BUGZ\" is not a reason code; the codes are BUG_COMP");
    QTest::newRow("retired") << adjust({"--reason-code", "OLD"}) << QStringLiteral("OLD (Old promotion) is retired");
    QTest::newRow("format") << adjust({"--reason-code", "bug_comp"})
                            << QStringLiteral("--reason-code \"bug_comp\" is not a valid reason code");
    QTest::newRow("ticket") << adjust({"--reason-code", "FRAUD", "--ticket", "ZD 1"})
                            << QStringLiteral("--ticket \"ZD 1\" is neither a ticket id");
    QTest::newRow("held") << CliRunner::args(
        {"adjust", "--user", "bob", "--amount", "5000", "--reason", "why", "--reason-code", "FRAUD"})
                          << QStringLiteral("ticket is required");
}

void TestReasonCli::adjustRefusedWithNothingChanged()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    addCodes();
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "add", "OLD", "--label", "Old promotion"})), 0);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "retire", "OLD"})), 0);
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    const Run run = m_cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(CliRunner::isOneErrorLine(run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.describe()));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
}

void TestReasonCli::bulkFileWithCodes()
{
    addCodes();
    QVERIFY(ApprovalGate(*m_db).setThreshold(1000));
    const QString path = writeFile(QStringLiteral("bulk.csv"),
                                   "userId,amount,reason,reasonCode,ticket\n"
                                   "bob,40,outage,BUG_COMP,\n"
                                   "ann,-30,chargeback,FRAUD,https://desk.example.com/t/77\n"
                                   "ann,5000,big prize,CONTEST,ZD-9\n");
    CLI_EXIT(m_cli({QStringLiteral("adjust-bulk"), path}), 0);
    auto rows = m_db->run(QStringLiteral("SELECT x.\"userId\", x.\"amount\", r.reason_code, COALESCE(r.ticket, '') "
                                         "FROM \"UserXP\" x JOIN %1 r ON r.xp_id = x.\"id\" ORDER BY x.\"amount\"")
                              .arg(m_db->dialect().ownTable(QStringLiteral("xp_reason"))));
    QVERIFY(rows);
    QStringList found;
    while (rows->next())
        found << QStringLiteral("%1 %2 %3 %4").arg(rows->text(0), rows->text(1), rows->text(2), rows->text(3));
    QCOMPARE(found,
             (QStringList{QStringLiteral("ann -30 FRAUD https://desk.example.com/t/77"),
                          QStringLiteral("bob 40 BUG_COMP ")}));
    // The row above the threshold waits for approval with its code and ticket.
    auto pending = m_db->run(QStringLiteral("SELECT reason_code, ticket FROM %1")
                                 .arg(m_db->dialect().ownTable(QStringLiteral("pending_adjustment"))));
    QVERIFY(pending && pending->next());
    QCOMPARE(pending->text(0), QStringLiteral("CONTEST"));
    QCOMPARE(pending->text(1), QStringLiteral("ZD-9"));
    const Run listed = m_cli(CliRunner::args({"pending", "list"}));
    QVERIFY2(listed.out.contains(QLatin1String("big prize (import "))
                 && listed.out.contains(QLatin1String("[CONTEST, ticket ZD-9]")),
             qPrintable(listed.describe()));
    // And each applied row's audit event keeps them.
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM %1 WHERE action = 'adjust' AND snapshot "
                                                "LIKE '%\"reasonCode\":\"%'")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toInt(),
             2);
}

void TestReasonCli::bulkBadRowRefusedNamingItsLine_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown code") << QByteArray("userId,amount,reason,reasonCode,ticket\nbob,1,a,BUG_COMP,\n"
                                                "bob,2,b,NOPE,\n")
                                  << QStringLiteral("line 3: reasonCode \"NOPE\" is not a reason code");
    QTest::newRow("ticket required") << QByteArray("userId,amount,reason,reasonCode,ticket\nbob,1,a,BUG_COMP,\n"
                                                   "bob,2,b,BUG_COMP,\nann,3,c,FRAUD,\n")
                                     << QStringLiteral("line 4: ticket is required: reason code FRAUD");
    QTest::newRow("bad format") << QByteArray("userId,amount,reason,reasonCode\nbob,1,a,bug comp\n")
                                << QStringLiteral("line 2: reasonCode \"bug comp\" is not a valid reason code");
    QTest::newRow("bad ticket") << QByteArray("userId,amount,reason,reasonCode,ticket\nbob,1,a,BUG_COMP,Z D\n")
                                << QStringLiteral("line 2: ticket \"Z D\" is neither a ticket id");
    QTest::newRow("no column") << QByteArray("userId,amount,reason\nbob,1,a\n")
                               << QStringLiteral("line 2: reasonCode is required");
    QTest::newRow("held row") << QByteArray("userId,amount,reason,reasonCode\nbob,1,a,BUG_COMP\nbob,9000,b,FRAUD\n")
                              << QStringLiteral("line 3: ticket is required");
}

void TestReasonCli::bulkBadRowRefusedNamingItsLine()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    addCodes();
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    const Run run = m_cli({QStringLiteral("adjust-bulk"), writeFile(QStringLiteral("bad.csv"), file)});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.out.contains(message) || run.err.contains(message), qPrintable(run.describe()));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
}

void TestReasonCli::totalsByReasonCode()
{
    addCodes();
    for (const QStringList &args :
         {CliRunner::args({"adjust", "--user", "bob", "--amount", "40", "--reason", "a", "--reason-code", "BUG_COMP"}),
          CliRunner::args({"adjust", "--user", "ann", "--amount", "15", "--reason", "b", "--reason-code", "BUG_COMP"}),
          CliRunner::args({"adjust", "--user", "ann", "--amount", "-7", "--reason", "c", "--reason-code", "FRAUD",
                           "--ticket", "ZD-1"})})
        CLI_EXIT(m_cli(args), 0);
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("bob"), 33, QStringLiteral("q1")).isEmpty());
    const Run json = m_cli(CliRunner::args({"--json", "totals", "--by", "reason-code"}));
    CLI_EXIT(json, 0);
    QStringList printed;
    for (const QJsonValue &value : json.json().array()) {
        const QJsonObject row = value.toObject();
        printed << QStringLiteral("%1 %2 %3 %4")
                       .arg(row.value(QStringLiteral("key")).toString(), row.value(QStringLiteral("label")).toString())
                       .arg(row.value(QStringLiteral("total")).toInteger())
                       .arg(row.value(QStringLiteral("count")).toInteger());
    }
    // A plain GROUP BY over the join, written here.
    auto rows
        = m_db->run(QStringLiteral("SELECT COALESCE(r.reason_code, ''), COALESCE(c.label, ''), SUM(x.\"amount\"), "
                                   "count(*) FROM \"UserXP\" x LEFT JOIN %1 r ON r.xp_id = x.\"id\" LEFT JOIN %2 c "
                                   "ON c.code = r.reason_code GROUP BY 1, 2 ORDER BY 1")
                        .arg(m_db->dialect().ownTable(QStringLiteral("xp_reason")),
                             m_db->dialect().ownTable(QStringLiteral("reason_code"))));
    QVERIFY(rows);
    QStringList expected;
    while (rows->next())
        expected << QStringLiteral("%1 %2 %3 %4").arg(rows->text(0), rows->text(1), rows->text(2), rows->text(3));
    QCOMPARE(printed, expected);
    QCOMPARE(expected.size(), 3);
    const Run text = m_cli(CliRunner::args({"totals", "--by", "reason-code"}));
    CLI_EXIT(text, 0);
    QVERIFY2(text.out.contains(QLatin1String("Bug compensation"))
                 && text.out.contains(QLatin1String("(no reason code)")),
             qPrintable(text.describe()));
}

void TestReasonCli::statementAndAuditReportNameTheCode()
{
    addCodes();
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "ticket-pattern", "https://desk.example.com/ticket/{id}"})), 0);
    CLI_EXIT(m_cli(CliRunner::args({"adjust", "--user", "bob", "--amount", "-25", "--reason", "chargeback",
                                    "--reason-code", "FRAUD", "--ticket", "ZD-4411"})),
             0);
    const QString statement = m_dir.filePath(QStringLiteral("statement.csv"));
    CLI_EXIT(m_cli({QStringLiteral("statement"), QStringLiteral("--user"), QStringLiteral("bob"),
                    QStringLiteral("--csv"), statement}),
             0);
    QFile csv(statement);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString lines = QString::fromUtf8(csv.readAll());
    QVERIFY2(
        lines.contains(QLatin1String("reason_code,reason_label,ticket,ticket_link"))
            && lines.contains(QLatin1String("FRAUD,Fraud reversal,ZD-4411,https://desk.example.com/ticket/ZD-4411")),
        qPrintable(lines));
    const Run text = m_cli(CliRunner::args({"statement", "--user", "bob"}));
    QVERIFY2(text.out.contains(QLatin1String("Fraud reversal (FRAUD), ticket ZD-4411")), qPrintable(text.describe()));
    const QString report = m_dir.filePath(QStringLiteral("report.csv"));
    CLI_EXIT(m_cli({QStringLiteral("audit"), QStringLiteral("report"), QStringLiteral("--user"), QStringLiteral("bob"),
                    QStringLiteral("--out"), report}),
             0);
    QFile audit(report);
    QVERIFY(audit.open(QIODevice::ReadOnly));
    const QString events = QString::fromUtf8(audit.readAll());
    QVERIFY2(events.contains(QLatin1String("FRAUD,Fraud reversal,ZD-4411,https://desk.example.com/ticket/ZD-4411")),
             qPrintable(events));
}

void TestReasonCli::advisoryRoleIsRefused()
{
    if (TestBackend::isPostgres())
        QSKIP("On PostgreSQL the database refuses it (TestReasonCodes::onlyAdminsKeepCodes)");
    RoleSetting::setSqliteRole(Role::Support);
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    const Run refused = m_cli(CliRunner::args({"reason-codes", "add", "FRAUD", "--label", "Fraud reversal"}));
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains(QLatin1String("may not change the reason codes")), qPrintable(refused.describe()));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "list"})), 0);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "ticket-pattern"})), 0);
    RoleSetting::setSqliteRole(Role::Admin);
    CLI_EXIT(m_cli(CliRunner::args({"reason-codes", "add", "FRAUD", "--label", "Fraud reversal"})), 0);
}

QTEST_GUILESS_MAIN(TestReasonCli)
#include "TestReasonCli.moc"
