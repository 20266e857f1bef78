#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include "core/db/LedgerDdl.h"
#include "core/db/Schema.h"
#include "core/domain/XpEnums.h"
#include "core/history/HistoryQuery.h"

#include <QDateTime>
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

namespace {

const QStringList AwardOptions{QStringLiteral("--source-type"), QStringLiteral("USER_PROBLEM_ATTEMPT"),
                               QStringLiteral("--category"), QStringLiteral("CORRECT_ANSWER")};

QStringList award(const QString &user, const QString &amount, const QString &sourceId, const QString &description)
{
    return QStringList{QStringLiteral("award"),
                       QStringLiteral("--user"),
                       user,
                       QStringLiteral("--amount"),
                       amount,
                       QStringLiteral("--source-id"),
                       sourceId,
                       QStringLiteral("--description"),
                       description}
    + AwardOptions;
}

QStringList userAdd(const QString &id)
{
    return {QStringLiteral("user"),    QStringLiteral("add"),
            QStringLiteral("--id"),    id,
            QStringLiteral("--email"), id + QStringLiteral("@example.com")};
}

} // namespace

// The command-line twin, run as a separate process exactly as an operator or a script runs it,
// against a fresh database on each backend.
class TestCliUsage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void versionAndHelp();
    void helpOfEveryCommand_data();
    void helpOfEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void unreachableDatabase();
    void initAndDoctorOnNewDatabase();
    void doctorOnPrismaDatabase();
    void userAddAndShow();
    void writeCommandsPrintWhatTheyDid();
    void historyShowsEveryField();
    void historyFilters();
    void historyStreamsPages();
    void totalsGroupAndAlign();
    void totalsOfCharts();
    void rollbackRestoreRoundTrip();
    void deleteSourceAcrossUsers();
    void recalc();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void demoThenVerifyAndTotals();
    void handEditedTotalIsFoundAndRepaired();
    void editedAuditEventIsNamed();
    void demoCancelsOnCtrlC();

private:
    // Everything a user could see of the ledger: every row, the audit chain, u1's totals.
    QString snapshot();
    void exec(const QString &sql, const Bindings &bindings = {});
    QString transactionId(const Run &run);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    CliRunner m_cli;
};

void TestCliUsage::initTestCase()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void TestCliUsage::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    m_cli.setDatabase(spec.toUrl(true));
}

void TestCliUsage::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

void TestCliUsage::exec(const QString &sql, const Bindings &bindings)
{
    auto rows = m_db->run(sql, bindings);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

QString TestCliUsage::snapshot()
{
    const Run history
        = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("0")});
    const Run verify = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    const Run user = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"),
                            QStringLiteral("--id"), QStringLiteral("u1")});
    return history.out + verify.out + user.out + QString::number(history.exitCode + verify.exitCode + user.exitCode);
}

QString TestCliUsage::transactionId(const Run &run)
{
    return run.json()
        .object()
        .value(QStringLiteral("transactions"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

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

void TestCliUsage::initAndDoctorOnNewDatabase()
{
    QString why;
    const auto fresh = TestBackend::freshDatabase(&why);
    QVERIFY2(fresh, qPrintable(why));
    CliRunner cli(fresh->toUrl(true));
    const bool sqlite = fresh->backend == ConnectionSpec::Backend::Sqlite;

    // Read commands and doctor create nothing.
    const Run history = cli({QStringLiteral("history")});
    CLI_EXIT(history, 3);
    QVERIFY2(CliRunner::isOneErrorLine(history.err), qPrintable(history.err));
    QVERIFY2(history.err.contains(QLatin1String("init")), qPrintable(history.err));
    const Run doctor = cli({QStringLiteral("--json"), QStringLiteral("doctor")});
    if (sqlite) {
        CLI_EXIT(doctor, 3);
        QVERIFY2(!QFileInfo::exists(fresh->path), "doctor created the SQLite file");
    } else {
        CLI_EXIT(doctor, 1);
        QCOMPARE(doctor.json()[QStringLiteral("ledgerExists")].toBool(true), false);
        QCOMPARE(doctor.json()[QStringLiteral("ok")].toBool(true), false);
    }

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

void TestCliUsage::doctorOnPrismaDatabase()
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

void TestCliUsage::userAddAndShow()
{
    const Run add = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("add"),
                           QStringLiteral("--id"), QStringLiteral("u1"), QStringLiteral("--email"),
                           QStringLiteral("ann@example.com"), QStringLiteral("--name"), QStringLiteral("Ann Ex")});
    CLI_EXIT(add, 0);
    QCOMPARE(add.json()[QStringLiteral("id")].toString(), QStringLiteral("u1"));
    QCOMPARE(add.json()[QStringLiteral("name")].toString(), QStringLiteral("Ann Ex"));
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("40"), QStringLiteral("a1"), QStringLiteral("x"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("2"), QStringLiteral("a2"), QStringLiteral("y"))), 0);

    const Run show = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"),
                            QStringLiteral("--id"), QStringLiteral("u1")});
    CLI_EXIT(show, 0);
    const QJsonObject user = show.json().object();
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("ann@example.com"));
    QCOMPARE(user.value(QStringLiteral("totalXP")).toInteger(), 42);
    QCOMPARE(user.value(QStringLiteral("sum")).toInteger(), 42);
    QCOMPARE(user.value(QStringLiteral("transactions")).toInteger(), 2);
    QCOMPARE(user.value(QStringLiteral("differs")).toBool(true), false);

    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 7 WHERE \"userId\" = 'u1'"));
    const Run text
        = m_cli({QStringLiteral("user"), QStringLiteral("show"), QStringLiteral("--id"), QStringLiteral("u1")});
    CLI_EXIT(text, 0);
    for (const char *expected : {"ann@example.com", "Ann Ex", "Total XP:", "7", "Sum of XP:", "42", "NO"})
        QVERIFY2(text.out.contains(QLatin1String(expected)), qPrintable(text.out));
}

void TestCliUsage::writeCommandsPrintWhatTheyDid()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run awarded = m_cli(QStringList{QStringLiteral("--json")}
                              + award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("attempt-1"),
                                      QStringLiteral("First answer")));
    CLI_EXIT(awarded, 0);
    const QJsonObject change = awarded.json().object();
    QVERIFY(!change.value(QStringLiteral("operationId")).toString().isEmpty());
    const QJsonArray rows = change.value(QStringLiteral("transactions")).toArray();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.at(0).toObject();
    QVERIFY(row.value(QStringLiteral("amount")).isDouble());
    QCOMPARE(row.value(QStringLiteral("amount")).toInt(), 50);
    QCOMPARE(row.value(QStringLiteral("userId")).toString(), QStringLiteral("u1"));
    QCOMPARE(row.value(QStringLiteral("sourceType")).toString(), QStringLiteral("USER_PROBLEM_ATTEMPT"));
    QCOMPARE(row.value(QStringLiteral("sourceId")).toString(), QStringLiteral("attempt-1"));
    QCOMPARE(row.value(QStringLiteral("category")).toString(), QStringLiteral("CORRECT_ANSWER"));
    QCOMPARE(row.value(QStringLiteral("description")).toString(), QStringLiteral("First answer"));
    QVERIFY(row.value(QStringLiteral("createdAt")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(change.value(QStringLiteral("totals")).toObject().value(QStringLiteral("u1")).toInteger(), 50);

    const Run adjusted
        = m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u1"), QStringLiteral("--amount"),
                 QStringLiteral("-20"), QStringLiteral("--reason"), QStringLiteral("Duplicate award")});
    CLI_EXIT(adjusted, 0);
    QVERIFY2(adjusted.out.contains(QLatin1String("MANUAL_ADJUSTMENT")), qPrintable(adjusted.out));
    QVERIFY2(adjusted.out.contains(QLatin1String(" MANUAL ")), qPrintable(adjusted.out));
    QVERIFY2(adjusted.out.contains(QLatin1String("-20")), qPrintable(adjusted.out));
    QVERIFY2(adjusted.out.contains(QLatin1String("Total XP of user u1 is now 30")), qPrintable(adjusted.out));

    const Run bonus
        = m_cli({QStringLiteral("--json"), QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u1"),
                 QStringLiteral("--amount"), QStringLiteral("5"), QStringLiteral("--reason"), QStringLiteral("Bonus"),
                 QStringLiteral("--category"), QStringLiteral("ACHIEVEMENT")});
    CLI_EXIT(bonus, 0);
    QCOMPARE(bonus.json()[QStringLiteral("transactions")][0][QStringLiteral("category")].toString(),
             QStringLiteral("ACHIEVEMENT"));
    QCOMPARE(bonus.json()[QStringLiteral("totals")][QStringLiteral("u1")].toInteger(), 35);

    // The operator named with --actor is in the audit log.
    CLI_EXIT(m_cli({QStringLiteral("--actor"), QStringLiteral("Carol Support"), QStringLiteral("adjust"),
                    QStringLiteral("--user"), QStringLiteral("u1"), QStringLiteral("--amount"), QStringLiteral("1"),
                    QStringLiteral("--reason"), QStringLiteral("r")}),
             0);
    auto last = m_db->run(QStringLiteral("SELECT operator FROM %1 ORDER BY seq DESC LIMIT 1")
                              .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    QVERIFY(last && last->next());
    QCOMPARE(last->text(0), QStringLiteral("Carol Support"));
}

void TestCliUsage::historyShowsEveryField()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run awarded = m_cli(QStringList{QStringLiteral("--json")}
                              + award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("attempt-7"),
                                      QStringLiteral("Answer with %1 and\na line break")));
    CLI_EXIT(awarded, 0);
    const QString id = transactionId(awarded);
    const QJsonObject written = awarded.json()[QStringLiteral("transactions")][0].toObject();

    const Run text = m_cli({QStringLiteral("history")});
    CLI_EXIT(text, 0);
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    static const QRegularExpression line(
        QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z +\+50  USER_PROBLEM_ATTEMPT +attempt-7  )"
                       R"(CORRECT_ANSWER +u1  (\S+)  Answer with %1 and\\na line break$)"));
    const auto match = line.match(lines.at(0));
    QVERIFY2(match.hasMatch(), qPrintable(lines.at(0)));
    QCOMPARE(match.captured(1), id);
    QVERIFY(lines.at(0).startsWith(written.value(QStringLiteral("createdAt")).toString()));

    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("history")});
    CLI_EXIT(json, 0);
    QVERIFY(json.json().isArray());
    QCOMPARE(json.json().array().size(), 1);
    const QJsonObject row = json.json().array().at(0).toObject();
    QCOMPARE(row, written);
    for (const char *field :
         {"id", "userId", "amount", "sourceType", "sourceId", "description", "category", "createdAt", "updatedAt"})
        QVERIFY2(row.contains(QLatin1String(field)), field);
}

void TestCliUsage::historyFilters()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("p-1"), QStringLiteral("apple"))),
             0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("20"), QStringLiteral("p-2"), QStringLiteral("banana"))),
             0);
    CLI_EXIT(
        m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u2"), QStringLiteral("--amount"),
               QStringLiteral("-3"), QStringLiteral("--reason"), QStringLiteral("cherry")}),
        0);
    const auto count = [this](const QStringList &filter) {
        const Run run = m_cli(QStringList{QStringLiteral("--json"), QStringLiteral("history")} + filter);
        return run.exitCode == 0 ? run.json().array().size() : -1;
    };
    QCOMPARE(count({}), 3);
    QCOMPARE(count({QStringLiteral("--user"), QStringLiteral("u2")}), 2);
    QCOMPARE(count({QStringLiteral("--category"), QStringLiteral("MANUAL")}), 1);
    QCOMPARE(count({QStringLiteral("--source-type"), QStringLiteral("USER_PROBLEM_ATTEMPT")}), 2);
    QCOMPARE(count({QStringLiteral("--text"), QStringLiteral("BANANA")}), 1);
    QCOMPARE(count({QStringLiteral("--limit"), QStringLiteral("2")}), 2);
    const QDate today = QDate::currentDate();
    QCOMPARE(count({QStringLiteral("--since"), today.addDays(-1).toString(Qt::ISODate)}), 3);
    QCOMPARE(count({QStringLiteral("--until"), today.toString(Qt::ISODate)}), 3);
    QCOMPARE(count({QStringLiteral("--since"), today.addDays(1).toString(Qt::ISODate)}), 0);
    QCOMPARE(count({QStringLiteral("--until"), today.addDays(-1).toString(Qt::ISODate)}), 0);

    // Newest first.
    const Run text = m_cli({QStringLiteral("history")});
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).endsWith(QLatin1String("cherry")));
    QVERIFY(lines.at(2).endsWith(QLatin1String("apple")));
    const Run none = m_cli({QStringLiteral("history"), QStringLiteral("--text"), QStringLiteral("durian")});
    CLI_EXIT(none, 0);
    QVERIFY(none.out.isEmpty());
    // A mistyped user id is an error, not an empty history.
    const Run nobody = m_cli({QStringLiteral("history"), QStringLiteral("--user"), QStringLiteral("nobody")});
    CLI_EXIT(nobody, 2);
    QVERIFY2(CliRunner::isOneErrorLine(nobody.err) && nobody.err.contains(QLatin1String("\"nobody\"")),
             qPrintable(nobody.err));
}

void TestCliUsage::historyStreamsPages()
{
    CLI_EXIT(
        m_cli({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("7"), QStringLiteral("--transactions"),
               QStringLiteral("2500"), QStringLiteral("--days"), QStringLiteral("3")}),
        0);
    const Run all
        = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("0")});
    CLI_EXIT(all, 0);
    const QJsonArray rows = all.json().array();
    QCOMPARE(rows.size(), 2500);
    QSet<QString> ids;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        ids.insert(row.value(QStringLiteral("id")).toString());
        if (i > 0) {
            const QJsonObject previous = rows.at(i - 1).toObject();
            const auto key = [](const QJsonObject &o) {
                return std::pair{o.value(QStringLiteral("createdAt")).toString(),
                                 o.value(QStringLiteral("id")).toString()};
            };
            QVERIFY2(key(previous) > key(row), qPrintable(QStringLiteral("row %1 is out of order").arg(i)));
        }
    }
    QCOMPARE(ids.size(), 2500);

    const Run limited = m_cli({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("1500")});
    CLI_EXIT(limited, 0);
    QCOMPARE(limited.out.count(QLatin1Char('\n')), 1500);
    QVERIFY2(limited.err.contains(QLatin1String("--limit 0")), qPrintable(limited.err));
    const Run byDefault = m_cli({QStringLiteral("history")});
    CLI_EXIT(byDefault, 0);
    QCOMPARE(byDefault.out.count(QLatin1Char('\n')), 100);
    const Run exact = m_cli({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("2500")});
    CLI_EXIT(exact, 0);
    QCOMPARE(exact.out.count(QLatin1Char('\n')), 2500);
    QVERIFY2(exact.err.isEmpty(), qPrintable(exact.err));
}

void TestCliUsage::totalsGroupAndAlign()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("1000"), QStringLiteral("p-1"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("30"), QStringLiteral("p-2"), QStringLiteral("b"))), 0);
    CLI_EXIT(m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u2"),
                    QStringLiteral("--amount"), QStringLiteral("-5"), QStringLiteral("--reason"), QStringLiteral("r")}),
             0);

    const Run grand = m_cli({QStringLiteral("--json"), QStringLiteral("totals")});
    CLI_EXIT(grand, 0);
    QCOMPARE(grand.json().array().size(), 1);
    QVERIFY(grand.json()[0][QStringLiteral("total")].isDouble());
    QCOMPARE(grand.json()[0][QStringLiteral("total")].toInteger(), 1025);
    QCOMPARE(grand.json()[0][QStringLiteral("count")].toInteger(), 3);

    const Run byCategory = m_cli(
        {QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--by"), QStringLiteral("category")});
    CLI_EXIT(byCategory, 0);
    QHash<QString, qint64> totals;
    for (const QJsonValue &row : byCategory.json().array())
        totals.insert(row[QStringLiteral("key")].toString(), row[QStringLiteral("total")].toInteger());
    QCOMPARE(totals.value(QStringLiteral("CORRECT_ANSWER")), 1030);
    QCOMPARE(totals.value(QStringLiteral("MANUAL")), -5);

    const Run byUser = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--by"),
                              QStringLiteral("user"), QStringLiteral("--limit"), QStringLiteral("1")});
    CLI_EXIT(byUser, 0);
    QCOMPARE(byUser.json().array().size(), 1);
    QCOMPARE(byUser.json()[0][QStringLiteral("key")].toString(), QStringLiteral("u1"));

    const Run onlyU2
        = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--user"), QStringLiteral("u2")});
    QCOMPARE(onlyU2.json()[0][QStringLiteral("total")].toInteger(), 25);

    // Text: an aligned table, numbers right-aligned, with the sum of the groups.
    const Run byDay = m_cli({QStringLiteral("totals"), QStringLiteral("--by"), QStringLiteral("day")});
    CLI_EXIT(byDay, 0);
    const QStringList lines = byDay.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("DAY")), qPrintable(byDay.out));
    QVERIFY2(lines.at(1).startsWith(QDate::currentDate().toString(Qt::ISODate)), qPrintable(byDay.out));
    QVERIFY2(lines.at(2).startsWith(QLatin1String("(all)")), qPrintable(byDay.out));
    QCOMPARE(lines.at(0).size(), lines.at(1).size());
    QCOMPARE(lines.at(1).size(), lines.at(2).size());
    QVERIFY2(lines.at(1).contains(QLatin1String("1025")) && lines.at(1).endsWith(QLatin1Char('3')),
             qPrintable(byDay.out));
}

void TestCliUsage::totalsOfCharts()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("40"), QStringLiteral("p-1"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("60"), QStringLiteral("p-2"), QStringLiteral("b"))), 0);
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString weekAgo = QDate::currentDate().addDays(-6).toString(Qt::ISODate);

    // The figures of the over-time chart: one bucket a day, empty days as zero.
    const Run overTime = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--chart"),
                                QStringLiteral("over-time"), QStringLiteral("--since"), weekAgo});
    CLI_EXIT(overTime, 0);
    QCOMPARE(overTime.json()[QStringLiteral("unit")].toString(), QStringLiteral("day"));
    QCOMPARE(overTime.json()[QStringLiteral("first")].toString(), weekAgo);
    QCOMPARE(overTime.json()[QStringLiteral("last")].toString(), today);
    const QJsonArray buckets = overTime.json()[QStringLiteral("buckets")].toArray();
    QCOMPARE(buckets.size(), 7);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(buckets.at(i)[QStringLiteral("xp")].toInteger(), 0);
    QCOMPARE(buckets.at(6)[QStringLiteral("start")].toString(), today);
    QCOMPARE(buckets.at(6)[QStringLiteral("xp")].toInteger(), 100);
    QCOMPARE(buckets.at(6)[QStringLiteral("byCategory")][QStringLiteral("CORRECT_ANSWER")].toInteger(), 100);

    // The leaderboard, as a table.
    const Run top = m_cli({QStringLiteral("totals"), QStringLiteral("--chart"), QStringLiteral("top-users"),
                           QStringLiteral("--since"), today, QStringLiteral("--until"), today});
    CLI_EXIT(top, 0);
    const QStringList lines = top.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("Top Users, ") + today), qPrintable(top.out));
    QVERIFY2(lines.at(2).startsWith(QLatin1String("1     u2")) && lines.at(2).contains(QLatin1String("60")),
             qPrintable(top.out));
    QVERIFY2(lines.at(3).startsWith(QLatin1String("2     u1")), qPrintable(top.out));

    // One user's share; a user who does not exist is an error, not an empty chart.
    const Run share = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--chart"),
                             QStringLiteral("category-share"), QStringLiteral("--user"), QStringLiteral("u1")});
    CLI_EXIT(share, 0);
    QCOMPARE(share.json()[QStringLiteral("xp")].toInteger(), 40);
    QCOMPARE(share.json()[QStringLiteral("user")].toString(), QStringLiteral("u1"));
    const Run nobody = m_cli({QStringLiteral("totals"), QStringLiteral("--chart"), QStringLiteral("category-share"),
                              QStringLiteral("--user"), QStringLiteral("ghost")});
    CLI_EXIT(nobody, 2);
    QVERIFY2(nobody.err.contains(QLatin1String("Unknown user \"ghost\"")), qPrintable(nobody.describe()));
}

void TestCliUsage::rollbackRestoreRoundTrip()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("15"), QStringLiteral("keep"), QStringLiteral("k"))), 0);
    const Run awarded = m_cli(
        QStringList{QStringLiteral("--json")}
        + award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("p-1"), QStringLiteral("to roll back")));
    CLI_EXIT(awarded, 0);
    const QString id = transactionId(awarded);
    const QJsonObject original = awarded.json()[QStringLiteral("transactions")][0].toObject();

    const Run rolledBack = m_cli({QStringLiteral("--json"), QStringLiteral("rollback"), QStringLiteral("--id"), id,
                                  QStringLiteral("--reason"), QStringLiteral("wrong problem")});
    CLI_EXIT(rolledBack, 0);
    QCOMPARE(transactionId(rolledBack), id);
    QCOMPARE(rolledBack.json()[QStringLiteral("totals")][QStringLiteral("u1")].toInteger(), 15);
    const Run gone = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--text"), id});
    QCOMPARE(gone.json().array().size(), 0);

    const Run restored = m_cli({QStringLiteral("restore"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                                QStringLiteral("it was right")});
    CLI_EXIT(restored, 0);
    QVERIFY2(restored.out.contains(id), qPrintable(restored.out));
    QVERIFY2(restored.out.contains(QLatin1String("Total XP of user u1 is now 65")), qPrintable(restored.out));
    const Run back = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--text"), id});
    QCOMPARE(back.json().array().size(), 1);
    const QJsonObject row = back.json()[0].toObject();
    for (const char *field :
         {"id", "userId", "amount", "sourceType", "sourceId", "description", "category", "createdAt"})
        QCOMPARE(row.value(QLatin1String(field)), original.value(QLatin1String(field)));

    // Restoring it again is refused (Conflict: exit 2), and changes nothing.
    const QString before = snapshot();
    const Run again = m_cli(
        {QStringLiteral("restore"), QStringLiteral("--id"), id, QStringLiteral("--reason"), QStringLiteral("twice")});
    CLI_EXIT(again, 2);
    QVERIFY2(CliRunner::isOneErrorLine(again.err) && again.err.contains(id), qPrintable(again.err));
    QCOMPARE(snapshot(), before);
    CLI_EXIT(m_cli({QStringLiteral("verify")}), 0);
}

void TestCliUsage::deleteSourceAcrossUsers()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("shared"), QStringLiteral("a"))),
             0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("20"), QStringLiteral("shared"), QStringLiteral("b"))),
             0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("7"), QStringLiteral("other"), QStringLiteral("c"))), 0);
    const Run deleted
        = m_cli({QStringLiteral("--json"), QStringLiteral("delete-source"), QStringLiteral("--source-type"),
                 QStringLiteral("USER_PROBLEM_ATTEMPT"), QStringLiteral("--source-id"), QStringLiteral("shared"),
                 QStringLiteral("--reason"), QStringLiteral("attempt deleted")});
    CLI_EXIT(deleted, 0);
    QCOMPARE(deleted.json()[QStringLiteral("transactions")].toArray().size(), 2);
    QCOMPARE(deleted.json()[QStringLiteral("totals")][QStringLiteral("u1")].toInteger(), 0);
    QCOMPARE(deleted.json()[QStringLiteral("totals")][QStringLiteral("u2")].toInteger(), 7);
    auto rows = m_db->run(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = 'shared'"));
    QVERIFY(rows && rows->next());
    QCOMPARE(rows->integer(0), 0);
}

void TestCliUsage::recalc()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("a"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("20"), QStringLiteral("b"), QStringLiteral("b"))), 0);
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 99"));

    const Run one = m_cli({QStringLiteral("recalc"), QStringLiteral("--user"), QStringLiteral("u1")});
    CLI_EXIT(one, 0);
    QVERIFY2(one.out.contains(QLatin1String("u1")) && one.out.contains(QLatin1String("10"))
                 && one.out.contains(QLatin1String("99")),
             qPrintable(one.out));
    const Run all = m_cli({QStringLiteral("--json"), QStringLiteral("recalc"), QStringLiteral("--all")});
    CLI_EXIT(all, 0);
    const QJsonArray fixed = all.json()[QStringLiteral("fixed")].toArray();
    QCOMPARE(fixed.size(), 1);
    QCOMPARE(fixed.at(0)[QStringLiteral("userId")].toString(), QStringLiteral("u2"));
    QCOMPARE(fixed.at(0)[QStringLiteral("cached")].toInteger(), 99);
    QCOMPARE(fixed.at(0)[QStringLiteral("sum")].toInteger(), 20);
    QCOMPARE(all.json()[QStringLiteral("totals")][QStringLiteral("u2")].toInteger(), 20);
    CLI_EXIT(m_cli({QStringLiteral("verify")}), 0);
    const Run unknown = m_cli({QStringLiteral("recalc"), QStringLiteral("--user"), QStringLiteral("ghost")});
    CLI_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains(QLatin1String("\"ghost\"")), qPrintable(unknown.err));
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

void TestCliUsage::demoThenVerifyAndTotals()
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

void TestCliUsage::handEditedTotalIsFoundAndRepaired()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("100"), QStringLiteral("a"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("5"), QStringLiteral("b"), QStringLiteral("b"))), 0);
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = :total WHERE \"userId\" = :user"),
         {{QStringLiteral(":total"), 777}, {QStringLiteral(":user"), QStringLiteral("u1")}});

    const Run found = m_cli({QStringLiteral("verify")});
    CLI_EXIT(found, 1);
    QVERIFY2(found.out.contains(QLatin1String("user u1: cached 777, sum 100")), qPrintable(found.out));
    QVERIFY2(!found.out.contains(QLatin1String("u2")), qPrintable(found.out));
    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    CLI_EXIT(json, 1);
    QCOMPARE(json.json()[QStringLiteral("ok")].toBool(true), false);
    QCOMPARE(json.json()[QStringLiteral("chainIntact")].toBool(), true);
    QCOMPARE(json.json()[QStringLiteral("drift")].toArray().size(), 1);
    QCOMPARE(json.json()[QStringLiteral("drift")][0][QStringLiteral("userId")].toString(), QStringLiteral("u1"));
    QCOMPARE(json.json()[QStringLiteral("drift")][0][QStringLiteral("cached")].toInteger(), 777);
    QCOMPARE(json.json()[QStringLiteral("drift")][0][QStringLiteral("sum")].toInteger(), 100);

    const Run repaired = m_cli({QStringLiteral("verify"), QStringLiteral("--repair")});
    CLI_EXIT(repaired, 0);
    QVERIFY2(repaired.out.contains(QLatin1String("user u1: 777 -> 100")), qPrintable(repaired.out));
    CLI_EXIT(m_cli({QStringLiteral("verify")}), 0);
    auto total = m_db->run(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u1'"));
    QVERIFY(total && total->next());
    QCOMPARE(total->integer(0), 100);
}

void TestCliUsage::editedAuditEventIsNamed()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("100"), QStringLiteral("a"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("b"), QStringLiteral("b"))), 0);
    exec(QStringLiteral("UPDATE %1 SET amount = 1000 WHERE seq = 2")
             .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    const Run verify = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    CLI_EXIT(verify, 1);
    QCOMPARE(verify.json()[QStringLiteral("chainIntact")].toBool(true), false);
    QCOMPARE(verify.json()[QStringLiteral("brokenEvent")].toInteger(), 2);
    QVERIFY(!verify.json()[QStringLiteral("brokenReason")].toString().isEmpty());
    const Run text = m_cli({QStringLiteral("verify"), QStringLiteral("--repair")});
    CLI_EXIT(text, 1); // the chain is never rewritten
    QVERIFY2(text.out.contains(QLatin1String("BROKEN at event 2")), qPrintable(text.out));
}

void TestCliUsage::demoCancelsOnCtrlC()
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

QTEST_GUILESS_MAIN(TestCliUsage)
#include "TestCliUsage.moc"
