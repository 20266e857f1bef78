#include "tests/support/TestBackend.h"
#include "tests/support/TestStandby.h"

#include "core/session/LedgerSession.h"
#include "ui/main/MainWindow.h"
#include "ui/main/StandbyIndicator.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

// `xpadmin --read-db URL`: the window's heavy reading goes to that standby; a URL that cannot be
// one is refused before any window, naming the option; its password reaches no file.
class TestReadDbOption final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void refusesWhatIsNoStandby_data();
    void refusesWhatIsNoStandby();
    void refusesAStandbyOfAFile();
    void windowReadsOnTheStandby();
    void passwordReachesNoFile();

private:
    // Runs the built xpadmin with arguments; its exit code and what it wrote on stderr.
    static std::pair<int, QString> run(const QStringList &arguments, const QString &configHome);
    // Every byte of the settings written under dir.
    static QByteArray filesUnder(const QString &dir);

    std::optional<ConnectionSpec> m_spec;
};

namespace {

const QString Secret = QStringLiteral("standby-s3cret");

} // namespace

void TestReadDbOption::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-read-db-option"));
    QSettings().clear();
}

void TestReadDbOption::cleanup()
{
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

std::pair<int, QString> TestReadDbOption::run(const QStringList &arguments, const QString &configHome)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(XPADMIN_GUI_PATH),
                  QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("xpadmin did not finish: it opened a window")};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

QByteArray TestReadDbOption::filesUnder(const QString &dir)
{
    QByteArray all;
    QDirIterator files(dir, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

void TestReadDbOption::refusesWhatIsNoStandby_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << QStringLiteral("--read-db needs the URL of a PostgreSQL standby");
    QTest::newRow("a file") << QStringLiteral("/tmp/standby.sqlite")
                            << QStringLiteral("--read-db needs the URL of a PostgreSQL standby");
    QTest::newRow("bad port") << QStringLiteral("postgresql://reader:%1@standby:99999/ledger").arg(Secret)
                              << QStringLiteral("--read-db postgresql://reader");
    QTest::newRow("unknown option") << QStringLiteral("postgresql://reader:%1@standby/ledger?colour=blue").arg(Secret)
                                    << QStringLiteral("unknown connection option colour");
}

void TestReadDbOption::refusesWhatIsNoStandby()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    QTemporaryDir config;
    const auto [code, error] = run(
        {QStringLiteral("--db"), QStringLiteral("postgresql://app@primary/ledger"), QStringLiteral("--read-db"), url},
        config.path());
    QCOMPARE(code, 2);
    QVERIFY2(error.startsWith(QStringLiteral("xpadmin: ")), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("--read-db")), qPrintable(error));
    QVERIFY2(!error.contains(Secret), qPrintable(error));
    QVERIFY(!filesUnder(config.path()).contains(Secret.toUtf8()));
}

void TestReadDbOption::refusesAStandbyOfAFile()
{
    QTemporaryDir config;
    const auto [code, error] = run({QStringLiteral("--db"), config.filePath(QStringLiteral("ledger.sqlite")),
                                    QStringLiteral("--read-db"), QStringLiteral("postgresql://reader@standby/ledger")},
                                   config.path());
    QCOMPARE(code, 2);
    QVERIFY2(error.contains(QStringLiteral("--read-db reads from a standby of a PostgreSQL database")),
             qPrintable(error));
}

void TestReadDbOption::windowReadsOnTheStandby()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    XP_REQUIRE_STANDBY(db, standby);
    ConnectionSpec withPassword = standby;
    withPassword.password = Secret; // the test servers trust every login: any password goes
    MainWindow window(QStringLiteral("desk"));
    window.show();
    QSignalSpy opened(&window, &MainWindow::databaseOpened);
    window.openDatabase(spec, false, withPassword);
    QVERIFY(opened.wait(30000));
    QVERIFY(opened.first().first().toBool());
    QVERIFY(window.session()->standby());
    QCOMPARE(window.session()->standby()->spec().port, standby.port);
    auto *indicator = window.statusBar()->findChild<StandbyIndicator *>();
    QVERIFY(indicator);
    QTRY_COMPARE_WITH_TIMEOUT(indicator->text(), QStringLiteral("Standby: up to date"), 20000);
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY2(written.contains("lastDatabase"), written.constData());
    QVERIFY2(!written.contains(Secret.toUtf8()), written.constData());
    // Given for this start only: not kept as the database's standby.
    QVERIFY2(!written.contains("readStandby"), written.constData());
}

void TestReadDbOption::passwordReachesNoFile()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    XP_REQUIRE_STANDBY(db, standby);
    ConnectionSpec withPassword = standby;
    withPassword.password = Secret;
    QTemporaryDir config;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(XPADMIN_GUI_PATH),
                  {QStringLiteral("--db"), spec.toUrl(false), QStringLiteral("--read-db"), withPassword.toUrl(true)});
    QVERIFY(process.waitForStarted());
    // Opened once the window remembers the database as its last one.
    QTRY_VERIFY_WITH_TIMEOUT(filesUnder(config.path()).contains("lastDatabase"), 30000);
    QCOMPARE(process.state(), QProcess::Running);
    process.terminate();
    process.waitForFinished(10000);
    const QString output = QString::fromUtf8(process.readAllStandardError() + process.readAllStandardOutput());
    QVERIFY2(!output.contains(Secret), qPrintable(output));
    QVERIFY(!filesUnder(config.path()).contains(Secret.toUtf8()));
}

QTEST_MAIN(TestReadDbOption)
#include "TestReadDbOption.moc"
