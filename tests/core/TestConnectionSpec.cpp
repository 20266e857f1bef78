#include "core/db/ConnectionProblem.h"
#include "core/db/ConnectionSpec.h"

#include <QTest>
#include <QUrl>

// Every form of PostgreSQL connection a web application or libpq takes, read into the fields
// XP Admin connects with; what neither knows is refused, naming the key; no password leaks.
class TestConnectionSpec final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void forms_data();
    void forms();
    void readsBackTheSame_data();
    void readsBackTheSame();
    void refused_data();
    void refused();
    void environmentSuppliesTheDatabase();
    void prismaCertificateOptions();
    void pkcs12IdentityIsExplained();
    void valuesAreQuotedForLibpq();
    void tlsFailuresAreSaidPlainly();
};

void TestConnectionSpec::init()
{
    for (const char *name : {"PGDATABASE", "PGSERVICE"})
        qunsetenv(name);
}

void TestConnectionSpec::forms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("ports");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("appSchema");
    QTest::addColumn<bool>("pooler");

    QTest::newRow("Prisma DATABASE_URL")
        << "postgresql://app:s3cret@db:5432/app?schema=public&connection_limit=5&pool_timeout=10&sslmode=prefer"
        << "db" << 5432 << ""
        << "app"
        << "app"
        << "s3cret"
        << "sslmode=prefer"
        << "" << false;
    QTest::newRow("Prisma, other schema, PgBouncer")
        << "postgres://app@pool:6432/app?schema=billing&pgbouncer=true&statement_cache_size=0&socket_timeout=5"
        << "pool" << 6432 << ""
        << "app"
        << "app"
        << ""
        << ""
        << "billing" << true;
    QTest::newRow("no port: libpq's default") << "postgresql://ops@db/app"
                                              << "db" << 0 << ""
                                              << "app"
                                              << "ops"
                                              << ""
                                              << ""
                                              << "" << false;
    QTest::newRow("several hosts") << "postgresql://ops@h1:5432,h2:5433/app?target_session_attrs=read-write"
                                   << "h1,h2" << 0 << "5432,5433"
                                   << "app"
                                   << "ops"
                                   << ""
                                   << "target_session_attrs=read-write"
                                   << "" << false;
    QTest::newRow("several hosts, one port") << "postgresql://h1:6000,h2:6000/app"
                                             << "h1,h2" << 6000 << ""
                                             << "app"
                                             << ""
                                             << ""
                                             << ""
                                             << "" << false;
    QTest::newRow("socket as parameter") << "postgresql:///app?host=/run/postgresql"
                                         << "/run/postgresql" << 0 << ""
                                         << "app"
                                         << ""
                                         << ""
                                         << ""
                                         << "" << false;
    QTest::newRow("socket percent-encoded") << "postgresql://ops@%2Frun%2Fpostgresql:5433/app"
                                            << "/run/postgresql" << 5433 << ""
                                            << "app"
                                            << "ops"
                                            << ""
                                            << ""
                                            << "" << false;
    QTest::newRow("IPv6") << "postgresql://[::1]:5433/app"
                          << "::1" << 5433 << ""
                          << "app"
                          << ""
                          << ""
                          << ""
                          << "" << false;
    QTest::newRow("encoded password") << "postgresql://ops:p%40ss%20w%3Ard@db/app"
                                      << "db" << 0 << ""
                                      << "app"
                                      << "ops"
                                      << "p@ss w:rd"
                                      << ""
                                      << "" << false;
    QTest::newRow("service") << "postgresql:///?service=ledger"
                             << "" << 0 << ""
                             << ""
                             << ""
                             << ""
                             << "service=ledger"
                             << "" << false;
    QTest::newRow("keyword form") << "host=db port=6543 dbname=app user=ops password='a b\\'c' sslmode=require"
                                  << "db" << 6543 << ""
                                  << "app"
                                  << "ops"
                                  << "a b'c"
                                  << "sslmode=require"
                                  << "" << false;
    QTest::newRow("keyword form with options") << "dbname=app options='-c statement_timeout=5s' application_name=desk"
                                               << "" << 0 << ""
                                               << "app"
                                               << ""
                                               << ""
                                               << "options=-c statement_timeout=5s;application_name=desk"
                                               << "" << false;
    QTest::newRow("libpq's own keys") << "postgresql://db/app?hostaddr=127.0.0.1&keepalives=1&keepalives_idle=30&"
                                         "channel_binding=prefer&gssencmode=disable&connect_timeout=3"
                                      << "db" << 0 << ""
                                      << "app"
                                      << ""
                                      << ""
                                      << "hostaddr=127.0.0.1;keepalives=1;keepalives_idle=30;channel_binding=prefer;"
                                         "gssencmode=disable;connect_timeout=3"
                                      << "" << false;
    QTest::newRow("node-postgres no-verify") << "postgres://db/app?sslmode=no-verify"
                                             << "db" << 0 << ""
                                             << "app"
                                             << ""
                                             << ""
                                             << "sslmode=require"
                                             << "" << false;
}

void TestConnectionSpec::forms()
{
    QFETCH(QString, text);
    auto spec = ConnectionSpec::parse(text);
    QVERIFY2(spec, qPrintable(spec ? QString() : spec.error().message));
    QCOMPARE(spec->backend, ConnectionSpec::Backend::Postgres);
    QTEST(spec->host, "host");
    QTEST(spec->port, "port");
    QTEST(spec->ports, "ports");
    QTEST(spec->database, "database");
    QTEST(spec->user, "user");
    QTEST(spec->password, "password");
    QTEST(spec->options, "options");
    QTEST(spec->appSchema, "appSchema");
    QTEST(spec->pooler, "pooler");
    QFETCH(QString, password);
    if (!password.isEmpty()) {
        QVERIFY2(!spec->displayName().contains(password), qPrintable(spec->displayName()));
        QVERIFY2(!spec->toUrl().contains(QString::fromLatin1(QUrl::toPercentEncoding(password))),
                 qPrintable(spec->toUrl()));
    }
}

void TestConnectionSpec::readsBackTheSame_data()
{
    forms_data();
}

void TestConnectionSpec::readsBackTheSame()
{
    // What the recent-databases list and --db take back: the same connection, the password aside.
    QFETCH(QString, text);
    const auto spec = ConnectionSpec::parse(text);
    QVERIFY(spec);
    const QString url = spec->toUrl(true);
    const auto again = ConnectionSpec::parse(url);
    QVERIFY2(again, qPrintable(url + QStringLiteral(": ") + (again ? QString() : again.error().message)));
    QCOMPARE(again->host, spec->host);
    QCOMPARE(again->port, spec->port);
    QCOMPARE(again->ports, spec->ports);
    QCOMPARE(again->database, spec->database);
    QCOMPARE(again->user, spec->user);
    QCOMPARE(again->password, spec->password);
    QCOMPARE(again->options, spec->options);
    QCOMPARE(again->appSchema, spec->appSchema);
    QCOMPARE(again->pooler, spec->pooler);
    QCOMPARE(again->prismaOptions, spec->prismaOptions);
    QCOMPARE(ConnectionSpec::parse(spec->displayName())->displayName(), spec->displayName());
}

void TestConnectionSpec::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown key") << "postgresql://ops:hunter2@db/app?colour=blue"
                                 << "unknown connection option colour";
    QTest::newRow("unknown keyword") << "host=db dbname=app password=hunter2 colour=blue"
                                     << "unknown connection option colour";
    QTest::newRow("port out of range") << "postgresql://ops:hunter2@db:99999/app"
                                       << "99999";
    QTest::newRow("port not a number") << "postgresql://ops:hunter2@db:abc/app"
                                       << "abc";
    QTest::newRow("ports do not match hosts") << "postgresql://h1:1,h2:2,h3:3/app?port=1,2&password=hunter2"
                                              << "2 ports for 3 hosts";
    QTest::newRow("schema not a name") << "postgresql://ops:hunter2@db/app?schema=a%3Bdrop"
                                       << "schema=a;drop";
    QTest::newRow("schema reserved") << "postgresql://ops:hunter2@db/app?schema=xpadmin"
                                     << "schema=xpadmin is reserved";
    QTest::newRow("pgbouncer not a boolean") << "postgresql://ops:hunter2@db/app?pgbouncer=maybe"
                                             << "pgbouncer=maybe";
    QTest::newRow("sslaccept unknown") << "postgresql://db/app?sslaccept=sometimes&password=hunter2"
                                       << "sslaccept=sometimes";
    QTest::newRow("bad percent") << "postgresql://ops:hunter2@db/ap%zzp"
                                 << "percent-encoded";
    QTest::newRow("parameter without value") << "postgresql://ops:hunter2@db/app?sslmode"
                                             << "sslmode";
    QTest::newRow("unclosed quote") << "host=db dbname=app password='hunter2"
                                    << "closing quote";
    QTest::newRow("no database") << "postgresql://ops:hunter2@db"
                                 << "names no database";
    QTest::newRow("keyword form, no database") << "host=db user=ops password=hunter2"
                                               << "dbname=";
    QTest::newRow("other engine") << "mysql://ops:hunter2@db/app"
                                  << "unknown kind of database";
    QTest::newRow("password with a slash, not encoded") << "postgresql://ops:hunter2/x@db/app"
                                                        << "not a valid";
    QTest::newRow("password with an @, not encoded") << "postgresql://ops:hunter2@x@db:abc/app"
                                                     << "abc";
}

void TestConnectionSpec::refused()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const auto spec = ConnectionSpec::parse(text);
    QVERIFY(!spec);
    QCOMPARE(spec.error().kind, Error::Kind::Input);
    QVERIFY2(spec.error().message.contains(mentions), qPrintable(spec.error().message));
    QVERIFY2(!spec.error().message.contains(QLatin1String("hunter2")), qPrintable(spec.error().message));
}

void TestConnectionSpec::environmentSuppliesTheDatabase()
{
    // libpq takes the database from PGDATABASE when the URL has none.
    QVERIFY(!ConnectionSpec::parse(QStringLiteral("postgresql://db")));
    qputenv("PGDATABASE", "app");
    const auto spec = ConnectionSpec::parse(QStringLiteral("postgresql://db"));
    qunsetenv("PGDATABASE");
    QVERIFY2(spec, qPrintable(spec ? QString() : spec.error().message));
    QCOMPARE(spec->database, QString());
    QVERIFY(!spec->connectOptions().contains(QLatin1String("dbname")));
}

void TestConnectionSpec::prismaCertificateOptions()
{
    // Prisma's sslcert is the CA that signed the server's certificate; strict checks it and the name.
    const auto prisma = ConnectionSpec::parse(
        QStringLiteral("postgresql://app@db/app?sslmode=require&sslcert=/etc/ca.crt&sslaccept=strict&schema=app"));
    QVERIFY(prisma);
    QCOMPARE(prisma->option(QStringLiteral("sslrootcert")), QStringLiteral("/etc/ca.crt"));
    QCOMPARE(prisma->option(QStringLiteral("sslcert")), QString());
    QCOMPARE(prisma->option(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
    // With libpq's own keys beside it, sslcert is libpq's client certificate.
    const auto libpq = ConnectionSpec::parse(QStringLiteral(
        "postgresql://app@db/app?sslmode=verify-full&sslrootcert=/etc/ca.crt&sslcert=/c.crt&sslkey=/c.key"));
    QVERIFY(libpq);
    QCOMPARE(libpq->option(QStringLiteral("sslcert")), QStringLiteral("/c.crt"));
    QCOMPARE(libpq->option(QStringLiteral("sslrootcert")), QStringLiteral("/etc/ca.crt"));
    // accept_invalid_certs leaves require as it is: encrypted, the certificate not checked.
    const auto lax
        = ConnectionSpec::parse(QStringLiteral("postgresql://db/app?sslmode=require&sslaccept=accept_invalid_certs"));
    QVERIFY(lax);
    QCOMPARE(lax->option(QStringLiteral("sslmode")), QStringLiteral("require"));
}

void TestConnectionSpec::pkcs12IdentityIsExplained()
{
    const auto spec = ConnectionSpec::parse(
        QStringLiteral("postgresql://app@db/app?sslidentity=/keys/id.p12&sslpassword=p12secret&sslaccept=strict"));
    QVERIFY2(spec, qPrintable(spec ? QString() : spec.error().message));
    QCOMPARE(spec->unusable().size(), 1);
    QVERIFY(spec->unusable().constFirst().contains(QLatin1String("/keys/id.p12")));
    QVERIFY(spec->unusable().constFirst().contains(QLatin1String("openssl pkcs12")));
    QVERIFY2(!spec->displayName().contains(QLatin1String("p12secret")), qPrintable(spec->displayName()));
    QVERIFY(spec->toUrl(true).contains(QLatin1String("p12secret")));
}

void TestConnectionSpec::valuesAreQuotedForLibpq()
{
    auto spec
        = ConnectionSpec::parse(QStringLiteral("postgresql://h1:5432,h2:5433/app?options=-c%20search_path%3D'x'"));
    QVERIFY(spec);
    QCOMPARE(spec->connectOptions(), QStringLiteral("port=5432,5433;options='-c search_path=\\'x\\''"));
    // A value with ";" cannot pass QPSQL, which splits its options there.
    const auto semicolon = ConnectionSpec::parse(QStringLiteral("postgresql://db/app?application_name=a%3Bb"));
    QVERIFY(!semicolon);
    QVERIFY2(semicolon.error().message.contains(QLatin1String("application_name")),
             qPrintable(semicolon.error().message));
}

void TestConnectionSpec::tlsFailuresAreSaidPlainly()
{
    // libpq's own words (15), and what a person reads first.
    auto spec = *ConnectionSpec::parse(
        QStringLiteral("postgresql://db/app?sslmode=verify-full&sslrootcert=/etc/xp/ca.crt&hostaddr=127.0.0.1"));
    const QString wrongCa = ConnectionProblem::explain(
        spec,
        QStringLiteral("connection to server at \"db\" (127.0.0.1), port 5432 failed: SSL error: certificate "
                       "verify failed"));
    QVERIFY2(wrongCa.startsWith(QLatin1String("The server's certificate is not signed by the certificate authority in "
                                              "/etc/xp/ca.crt")),
             qPrintable(wrongCa));
    QVERIFY(wrongCa.contains(QLatin1String("SSL error: certificate verify failed")));
    const QString wrongHost = ConnectionProblem::explain(
        spec,
        QStringLiteral("connection to server at \"127.0.0.1\", port 5432 failed: server certificate for "
                       "\"localhost\" (and 1 other name) does not match host name \"db\""));
    QVERIFY2(wrongHost.startsWith(QLatin1String("The server's certificate is for localhost (and 1 other name), not "
                                                "for the host name db.")),
             qPrintable(wrongHost));
    const QString other = ConnectionProblem::explain(spec, QStringLiteral("FATAL:  database \"x\" does not exist"));
    QCOMPARE(other, QStringLiteral("FATAL: database \"x\" does not exist"));
}

QTEST_GUILESS_MAIN(TestConnectionSpec)
#include "TestConnectionSpec.moc"
