#include "tests/credentials/MemoryCredentialStore.h"
#include "tests/support/TestBackend.h"
#include "tests/support/TestFiles.h"

#include "core/session/ConnectionCredentials.h"
#include "core/session/KeychainCredentialStore.h"
#include "core/session/LedgerSession.h"
#include "ui/main/ConnectionDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/RecentDatabases.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

const QString Login = QStringLiteral("xpadmin_pwtest"); // pg_hba.conf asks it for a password (scram-sha-256)
const QString Password = QStringLiteral("Sekr3t-7f3k9Zq_pw");
const QString WrongPassword = QStringLiteral("not-it-4711");

QStringList messages; // everything Qt logged during the test

void keepMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    messages << message;
}

// Every file under dir whose bytes contain text.
} // namespace

// PostgreSQL passwords: kept in the keychain only when asked and only once they work, asked for
// when missing or wrong, honoured from PGPASSWORD, and never written to settings, data files,
// logs or the recent-databases list, through the connection dialog, the main window and the CLI.
// The server part needs a login that pg_hba.conf asks for a password:
//   host all xpadmin_pwtest 127.0.0.1/32 scram-sha-256   (before the trust lines)
class TestCredentials final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void accountNamesTheConnectionWithoutAPassword();
    void passwordProblemsAreRecognised();
    void savedPasswordIsLoadedOnlyWhenNeeded();

    void savedPasswordFillsTheDialog();
    void passwordIsSavedOnlyOnceItWorks();
    void uncheckingRememberForgetsTheSavedPassword();
    void withoutKeychainTheDialogAsksEachTimeAndStoresNothing();
    void systemKeychainWithoutSessionBusFailsAndWritesNothing();
    void mainWindowAsksForAMissingPasswordAndStoresItNowhere();
    void cliHonoursPgpasswordAndNeverPrintsThePassword();
    void cliReadsThePasswordFromTheTerminalWithoutEcho();

private:
    bool requireServer();
    ConnectionSpec login(const QString &password = {}) const;
    QString cli() const { return QStringLiteral(XPADMIN_CLI_PATH); }
    QProcessEnvironment cliEnvironment() const;
    void checkNothingStored();

    QTemporaryDir m_home;
    std::optional<ConnectionSpec> m_spec; // the test database, as postgres
    QString m_noServer;
    bool m_enforced = false; // the server refuses a wrong password for Login
    MemoryCredentialStore m_store;
};

void TestCredentials::initTestCase()
{
    // Settings, data and libpq's password file of this test only.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("PGPASSFILE", m_home.filePath(QStringLiteral("no-pgpass")).toLocal8Bit());
    qunsetenv("PGPASSWORD");
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    qInstallMessageHandler(keepMessage);

    if (!TestBackend::isPostgres() || qEnvironmentVariableIsEmpty("XPADMIN_TEST_PG_URL")) {
        m_noServer = QStringLiteral("No PostgreSQL test server (XPADMIN_TEST_PG_URL)");
        return;
    }
    QString why;
    if (!TestBackend::adminExec(QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                                               "'%1') THEN CREATE ROLE %1; END IF; END $$")
                                    .arg(Login),
                                &why)
        || !TestBackend::adminExec(QStringLiteral("ALTER ROLE %1 LOGIN SUPERUSER PASSWORD '%2'").arg(Login, Password),
                                   &why)) {
        m_noServer = why;
        return;
    }
    m_spec = TestBackend::freshDatabase(&why);
    if (!m_spec || !TestBackend::openInitialized(*m_spec, &why)) {
        m_spec.reset();
        m_noServer = why;
        return;
    }
    m_enforced = !Database::open(login(WrongPassword)).ok();
}

void TestCredentials::cleanupTestCase()
{
    qInstallMessageHandler(nullptr);
    for (const QString &message : std::as_const(messages))
        QVERIFY2(!message.contains(Password), qPrintable(QStringLiteral("logged: ") + message));
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
}

bool TestCredentials::requireServer()
{
    if (m_spec && m_enforced)
        return true;
    const QString why = m_spec ? QStringLiteral("The test server accepts any password for %1: add \"host all %1 "
                                                "127.0.0.1/32 scram-sha-256\" first in its pg_hba.conf")
                                     .arg(Login)
                               : m_noServer;
    if (TestBackend::serverRequired())
        QTest::qFail(qPrintable(why), __FILE__, __LINE__);
    else
        QTest::qSkip(qPrintable(why), __FILE__, __LINE__);
    return false;
}

ConnectionSpec TestCredentials::login(const QString &password) const
{
    ConnectionSpec spec = *m_spec;
    spec.user = Login;
    spec.password = password;
    return spec;
}

QProcessEnvironment TestCredentials::cliEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"XPADMIN_DB", "PGPASSWORD", "DISPLAY", "DBUS_SESSION_BUS_ADDRESS"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("PGPASSFILE"), m_home.filePath(QStringLiteral("no-pgpass")));
    return environment;
}

void TestCredentials::checkNothingStored()
{
    const QStringList found = TestFiles::containing(m_home.path(), Password);
    QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("the password is in ") + found.join(QStringLiteral(", "))));
}

void TestCredentials::accountNamesTheConnectionWithoutAPassword()
{
    const auto spec = ConnectionSpec::parse(QStringLiteral("postgresql://alice:hunter2@db.example:6543/ledger"));
    QVERIFY(spec);
    QCOMPARE(ConnectionCredentials::account(*spec), QStringLiteral("alice@db.example:6543/ledger"));
    QVERIFY(!spec->displayName().contains(QLatin1String("hunter2")));
}

void TestCredentials::passwordProblemsAreRecognised()
{
    for (const char *message :
         {"Cannot open the database postgresql://a@h/d: fe_sendauth: no password supplied QPSQL: Unable to connect",
          "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication failed for user "
          "\"a\"",
          "FATAL:  Passwort-Authentifizierung für Benutzer »a« fehlgeschlagen"})
        QVERIFY2(ConnectionCredentials::isPasswordProblem(Error::database(QString::fromUtf8(message))), message);
    QVERIFY(!ConnectionCredentials::isPasswordProblem(
        Error::database(QStringLiteral("could not connect to server: Connection refused"))));
    QVERIFY(!ConnectionDialog::needsPassword(*ConnectionSpec::parse(QStringLiteral("a.sqlite")),
                                             Error::database(QStringLiteral("password"))));
}

void TestCredentials::savedPasswordIsLoadedOnlyWhenNeeded()
{
    MemoryCredentialStore store;
    const ConnectionSpec spec = *ConnectionSpec::parse(QStringLiteral("postgresql://alice@db.example/ledger"));
    store.entries.insert(ConnectionCredentials::account(spec), QStringLiteral("from-keychain"));

    ConnectionSpec given = spec;
    given.password = QStringLiteral("typed");
    QCOMPARE(ConnectionCredentials::withSavedPassword(given, store).password, QStringLiteral("typed"));
    QCOMPARE(
        ConnectionCredentials::withSavedPassword(*ConnectionSpec::parse(QStringLiteral("a.sqlite")), store).password,
        QString());
    QVERIFY(store.loads.isEmpty()); // neither asked the keychain

    QCOMPARE(ConnectionCredentials::withSavedPassword(spec, store).password, QStringLiteral("from-keychain"));
    QCOMPARE(store.loads, QStringList{QStringLiteral("alice@db.example:5432/ledger")});

    store.unavailable = true;
    QString why;
    QCOMPARE(ConnectionCredentials::withSavedPassword(spec, store, &why).password, QString());
    QVERIFY(why.contains(QLatin1String("not available")));
}

void TestCredentials::savedPasswordFillsTheDialog()
{
    if (!m_spec) // the dialog alone needs no server
        QSKIP(qPrintable(m_noServer));
    MemoryCredentialStore store;
    store.entries.insert(ConnectionCredentials::account(login()), Password);
    ConnectionDialog dialog(nullptr, &store);
    dialog.setSpec(login());
    QCOMPARE(dialog.spec().password, Password);
    QVERIFY(dialog.rememberPassword());
    QVERIFY(dialog.keychainAvailable());
    QVERIFY(store.saves.isEmpty());
}

void TestCredentials::passwordIsSavedOnlyOnceItWorks()
{
    if (!requireServer())
        return;
    MemoryCredentialStore store;
    ConnectionDialog dialog(nullptr, &store);
    dialog.setSpec(login());
    dialog.show();
    QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("connectionRemember"))->isEnabled());
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("connectionPassword"));
    QTest::keyClicks(password, WrongPassword);
    dialog.setRememberPassword(true);
    QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 20000);
    QCOMPARE(tested.first().first().toBool(), false);
    QVERIFY(dialog.isVisible()); // stays open, with the server's reason
    QVERIFY2(dialog.testResult().contains(QLatin1String("password"), Qt::CaseInsensitive),
             qPrintable(dialog.testResult()));
    QVERIFY(store.saves.isEmpty());

    password->clear();
    QTest::keyClicks(password, Password);
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 2, 20000);
    QCOMPARE(tested.last().first().toBool(), true);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(store.saves, QStringList{ConnectionCredentials::account(login())});
    QCOMPARE(store.entries.value(ConnectionCredentials::account(login())), Password);
    checkNothingStored();
}

void TestCredentials::uncheckingRememberForgetsTheSavedPassword()
{
    if (!requireServer())
        return;
    MemoryCredentialStore store;
    store.entries.insert(ConnectionCredentials::account(login()), Password);
    ConnectionDialog dialog(nullptr, &store);
    dialog.setSpec(login());
    dialog.show();
    QVERIFY(dialog.rememberPassword());
    dialog.setRememberPassword(false);
    QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
    dialog.accept();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 20000);
    QCOMPARE(store.removes, QStringList{ConnectionCredentials::account(login())});
    QVERIFY(store.entries.isEmpty());
    QVERIFY(store.saves.isEmpty());
}

void TestCredentials::withoutKeychainTheDialogAsksEachTimeAndStoresNothing()
{
    if (!requireServer())
        return;
    MemoryCredentialStore store;
    store.unavailable = true;
    ConnectionDialog dialog(nullptr, &store);
    dialog.setSpec(login());
    dialog.show();
    auto *remember = dialog.findChild<QCheckBox *>(QStringLiteral("connectionRemember"));
    QVERIFY(!remember->isEnabled());
    QVERIFY(remember->toolTip().contains(QLatin1String("asks for the password each time")));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("connectionPassword")), Password);
    dialog.accept();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 20000);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(store.saves.isEmpty());
    QVERIFY(store.entries.isEmpty());
    checkNothingStored();
}

void TestCredentials::systemKeychainWithoutSessionBusFailsAndWritesNothing()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("A session bus runs here: the real keychain may work, and this test must not write to it");
    KeychainCredentialStore keychain;
    const Status saved = keychain.save(QStringLiteral("xpadmin-test@nowhere:1/none"), Password);
    QVERIFY(!saved);
    QVERIFY2(saved.error().message.contains(QLatin1String("keychain")), qPrintable(saved.error().message));
    QVERIFY(!keychain.load(QStringLiteral("xpadmin-test@nowhere:1/none")));
    // QtKeychain's plain-text fallback stays off: no file anywhere got the password.
    checkNothingStored();
    QVERIFY(TestFiles::containing(QDir::homePath() + QStringLiteral("/.config"), Password).isEmpty());
}

void TestCredentials::mainWindowAsksForAMissingPasswordAndStoresItNowhere()
{
    if (!requireServer())
        return;
    MemoryCredentialStore unavailable;
    unavailable.unavailable = true; // as on a machine without a keychain
    CredentialStore::setSystemForTesting(&unavailable);
    {
        MainWindow window(QStringLiteral("tester"));
        window.show();
        QSignalSpy opened(&window, &MainWindow::databaseOpened);
        window.openDatabase(login(Password)); // as from the connection dialog
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
        QCOMPARE(opened.first().first().toBool(), true);
        QCOMPARE(window.session()->actor(), Login);
        const QStringList recent = RecentDatabases::list();
        QVERIFY(!recent.isEmpty());
        QCOMPARE(recent.first(), login().displayName());
        window.close(); // writes the window's settings
        QSettings().sync();
        // The settings are where this test looks: they name the database, without the password.
        QVERIFY(!TestFiles::containing(m_home.path(), login().displayName()).isEmpty());
        checkNothingStored();

        // Reopened from the recent list, which has no password: the window asks for it.
        bool asked = false;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&asked, &poll] {
            auto *dialog = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return; // not yet: the first attempt runs on a worker
            poll.stop();
            asked = true;
            QVERIFY2(dialog->testResult().contains(QLatin1String("password"), Qt::CaseInsensitive),
                     qPrintable(dialog->testResult()));
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("connectionPassword")), Password);
            dialog->accept();
        });
        poll.start(50);
        window.show();
        window.openDatabase(*ConnectionSpec::parse(recent.first()));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 30000);
        QVERIFY(asked);
        QCOMPARE(opened.last().first().toBool(), true);
        window.close();
    }
    CredentialStore::setSystemForTesting(nullptr);
    QSettings().sync();
    QVERIFY(unavailable.saves.isEmpty());
    checkNothingStored();
}

void TestCredentials::cliHonoursPgpasswordAndNeverPrintsThePassword()
{
    if (!requireServer())
        return;
    const auto run = [this](const QStringList &arguments, const QProcessEnvironment &environment) {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(cli(), arguments);
        process.closeWriteChannel(); // not a terminal: the CLI cannot ask
        if (!process.waitForFinished(60000))
            process.kill();
        return std::tuple{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                          QString::fromUtf8(process.readAllStandardError())};
    };
    const QString url = login().toUrl();
    const QStringList verify{QStringLiteral("--db"), url, QStringLiteral("verify")};

    // No password anywhere, and nobody to ask: a clear failure that says where to put one.
    const auto [failed, failedOut, failedErr] = run(verify, cliEnvironment());
    QCOMPARE(failed, 3);
    QVERIFY2(failedErr.contains(QLatin1String("PGPASSWORD")), qPrintable(failedErr));
    QCOMPARE(failedErr.count(QLatin1Char('\n')), 1);

    QProcessEnvironment withVariable = cliEnvironment();
    withVariable.insert(QStringLiteral("PGPASSWORD"), Password);
    const auto [ok, okOut, okErr] = run(verify, withVariable);
    QVERIFY2(ok == 0, qPrintable(okErr));
    QVERIFY(!okOut.contains(Password) && !okErr.contains(Password));

    // In the URL it works too, with a warning; it is never repeated.
    const auto [inUrl, inUrlOut, inUrlErr]
        = run({QStringLiteral("--db"), login(Password).toUrl(true), QStringLiteral("verify")}, cliEnvironment());
    QVERIFY2(inUrl == 0, qPrintable(inUrlErr));
    QVERIFY2(inUrlErr.contains(QLatin1String("shell's history")), qPrintable(inUrlErr));
    QVERIFY(!inUrlOut.contains(Password) && !inUrlErr.contains(Password));

    // A wrong password in the URL: refused, and neither password is printed.
    const auto [wrong, wrongOut, wrongErr]
        = run({QStringLiteral("--db"), login(WrongPassword).toUrl(true), QStringLiteral("verify")}, cliEnvironment());
    QCOMPARE(wrong, 3);
    QVERIFY(!wrongErr.contains(WrongPassword) && !wrongOut.contains(WrongPassword));
    checkNothingStored();
}

void TestCredentials::cliReadsThePasswordFromTheTerminalWithoutEcho()
{
    if (!requireServer())
        return;
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty())
        QSKIP("script(1) from util-linux is needed to give the CLI a terminal");
    // script(1) runs the CLI on a pseudo-terminal and passes what we write as typing.
    QProcess process;
    process.setProcessEnvironment(cliEnvironment());
    const QString command = QStringLiteral("'%1' --db '%2' verify").arg(cli(), login().toUrl());
    process.start(script, {QStringLiteral("-qfec"), command, QStringLiteral("/dev/null")});
    QVERIFY(process.waitForStarted());
    QString seen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            process.waitForReadyRead(100);
            seen += QString::fromUtf8(process.readAll());
            return seen.contains(QLatin1String("Password for"));
        },
        30000));
    process.write((Password + QLatin1Char('\n')).toUtf8());
    QVERIFY(process.waitForFinished(60000));
    seen += QString::fromUtf8(process.readAll());
    QVERIFY2(process.exitCode() == 0, qPrintable(seen));
    QVERIFY2(seen.contains(QLatin1String("Hash chain:")), qPrintable(seen));
    QVERIFY2(!seen.contains(Password), qPrintable(seen)); // typed without echo
    checkNothingStored();
}

QTEST_MAIN(TestCredentials)
#include "TestCredentials.moc"
