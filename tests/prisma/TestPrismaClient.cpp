#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <csignal>

using Run = CliRunner::Run;

// The live web application's own client, Prisma 7 with its PostgreSQL driver adapter, on the
// database XP Admin works on, both given the web app's DATABASE_URL as it is: the web app reads
// back every row and total XP Admin wrote, exactly, and XP Admin takes the web app's own awards
// as part of the ledger. With the tables in "public" and in a schema of their own (?schema=app).
class TestPrismaClient final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void webAppAndXpAdminAgree_data();
    void webAppAndXpAdminAgree();
    void webAppWritesAreCapturedWithItsRole();

private:
    bool psql(const QStringList &arguments, const QByteArray &searchPath = {});
    // The web app's client, run with DATABASE_URL = m_url; its JSON output, or a failed check.
    QJsonObject webApp(const QStringList &arguments);
    Run xpAdmin(const QStringList &arguments) const;
    // Rows by id, so that the two programs' orders do not matter.
    static QJsonArray byId(const QJsonArray &rows);

    QString m_webApp;
    std::optional<ConnectionSpec> m_spec;
    QString m_url;
    bool m_webAppFailed = false;
};

void TestPrismaClient::initTestCase()
{
    m_webApp = qEnvironmentVariable("XPADMIN_TEST_PRISMA_CLIENT");
    if (m_webApp.isEmpty()) {
        const char *why = "XPADMIN_TEST_PRISMA_CLIENT is not set: run-tests.sh builds the web app's Prisma client "
                          "(scripts/prisma-client.sh) and sets it";
        if (TestBackend::serverRequired())
            QFAIL(why);
        QSKIP(why);
    }
    QVERIFY2(QFileInfo::exists(m_webApp), qPrintable(m_webApp));
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void TestPrismaClient::init()
{
    XP_FRESH_DATABASE(m_spec);
}

void TestPrismaClient::cleanup()
{
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

bool TestPrismaClient::psql(const QStringList &arguments, const QByteArray &searchPath)
{
    QProcess process;
    if (!searchPath.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PGOPTIONS"), QStringLiteral("-c search_path=") + QLatin1String(searchPath));
        process.setProcessEnvironment(environment);
    }
    process.start(QStringLiteral("psql"),
                  QStringList{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                              QStringLiteral("ON_ERROR_STOP=1"), m_spec->toUrl(true)}
                      + arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("psql failed: %s", process.readAllStandardError().constData());
        return false;
    }
    return true;
}

QJsonObject TestPrismaClient::webApp(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DATABASE_URL"), m_url);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("node"), QStringList{m_webApp} + arguments);
    const bool finished = process.waitForFinished(120000);
    const QByteArray out = process.readAllStandardOutput();
    const QJsonDocument document = QJsonDocument::fromJson(out);
    if (!finished || process.exitCode() != 0 || !document.isObject()) {
        qWarning("The web app's client failed (%s): %s%s", qPrintable(arguments.join(QLatin1Char(' '))),
                 out.constData(), process.readAllStandardError().constData());
        m_webAppFailed = true;
        return {};
    }
    return document.object();
}

Run TestPrismaClient::xpAdmin(const QStringList &arguments) const
{
    return CliRunner(m_url)(arguments);
}

QJsonArray TestPrismaClient::byId(const QJsonArray &rows)
{
    QList<QJsonValue> values(rows.begin(), rows.end());
    std::sort(values.begin(), values.end(), [](const QJsonValue &a, const QJsonValue &b) {
        return a[QStringLiteral("id")].toString() < b[QStringLiteral("id")].toString();
    });
    QJsonArray sorted;
    for (const QJsonValue &value : values)
        sorted.append(value);
    return sorted;
}

void TestPrismaClient::webAppAndXpAdminAgree_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<bool>("pooled");
    QTest::newRow("public") << QStringLiteral("public") << false;
    QTest::newRow("app") << QStringLiteral("app") << false;
    QTest::newRow("app through PgBouncer") << QStringLiteral("app") << true;
}

void TestPrismaClient::webAppAndXpAdminAgree()
{
    QFETCH(QString, schema);
    QFETCH(bool, pooled);
    ConnectionSpec spec = *m_spec;
    if (pooled) {
        // The web app's pooled URL: PgBouncer in transaction mode, with Prisma's pgbouncer=true.
        XP_PGBOUNCER_URL(bouncer);
        auto parsed = ConnectionSpec::parse(bouncer);
        QVERIFY(parsed);
        spec = *parsed;
        spec.database = m_spec->database;
        spec.pooler = true;
    }
    if (schema != QLatin1String("public"))
        QVERIFY(psql({QStringLiteral("-c"), QStringLiteral("CREATE SCHEMA %1").arg(schema)}));
    QVERIFY(
        psql({QStringLiteral("-f"), QStringLiteral(XPADMIN_FIXTURES "/postgresql-migration.sql")}, schema.toLatin1()));

    // The web app's DATABASE_URL, with Prisma's own parameters, given verbatim to both.
    QUrl url(spec.toUrl(true));
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("schema"), schema);
    query.addQueryItem(QStringLiteral("connection_limit"), QStringLiteral("5"));
    query.addQueryItem(QStringLiteral("pool_timeout"), QStringLiteral("10"));
    url.setQuery(query);
    m_url = url.toString();

    // Users sign up in the web app; Prisma makes their ids.
    const QString alice = webApp({QStringLiteral("signup"), QStringLiteral("alice@example.com"),
                                  QStringLiteral("Alice Martin")})[QStringLiteral("id")]
                              .toString();
    const QString bob = webApp({QStringLiteral("signup"), QStringLiteral("bob@example.com"),
                                QStringLiteral("Bob Nguyen")})[QStringLiteral("id")]
                            .toString();
    QVERIFY(!m_webAppFailed);
    QVERIFY(!alice.isEmpty() && alice != bob);

    // XP Admin's support desk at work.
    CLI_EXIT(xpAdmin({QStringLiteral("init"), QStringLiteral("--into-existing")}), 0);
    const auto award = [&](const QString &user, const QString &amount, const QString &sourceType,
                           const QString &sourceId, const QString &category) {
        return xpAdmin({QStringLiteral("--json"), QStringLiteral("award"), QStringLiteral("--user"), user,
                        QStringLiteral("--amount"), amount, QStringLiteral("--source-type"), sourceType,
                        QStringLiteral("--source-id"), sourceId, QStringLiteral("--category"), category,
                        QStringLiteral("--description"), QStringLiteral("Spring contest: \u00e9t\u00e9 \u2713")});
    };
    const Run prize = award(alice, QStringLiteral("250"), QStringLiteral("SPECIAL_ACHIEVEMENT"),
                            QStringLiteral("contest-7"), QStringLiteral("ACHIEVEMENT"));
    CLI_EXIT(prize, 0);
    const QString prizeId = prize.json()[QStringLiteral("transactions")][0][QStringLiteral("id")].toString();
    CLI_EXIT(award(alice, QStringLiteral("15"), QStringLiteral("DAILY_STREAK"), QStringLiteral("streak-1"),
                   QStringLiteral("STREAK_BONUS")),
             0);
    CLI_EXIT(award(bob, QStringLiteral("40"), QStringLiteral("DAILY_STREAK"), QStringLiteral("streak-1"),
                   QStringLiteral("STREAK_BONUS")),
             0);
    CLI_EXIT(xpAdmin({QStringLiteral("adjust"), QStringLiteral("--user"), alice, QStringLiteral("--amount"),
                      QStringLiteral("-30"), QStringLiteral("--reason"), QStringLiteral("Duplicate prize")}),
             0);
    CLI_EXIT(xpAdmin({QStringLiteral("rollback"), QStringLiteral("--id"), prizeId, QStringLiteral("--reason"),
                      QStringLiteral("Wrong contest")}),
             0);
    CLI_EXIT(xpAdmin({QStringLiteral("restore"), QStringLiteral("--id"), prizeId, QStringLiteral("--reason"),
                      QStringLiteral("It was the right one")}),
             0);
    CLI_EXIT(xpAdmin({QStringLiteral("delete-source"), QStringLiteral("--source-type"), QStringLiteral("DAILY_STREAK"),
                      QStringLiteral("--source-id"), QStringLiteral("streak-1"), QStringLiteral("--reason"),
                      QStringLiteral("Streak counted twice")}),
             0);

    // The web app reads exactly the rows and totals XP Admin has.
    QJsonObject seen = webApp({QStringLiteral("read")});
    QVERIFY(!m_webAppFailed);
    const Run history = xpAdmin({QStringLiteral("--json"), QStringLiteral("history")});
    CLI_EXIT(history, 0);
    QCOMPARE(history.json().array().size(), 2);
    QCOMPARE(byId(seen[QStringLiteral("transactions")].toArray()), byId(history.json().array()));
    const QJsonArray users = seen[QStringLiteral("users")].toArray();
    QCOMPARE(users.size(), 2);
    QCOMPARE(users[0][QStringLiteral("email")].toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(users[0][QStringLiteral("totalXP")].toInt(), 220);
    QCOMPARE(users[1][QStringLiteral("totalXP")].toInt(), 0);

    // The web app awards as it does all day; XP Admin sees it, and the ledger still verifies.
    const QJsonObject answer = webApp({QStringLiteral("award"), bob, QStringLiteral("7"), QStringLiteral("attempt-1")});
    QVERIFY(!m_webAppFailed);
    const Run bobsHistory
        = xpAdmin({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--user"), bob});
    CLI_EXIT(bobsHistory, 0);
    QCOMPARE(bobsHistory.json().array(), QJsonArray{answer});
    const Run shown = xpAdmin({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"), bob});
    CLI_EXIT(shown, 0);
    QCOMPARE(shown.json()[QStringLiteral("totalXP")].toInt(), 7);
    QCOMPARE(shown.json()[QStringLiteral("differs")].toBool(), false);
    CLI_EXIT(xpAdmin({QStringLiteral("verify")}), 0);

    // And XP Admin's correction of the web app's award reaches the web app.
    CLI_EXIT(xpAdmin({QStringLiteral("adjust"), QStringLiteral("--user"), bob, QStringLiteral("--amount"),
                      QStringLiteral("3"), QStringLiteral("--reason"), QStringLiteral("Answer was worth 10")}),
             0);
    seen = webApp({QStringLiteral("read")});
    QVERIFY(!m_webAppFailed);
    QCOMPARE(seen[QStringLiteral("users")].toArray()[1][QStringLiteral("totalXP")].toInt(), 10);
    const Run after = xpAdmin({QStringLiteral("--json"), QStringLiteral("history")});
    QCOMPARE(byId(seen[QStringLiteral("transactions")].toArray()), byId(after.json().array()));
}

// Capture on: the web app's own client writes, and its award becomes sealed audit events with
// its role, so that its rows are proved by the log; Prisma's reads see no difference.
void TestPrismaClient::webAppWritesAreCapturedWithItsRole()
{
    QVERIFY(psql({QStringLiteral("-f"), QStringLiteral(XPADMIN_FIXTURES "/postgresql-migration.sql")}, "public"));
    m_url = m_spec->toUrl(true);
    const QString carol = webApp({QStringLiteral("signup"), QStringLiteral("carol@example.com"),
                                  QStringLiteral("Carol Diaz")})[QStringLiteral("id")]
                              .toString();
    QVERIFY(!m_webAppFailed);
    CLI_EXIT(xpAdmin({QStringLiteral("init"), QStringLiteral("--into-existing")}), 0);
    CLI_EXIT(xpAdmin({QStringLiteral("capture"), QStringLiteral("install")}), 0);
    // XP Admin watches while the web app writes: each change shows as it is made, with its role.
    QProcess watch;
    QProcessEnvironment watchEnvironment = QProcessEnvironment::systemEnvironment();
    watchEnvironment.remove(QStringLiteral("XPADMIN_DB"));
    watch.setProcessEnvironment(watchEnvironment);
    watch.start(CliRunner::program(),
                {QStringLiteral("--db"), m_url, QStringLiteral("watch"), QStringLiteral("--json")});
    QVERIFY(watch.waitForStarted(30000));
    QByteArray watchErr;
    QTRY_VERIFY_WITH_TIMEOUT((watchErr += watch.readAllStandardError()).contains('\n'), 60000);
    QVERIFY2(watchErr.startsWith("Live"), watchErr.constData());
    QByteArray watched;
    const auto watchedLines = [&] {
        watched += watch.readAllStandardOutput();
        return watched.count('\n');
    };
    const QJsonObject first
        = webApp({QStringLiteral("award"), carol, QStringLiteral("12"), QStringLiteral("attempt-1")});
    const QJsonObject second
        = webApp({QStringLiteral("award"), carol, QStringLiteral("8"), QStringLiteral("attempt-2")});
    QVERIFY(!m_webAppFailed);
    const QJsonObject seen = webApp({QStringLiteral("read")});
    QVERIFY(!m_webAppFailed);
    QCOMPARE(seen[QStringLiteral("users")].toArray()[0][QStringLiteral("totalXP")].toInt(), 20);
    // Two rows, two totals: watch sealed them into the log as they came.
    QTRY_VERIFY_WITH_TIMEOUT(watchedLines() >= 4, 60000);
    QCOMPARE(::kill(pid_t(watch.processId()), SIGINT), 0);
    QVERIFY(watch.waitForFinished(60000));
    QCOMPARE(watch.exitCode(), 0);
    watchedLines();
    QStringList shown;
    for (const QByteArray &line : watched.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        QCOMPARE(event[QStringLiteral("origin")].toString(), QStringLiteral("database"));
        QCOMPARE(event[QStringLiteral("role")].toString(), m_spec->user);
        shown << event[QStringLiteral("action")].toString() + QLatin1Char(' ')
                + event[QStringLiteral("xp_id")].toString();
    }
    QCOMPARE(shown,
             (QStringList{
                 QStringLiteral("db-insert ") + first[QStringLiteral("id")].toString(), QStringLiteral("db-total "),
                 QStringLiteral("db-insert ") + second[QStringLiteral("id")].toString(), QStringLiteral("db-total ")}));

    const Run status = xpAdmin({QStringLiteral("--json"), QStringLiteral("capture"), QStringLiteral("status")});
    CLI_EXIT(status, 0);
    QCOMPARE(status.json()[QStringLiteral("pending")].toInt(), 0); // watch sealed them
    const Run verified = xpAdmin({QStringLiteral("--json"), QStringLiteral("verify"), QStringLiteral("--strict")});
    CLI_EXIT(verified, 0); // every row of the web app proved by its captured events
    QCOMPARE(verified.json()[QStringLiteral("rows")][QStringLiteral("matched")].toInt(), 2);

    auto db = Database::open(*m_spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
    QVERIFY(db);
    QStringList events;
    for (auto rows = (*db)->run(QStringLiteral("SELECT action, actor, xp_id FROM xpadmin.audit_event WHERE action "
                                               "LIKE 'db-%' ORDER BY seq"));
         rows && rows->next();) {
        QCOMPARE(rows->text(1), m_spec->user); // the web app's login
        events << rows->text(0) + QLatin1Char(' ') + rows->text(2);
    }
    QCOMPARE(events,
             (QStringList{
                 QStringLiteral("db-insert ") + first[QStringLiteral("id")].toString(), QStringLiteral("db-total "),
                 QStringLiteral("db-insert ") + second[QStringLiteral("id")].toString(), QStringLiteral("db-total ")}));
    CLI_EXIT(xpAdmin({QStringLiteral("capture"), QStringLiteral("remove")}), 0);
}

QTEST_GUILESS_MAIN(TestPrismaClient)
#include "TestPrismaClient.moc"
