#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using Run = CliRunner::Run;

// The web app's tables in a schema of their own (Prisma's ?schema=app): every command reads and
// writes them there, init leaves them exactly as Prisma made them, and nothing depends on the
// session's search_path: neither an empty one nor a public schema with tables of the same names.
// Checked with psql, outside XP Admin.
class TestCliSchema final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyCommandWorksInTheAppSchema();
    void samenamedTablesInPublicAreUntouched();
    void oddSchemaNamesAreRefused_data();
    void oddSchemaNamesAreRefused();

private:
    // Runs psql on the test database; its output with -At, or a failed check.
    bool psql(const QStringList &arguments, QString *out = nullptr, const QByteArray &pgOptions = {});
    QString sql(const QString &statement);
    // Prisma's migration, run with the search_path set to schema.
    bool migrate(const QString &schema);
    // What Prisma made in schema, read from the catalog: columns, types, defaults, indexes,
    // constraints, triggers, functions and enum labels.
    QString catalog(const QString &schema);
    QString dump(const QString &schema);
    // The same without the one thing roles install adds to the app's schema: the trigger that
    // refuses XP Admin's roles a change in a closed period (core/periods); fails when it is missing.
    static QString withoutPeriodTrigger(const QString &text);
    // Every row of the three tables of schema, as text.
    QString rows(const QString &schema);
    QString url(const QString &user = {}, const QString &password = {}) const;
    static QStringList award(const QString &user, const QString &amount, const QString &sourceId);
    static QString idOf(const Run &run);

    std::optional<ConnectionSpec> m_spec;
    QString m_login;
    QTemporaryDir m_dir;
};

void TestCliSchema::initTestCase()
{
    if (!TestBackend::isPostgres())
        QSKIP("Schemas are PostgreSQL's: an SQLite file has one namespace (?schema= applies to a PostgreSQL URL)");
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void TestCliSchema::init()
{
    XP_FRESH_DATABASE(m_spec);
    QVERIFY(psql({QStringLiteral("-c"), QStringLiteral("CREATE SCHEMA app")}));
    QVERIFY(migrate(QStringLiteral("app")));
}

void TestCliSchema::cleanup()
{
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
    if (!m_login.isEmpty()) {
        QString ignored;
        static_cast<void>(TestBackend::adminExec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_login), &ignored));
        m_login.clear();
    }
}

bool TestCliSchema::psql(const QStringList &arguments, QString *out, const QByteArray &pgOptions)
{
    QProcess process;
    if (!pgOptions.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PGOPTIONS"), QString::fromLatin1(pgOptions));
        process.setProcessEnvironment(environment);
    }
    process.start(QStringLiteral("psql"),
                  QStringList{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"), QStringLiteral("-v"),
                              QStringLiteral("ON_ERROR_STOP=1"), m_spec->toUrl(true)}
                      + arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("psql failed: %s", process.readAllStandardError().constData());
        return false;
    }
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    return true;
}

QString TestCliSchema::sql(const QString &statement)
{
    QString out;
    if (!psql({QStringLiteral("-c"), statement}, &out))
        return QStringLiteral("(psql failed)");
    return out;
}

bool TestCliSchema::migrate(const QString &schema)
{
    return psql({QStringLiteral("-f"), QStringLiteral(XPADMIN_FIXTURES "/postgresql-migration.sql")}, nullptr,
                "-c search_path=" + schema.toLatin1());
}

QString TestCliSchema::catalog(const QString &schema)
{
    const QString where = QStringLiteral("n.nspname = '%1'").arg(schema);
    return sql(
        QStringLiteral(
            "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
            "SELECT 'relation ' || c.relname || ' ' || c.relkind::text AS line FROM pg_class c JOIN pg_namespace n ON "
            "n.oid = c.relnamespace WHERE %1 "
            "UNION ALL SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, "
            "a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || COALESCE(' DEFAULT ' || "
            "pg_get_expr(d.adbin, d.adrelid), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped LEFT JOIN "
            "pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum WHERE %1 AND c.relkind = 'r' "
            "UNION ALL SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = "
            "i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1 "
            "UNION ALL SELECT 'constraint ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) "
            "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = "
            "c.relnamespace WHERE %1 "
            "UNION ALL SELECT 'trigger ' || c.relname || ' ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid "
            "= t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1 AND NOT t.tgisinternal "
            "UNION ALL SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE %1 "
            "UNION ALL SELECT 'type ' || t.typname || ' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY "
            "e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) FROM pg_type t JOIN pg_namespace n ON n.oid "
            "= t.typnamespace WHERE %1 AND t.typtype = 'e') lines")
            .arg(where));
}

QString TestCliSchema::withoutPeriodTrigger(const QString &text)
{
    static const QRegularExpression trigger(
        QStringLiteral("\\ntrigger UserXP xpadmin_period_closed|--\\n-- Name: UserXP xpadmin_period_closed; Type: "
                       "TRIGGER;[^\\n]*\\n--\\n\\nCREATE TRIGGER xpadmin_period_closed [^\\n]*\\n\\n\\n"));
    QString stripped = text;
    if (stripped.remove(trigger) == text)
        return QStringLiteral("the trigger xpadmin_period_closed is missing");
    return stripped;
}

QString TestCliSchema::dump(const QString &schema)
{
    QProcess process;
    process.start(QStringLiteral("pg_dump"),
                  {QStringLiteral("--schema-only"), QStringLiteral("--schema=") + schema, QStringLiteral("--no-owner"),
                   QStringLiteral("--no-privileges"), QStringLiteral("--restrict-key=xpadmintest"),
                   m_spec->toUrl(true)});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("pg_dump failed: %s", process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QString TestCliSchema::rows(const QString &schema)
{
    return sql(QStringLiteral("SELECT (SELECT COALESCE(string_agg(u::text, ';' ORDER BY u.id), '') FROM %1.\"User\" u) "
                              "|| ' | ' || (SELECT COALESCE(string_agg(p::text, ';' ORDER BY p.id), '') FROM "
                              "%1.\"UserProfile\" p) || ' | ' || (SELECT COALESCE(string_agg(x::text, ';' ORDER BY "
                              "x.id), '') FROM %1.\"UserXP\" x)")
                   .arg(schema));
}

QString TestCliSchema::url(const QString &user, const QString &password) const
{
    ConnectionSpec spec = *m_spec;
    if (!user.isEmpty()) {
        spec.user = user;
        spec.password = password;
    }
    QUrl url(spec.toUrl(true));
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("schema"), QStringLiteral("app"));
    url.setQuery(query);
    return url.toString();
}

QStringList TestCliSchema::award(const QString &user, const QString &amount, const QString &sourceId)
{
    return {QStringLiteral("--json"),        QStringLiteral("award"),
            QStringLiteral("--user"),        user,
            QStringLiteral("--amount"),      amount,
            QStringLiteral("--source-id"),   sourceId,
            QStringLiteral("--description"), QStringLiteral("answer"),
            QStringLiteral("--source-type"), QStringLiteral("USER_PROBLEM_ATTEMPT"),
            QStringLiteral("--category"),    QStringLiteral("CORRECT_ANSWER")};
}

QString TestCliSchema::idOf(const Run &run)
{
    return run.json()[QStringLiteral("transactions")][0][QStringLiteral("id")].toString();
}

void TestCliSchema::everyCommandWorksInTheAppSchema()
{
    const QString prismaCatalog = catalog(QStringLiteral("app"));
    const QString prismaDump = dump(QStringLiteral("app"));
    QVERIFY(prismaCatalog.contains(QLatin1String("index CREATE UNIQUE INDEX \"User_email_key\"")));
    QVERIFY(!prismaDump.isEmpty());
    // Nothing is found without its schema: a name left unqualified fails the command.
    QVERIFY(
        psql({QStringLiteral("-c"), QStringLiteral("ALTER DATABASE %1 SET search_path = ''").arg(m_spec->database)}));

    CliRunner cli(url());
    CLI_EXIT(cli({QStringLiteral("init"), QStringLiteral("--into-existing")}), 0);
    QCOMPARE(catalog(QStringLiteral("app")), prismaCatalog);
    QCOMPARE(dump(QStringLiteral("app")), prismaDump);

    // A second person, for approvals: XP Admin's roles, granted in the app's schema.
    m_login = QStringLiteral("xpt_bob_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    const QString password = QUuid::createUuid().toString(QUuid::Id128);
    QString why;
    QVERIFY2(TestBackend::adminExec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_login, password), &why),
             qPrintable(why));
    CLI_EXIT(cli(CliRunner::args({"roles", "install"})), 0);
    CLI_EXIT(cli({QStringLiteral("roles"), QStringLiteral("grant"), QStringLiteral("--role"), QStringLiteral("admin"),
                  QStringLiteral("--login"), m_login}),
             0);
    QCOMPARE(sql(QStringLiteral("SELECT has_schema_privilege('xpadmin_auditor', 'app', 'USAGE')")),
             QStringLiteral("t"));
    QCOMPARE(withoutPeriodTrigger(catalog(QStringLiteral("app"))), prismaCatalog);
    const CliRunner bob(url(m_login, password));

    for (const char *user : {"u1", "u2"})
        CLI_EXIT(cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), QLatin1String(user),
                      QStringLiteral("--email"), QLatin1String(user) + QStringLiteral("@example.com")}),
                 0);
    const Run first = cli(award(QStringLiteral("u1"), QStringLiteral("100"), QStringLiteral("a-1")));
    CLI_EXIT(first, 0);
    CLI_EXIT(cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("shared"))), 0);
    CLI_EXIT(cli(award(QStringLiteral("u2"), QStringLiteral("40"), QStringLiteral("shared"))), 0);
    CLI_EXIT(cli(CliRunner::args({"adjust", "--user", "u1", "--amount", "-20", "--reason", "duplicate"})), 0);
    QCOMPARE(sql(QStringLiteral("SELECT \"totalXP\" FROM app.\"UserProfile\" WHERE \"userId\" = 'u1'")),
             QStringLiteral("90"));

    const QString id = idOf(first);
    CLI_EXIT(cli({QStringLiteral("rollback"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                  QStringLiteral("wrong problem")}),
             0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM app.\"UserXP\" WHERE id = '%1'").arg(id)), QStringLiteral("0"));
    CLI_EXIT(cli({QStringLiteral("restore"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                  QStringLiteral("it was right")}),
             0);
    QCOMPARE(sql(QStringLiteral("SELECT amount FROM app.\"UserXP\" WHERE id = '%1'").arg(id)), QStringLiteral("100"));
    CLI_EXIT(cli(CliRunner::args({"delete-source", "--source-type", "USER_PROBLEM_ATTEMPT", "--source-id", "shared",
                                  "--reason", "attempt deleted"})),
             0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM app.\"UserXP\" WHERE \"sourceId\" = 'shared'")),
             QStringLiteral("0"));

    const QString csv = m_dir.filePath(QStringLiteral("legacy.csv"));
    {
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("userId,totalXP,email,name\nl1,70,l1@example.com,Learner 1\nl2,5,l2@example.com,Learner 2\n");
    }
    CLI_EXIT(cli({QStringLiteral("import-legacy"), csv}), 0);
    QCOMPARE(sql(QStringLiteral("SELECT string_agg(\"userId\" || '=' || \"totalXP\", ',' ORDER BY \"userId\") FROM "
                                "app.\"UserProfile\"")),
             QStringLiteral("l1=70,l2=5,u1=80,u2=0"));

    // Approvals: alice asks for more than the threshold, bob (another login) approves.
    const Run held = cli(CliRunner::args(
        {"--actor", "alice", "--json", "adjust", "--user", "u2", "--amount", "5000", "--reason", "Ticket 9"}));
    CLI_EXIT(held, 0);
    const QString request = held.json()[QStringLiteral("request")][QStringLiteral("id")].toString();
    QVERIFY2(!request.isEmpty(), qPrintable(held.describe()));
    QCOMPARE(sql(QStringLiteral("SELECT \"totalXP\" FROM app.\"UserProfile\" WHERE \"userId\" = 'u2'")),
             QStringLiteral("0"));
    const Run approved = bob({QStringLiteral("--actor"), QStringLiteral("bob"), QStringLiteral("pending"),
                              QStringLiteral("approve"), request, QStringLiteral("--reason"), QStringLiteral("ok")});
    CLI_EXIT(approved, 0);
    QCOMPARE(sql(QStringLiteral("SELECT \"totalXP\" FROM app.\"UserProfile\" WHERE \"userId\" = 'u2'")),
             QStringLiteral("5000"));

    // The reading commands see the same rows as psql.
    CLI_EXIT(cli(CliRunner::args({"verify"})), 0);
    CLI_EXIT(bob(CliRunner::args({"verify"})), 0);
    const Run history = cli(CliRunner::args({"--json", "history", "--user", "u1"}));
    CLI_EXIT(history, 0);
    QCOMPARE(QString::number(history.json().array().size()),
             sql(QStringLiteral("SELECT count(*) FROM app.\"UserXP\" WHERE \"userId\" = 'u1'")));
    const Run totals = cli(CliRunner::args({"--json", "totals"}));
    CLI_EXIT(totals, 0);
    QVERIFY2(totals.out.contains(sql(QStringLiteral("SELECT SUM(amount) FROM app.\"UserXP\""))),
             qPrintable(totals.out));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM app.\"UserProfile\" p WHERE p.\"totalXP\" <> (SELECT "
                                "COALESCE(SUM(x.amount), 0) FROM app.\"UserXP\" x WHERE x.\"userId\" = p.\"userId\")")),
             QStringLiteral("0"));

    // Nothing went to public, and Prisma's tables are as Prisma made them.
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                                "n.nspname = 'public'")),
             QStringLiteral("0"));
    QCOMPARE(withoutPeriodTrigger(catalog(QStringLiteral("app"))), prismaCatalog);
    QCOMPARE(withoutPeriodTrigger(dump(QStringLiteral("app"))), prismaDump);
}

void TestCliSchema::samenamedTablesInPublicAreUntouched()
{
    // The same tables in public, with rows: where search_path would find them first.
    QVERIFY(migrate(QStringLiteral("public")));
    QVERIFY(
        psql({QStringLiteral("-c"),
              QStringLiteral("INSERT INTO public.\"User\" (id, email) VALUES ('u1', 'decoy@example.com'); "
                             "INSERT INTO public.\"UserProfile\" (id, \"userId\", \"totalXP\", \"updatedAt\") "
                             "VALUES ('p1', 'u1', 7, now()); INSERT INTO public.\"UserXP\" (id, \"userId\", "
                             "amount, \"sourceType\", \"sourceId\", description, category, \"updatedAt\") VALUES "
                             "('x1', 'u1', 7, 'USER_PROBLEM_ATTEMPT', 'decoy', 'decoy', 'CORRECT_ANSWER', now())")}));
    const QString publicRows = rows(QStringLiteral("public"));
    const QString publicCatalog = catalog(QStringLiteral("public"));
    const QString appCatalog = catalog(QStringLiteral("app"));
    QVERIFY2(publicRows.contains(QLatin1String("decoy@example.com")), qPrintable(publicRows));
    QVERIFY2(publicCatalog.contains(QLatin1String("column UserXP.amount integer NOT NULL")), qPrintable(publicCatalog));
    QVERIFY2(appCatalog.contains(QLatin1String("column UserXP.amount integer NOT NULL")), qPrintable(appCatalog));

    CliRunner cli(url());
    CLI_EXIT(cli({QStringLiteral("init"), QStringLiteral("--into-existing")}), 0);
    CLI_EXIT(cli(CliRunner::args({"roles", "install"})), 0);
    CLI_EXIT(cli(CliRunner::args({"user", "add", "--id", "u1", "--email", "u1@example.com"})), 0);
    const Run first = cli(award(QStringLiteral("u1"), QStringLiteral("30"), QStringLiteral("decoy")));
    CLI_EXIT(first, 0);
    CLI_EXIT(cli(CliRunner::args({"adjust", "--user", "u1", "--amount", "5", "--reason", "bonus"})), 0);
    CLI_EXIT(cli({QStringLiteral("rollback"), QStringLiteral("--id"), idOf(first), QStringLiteral("--reason"),
                  QStringLiteral("r")}),
             0);
    CLI_EXIT(cli(CliRunner::args({"verify", "--repair"})), 0);
    const Run user = cli(CliRunner::args({"--json", "user", "show", "--id", "u1"}));
    CLI_EXIT(user, 0);
    QCOMPARE(user.json()[QStringLiteral("email")].toString(), QStringLiteral("u1@example.com"));
    QCOMPARE(user.json()[QStringLiteral("totalXP")].toInt(), 5);

    QCOMPARE(sql(QStringLiteral("SELECT string_agg(amount::text, ',' ORDER BY amount) FROM app.\"UserXP\"")),
             QStringLiteral("5"));
    QCOMPARE(rows(QStringLiteral("public")), publicRows);
    QCOMPARE(catalog(QStringLiteral("public")), publicCatalog);
    QCOMPARE(withoutPeriodTrigger(catalog(QStringLiteral("app"))), appCatalog);
}

void TestCliSchema::oddSchemaNamesAreRefused_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("said");
    QTest::newRow("quote") << QStringLiteral("app\"; DROP TABLE x; --") << QStringLiteral("is not a schema name");
    QTest::newRow("space") << QStringLiteral("my app") << QStringLiteral("is not a schema name");
    QTest::newRow("digit first") << QStringLiteral("1app") << QStringLiteral("is not a schema name");
    QTest::newRow("catalog") << QStringLiteral("pg_catalog") << QStringLiteral("is reserved");
    QTest::newRow("own") << QStringLiteral("xpadmin") << QStringLiteral("is reserved");
}

void TestCliSchema::oddSchemaNamesAreRefused()
{
    QFETCH(QString, schema);
    QFETCH(QString, said);
    QUrl url(m_spec->toUrl(true));
    url.setQuery(QStringLiteral("schema=") + QString::fromLatin1(QUrl::toPercentEncoding(schema)));
    const CliRunner cli(QString::fromLatin1(url.toEncoded()));
    const Run refused = cli(CliRunner::args({"init", "--into-existing"}));
    CLI_EXIT(refused, 2);
    QVERIFY2(CliRunner::isOneErrorLine(refused.err) && refused.err.contains(said), qPrintable(refused.err));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM pg_namespace WHERE nspname = 'xpadmin'")), QStringLiteral("0"));
}

QTEST_GUILESS_MAIN(TestCliSchema)

#include "TestCliSchema.moc"
