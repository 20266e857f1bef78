#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

// xpadmin-cli reaches the test server through every form an operator pastes or libpq reads:
// the web application's Prisma DATABASE_URL, the keyword form, a Unix socket, a host list whose
// first host is dead, PG* variables, ~/.pgpass, a service file, and TLS with the test CA, a
// wrong CA, a wrong host name, a missing CA file and a client certificate.
namespace {

const QString PasswordLogin = QStringLiteral("xpadmin_pwtest"); // pg_hba.conf asks it for a password
const QString Password = QStringLiteral("Sekr3t-7f3k9Zq_pw"); // the one test_credentials gives it
const QString TlsLogin = QStringLiteral("xpadmin_tls"); // pg_hba.conf: TLS with a client certificate only

// Sets environment variables for the CLI runs of one test, and puts them back afterwards.
class ScopedEnvironment final
{
public:
    explicit ScopedEnvironment(const QStringList &assignments)
    {
        for (const QString &assignment : assignments) {
            const QByteArray name = assignment.section(QLatin1Char('='), 0, 0).toUtf8();
            m_saved.append({name, qgetenv(name.constData()), qEnvironmentVariableIsSet(name.constData())});
            qputenv(name.constData(), assignment.section(QLatin1Char('='), 1).toUtf8());
        }
    }
    ~ScopedEnvironment()
    {
        for (const auto &[name, value, wasSet] : m_saved) {
            if (wasSet)
                qputenv(name.constData(), value);
            else
                qunsetenv(name.constData());
        }
    }
    ScopedEnvironment(const ScopedEnvironment &) = delete;
    ScopedEnvironment &operator=(const ScopedEnvironment &) = delete;

private:
    struct Saved
    {
        QByteArray name;
        QByteArray value;
        bool wasSet;
    };
    QList<Saved> m_saved;
};

} // namespace

class TestCliConnection final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void connects_data();
    void connects();
    void pgpassIsRead();
    void passwordNeverShown();
    void tlsVerifiesTheServer();
    void tlsWrongCaIsNamed();
    void tlsWrongHostIsNamed();
    void tlsMissingCaIsNamed();
    void tlsClientCertificate();

private:
    bool requireTls();
    QString expand(QString text) const;
    static QString login(const CliRunner::Run &run)
    {
        return run.json().object().value(QStringLiteral("login")).toString();
    }
    static CliRunner::Run rolesShow(const QString &database)
    {
        return CliRunner(database)(
            QStringList{QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    }

    std::optional<ConnectionSpec> m_server;
    std::optional<ConnectionSpec> m_ledger;
    QString m_socketDir;
    QString m_tlsDir;
    QTemporaryDir m_home;
    QString m_noServer;
};

void TestCliConnection::initTestCase()
{
    QVERIFY(QFileInfo::exists(CliRunner::program()));
    for (const char *name : {"PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGPASSFILE", "PGSERVICE",
                             "PGSERVICEFILE", "PGSSLMODE", "PGSSLROOTCERT", "XPADMIN_DB"})
        qunsetenv(name);
    QString why;
    m_ledger = TestBackend::freshDatabase(&why);
    if (!m_ledger || !TestBackend::openInitialized(*m_ledger, &why)) {
        m_ledger.reset();
        m_noServer = why;
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    m_server = ConnectionSpec::parse(qEnvironmentVariable("XPADMIN_TEST_PG_URL")).value();
    auto db = Database::open(*m_ledger, QStringLiteral("tester"));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
    m_socketDir = TestBackend::scalar(**db, QStringLiteral("SELECT current_setting('unix_socket_directories')"))
                      .toString()
                      .section(QLatin1Char(','), 0, 0)
                      .trimmed();
    QVERIFY2(TestBackend::adminExec(
                 QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN CREATE "
                                "ROLE %1; END IF; IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2') THEN "
                                "CREATE ROLE %2; END IF; END $$")
                     .arg(PasswordLogin, TlsLogin),
                 &why),
             qPrintable(why));
    QVERIFY2(TestBackend::adminExec(
                 QStringLiteral("ALTER ROLE %1 LOGIN SUPERUSER PASSWORD '%2'").arg(PasswordLogin, Password), &why),
             qPrintable(why));
    QVERIFY2(TestBackend::adminExec(QStringLiteral("ALTER ROLE %1 LOGIN").arg(TlsLogin), &why), qPrintable(why));
    m_tlsDir = qEnvironmentVariable("XPADMIN_TEST_PG_TLS_DIR");
    QVERIFY(m_home.isValid());
    // A private copy of the client key: libpq refuses a key that others may read.
    if (!m_tlsDir.isEmpty()) {
        const QString key = m_home.filePath(QStringLiteral("client.key"));
        QFile::remove(key);
        QVERIFY(QFile::copy(m_tlsDir + QStringLiteral("/client.key"), key));
        QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner));
    }
}

void TestCliConnection::cleanupTestCase()
{
    if (m_ledger)
        TestBackend::dropDatabase(*m_ledger);
}

QString TestCliConnection::expand(QString text) const
{
    return text.replace(QLatin1String("{host}"), m_server->host)
        .replace(QLatin1String("{port}"), QString::number(m_server->port))
        .replace(QLatin1String("{db}"), m_ledger->database)
        .replace(QLatin1String("{socket}"), m_socketDir)
        .replace(QLatin1String("{socket%}"), QString::fromLatin1(QUrl::toPercentEncoding(m_socketDir)))
        .replace(QLatin1String("{home}"), m_home.path())
        .replace(QLatin1String("{tls}"), m_tlsDir);
}

void TestCliConnection::connects_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<QStringList>("environment");
    QTest::newRow("Prisma DATABASE_URL")
        << "postgresql://postgres@{host}:{port}/{db}?schema=public&connection_limit=5&pool_timeout=10&sslmode=prefer"
        << QStringList();
    QTest::newRow("keyword form") << "host={host} port={port} dbname={db} user=postgres application_name='XP test'"
                                  << QStringList();
    QTest::newRow("socket as parameter") << "postgres://postgres@/{db}?host={socket}&port={port}" << QStringList();
    QTest::newRow("socket percent-encoded") << "postgresql://postgres@{socket%}:{port}/{db}" << QStringList();
    QTest::newRow("first host dead") << "postgresql://postgres@127.0.0.1:1,{host}:{port}/{db}?connect_timeout=5"
                                     << QStringList();
    QTest::newRow("PGHOST, PGPORT, PGUSER")
        << "postgresql:///{db}"
        << QStringList{QStringLiteral("PGHOST={host}"), QStringLiteral("PGPORT={port}"),
                       QStringLiteral("PGUSER=postgres")};
    QTest::newRow("service file") << "postgresql:///?service=xpledger"
                                  << QStringList{QStringLiteral("PGSERVICEFILE={home}/pg_service.conf")};
    QTest::newRow("service, keyword form")
        << "service=xpledger" << QStringList{QStringLiteral("PGSERVICEFILE={home}/pg_service.conf")};
}

void TestCliConnection::connects()
{
    QFETCH(QString, database);
    QFETCH(QStringList, environment);
    QFile service(m_home.filePath(QStringLiteral("pg_service.conf")));
    QVERIFY(service.open(QIODevice::WriteOnly | QIODevice::Truncate));
    service.write(
        expand(QStringLiteral("[xpledger]\nhost={host}\nport={port}\ndbname={db}\nuser=postgres\n")).toUtf8());
    service.close();
    for (QString &assignment : environment)
        assignment = expand(assignment);
    const ScopedEnvironment scoped(environment);
    const CliRunner::Run shown = rolesShow(expand(database));
    CLI_EXIT(shown, 0);
    QCOMPARE(login(shown), QStringLiteral("postgres"));
    // And the ledger is read there: the history of the fresh ledger is empty, not an error.
    CLI_EXIT(CliRunner(expand(database))(QStringList{QStringLiteral("history")}), 0);
}

void TestCliConnection::pgpassIsRead()
{
    const QString url = expand(QStringLiteral("postgresql://%1@{host}:{port}/{db}").arg(PasswordLogin));
    // No password anywhere: refused, so the server does ask for one.
    {
        const ScopedEnvironment scoped({QStringLiteral("HOME=") + m_home.path()});
        const CliRunner::Run refused = rolesShow(url);
        QVERIFY2(refused.exitCode != 0, qPrintable(refused.describe()));
    }
    QFile pgpass(m_home.filePath(QStringLiteral(".pgpass")));
    QVERIFY(pgpass.open(QIODevice::WriteOnly | QIODevice::Truncate));
    pgpass.write(expand(QStringLiteral("{host}:{port}:*:%1:%2\n").arg(PasswordLogin, Password)).toUtf8());
    pgpass.close();
    QVERIFY(pgpass.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    const ScopedEnvironment scoped({QStringLiteral("HOME=") + m_home.path()});
    const CliRunner::Run shown = rolesShow(url);
    QFile::remove(pgpass.fileName());
    CLI_EXIT(shown, 0);
    QCOMPARE(login(shown), PasswordLogin);
    QVERIFY(!shown.out.contains(Password) && !shown.err.contains(Password));
}

void TestCliConnection::passwordNeverShown()
{
    const QString secret = QStringLiteral("Hush-9c1e4b");
    for (const QString &database :
         {QStringLiteral("postgresql://postgres:%1@127.0.0.1:1/{db}?connect_timeout=3").arg(secret),
          QStringLiteral("postgresql://postgres:%1@{host}:{port}/{db}?colour=blue").arg(secret),
          QStringLiteral("host=127.0.0.1 port=1 dbname={db} password='%1 x' connect_timeout=3").arg(secret),
          QStringLiteral("postgresql://postgres:%1@{host}:99999/{db}").arg(secret)}) {
        const CliRunner::Run run = rolesShow(expand(database));
        QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
        QVERIFY2(!run.out.contains(secret) && !run.err.contains(secret), qPrintable(run.describe()));
    }
}

bool TestCliConnection::requireTls()
{
    if (!m_tlsDir.isEmpty())
        return true;
    const char *why = "XPADMIN_TEST_PG_TLS_DIR is not set: start the test server with scripts/pg-cluster.sh "
                      "(run-tests.sh does)";
    if (TestBackend::serverRequired())
        QTest::qFail(why, __FILE__, __LINE__);
    else
        QTest::qSkip(why, __FILE__, __LINE__);
    return false;
}

void TestCliConnection::tlsVerifiesTheServer()
{
    if (!requireTls())
        return;
    const CliRunner::Run shown = rolesShow(expand(
        QStringLiteral("postgresql://postgres@localhost:{port}/{db}?sslmode=verify-full&sslrootcert={tls}/ca.crt")));
    CLI_EXIT(shown, 0);
    QCOMPARE(login(shown), QStringLiteral("postgres"));
}

void TestCliConnection::tlsWrongCaIsNamed()
{
    if (!requireTls())
        return;
    const CliRunner::Run refused = rolesShow(expand(QStringLiteral(
        "postgresql://postgres@localhost:{port}/{db}?sslmode=verify-full&sslrootcert={tls}/other-ca.crt")));
    QVERIFY2(refused.exitCode != 0, qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains(expand(QStringLiteral(
                 "The server's certificate is not signed by the certificate authority in {tls}/other-ca.crt"))),
             qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("certificate verify failed")), qPrintable(refused.err));
}

void TestCliConnection::tlsWrongHostIsNamed()
{
    if (!requireTls())
        return;
    const CliRunner::Run refused
        = rolesShow(expand(QStringLiteral("postgresql://postgres@wrong.example:{port}/"
                                          "{db}?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert={tls}/ca.crt")));
    QVERIFY2(refused.exitCode != 0, qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains(QLatin1String("The server's certificate is for localhost"))
                 && refused.err.contains(QLatin1String("not for the host name wrong.example")),
             qPrintable(refused.err));
}

void TestCliConnection::tlsMissingCaIsNamed()
{
    if (!requireTls())
        return;
    const QString missing = m_home.filePath(QStringLiteral("no-such-ca.crt"));
    const CliRunner::Run refused = rolesShow(expand(
        QStringLiteral("postgresql://postgres@localhost:{port}/{db}?sslmode=verify-full&sslrootcert=") + missing));
    QVERIFY2(refused.exitCode != 0, qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains(QStringLiteral("The certificate authority file %1").arg(missing)),
             qPrintable(refused.err));
}

void TestCliConnection::tlsClientCertificate()
{
    if (!requireTls())
        return;
    const QString base
        = QStringLiteral("postgresql://%1@127.0.0.1:{port}/{db}?sslmode=verify-full&sslrootcert={tls}/ca.crt")
              .arg(TlsLogin);
    const CliRunner::Run refused = rolesShow(expand(base));
    QVERIFY2(refused.exitCode != 0, qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains(QLatin1String("The server asks for a client certificate")), qPrintable(refused.err));
    const CliRunner::Run shown
        = rolesShow(expand(base + QStringLiteral("&sslcert={tls}/client.crt&sslkey={home}/client.key")));
    CLI_EXIT(shown, 0);
    QCOMPARE(login(shown), TlsLogin);
}

QTEST_GUILESS_MAIN(TestCliConnection)
#include "TestCliConnection.moc"
