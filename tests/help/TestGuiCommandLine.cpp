#include "tests/support/TestBackend.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// The built xpadmin as a desktop or a terminal starts it: --help and --version answer without a
// display, `xpadmin FILE` opens that file rather than the last ledger, and a missing file is
// refused without being made.
class TestGuiCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpWorksWithoutADisplay();
    void versionWorksWithoutADisplay();
    void aBadOptionIsAUsageError();
    void opensTheFileGivenNotTheLastLedger();
    void aMissingFileIsNotCreated();

private:
    // An environment without a display, with settings of its own.
    QProcessEnvironment environment(bool offscreen) const;
    QString lastDatabase() const;
    // Runs xpadmin until its output (stdout and stderr) contains expected or settings say done.
    static bool waitFor(QProcess &process, const std::function<bool()> &done, int timeoutMs = 30000);

    QTemporaryDir m_dir;
    QString m_settingsFile;
};

void TestGuiCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(XPADMIN_GUI_BINARY)));
    m_settingsFile = m_dir.filePath(QStringLiteral("config/xpadmin/xpadmin.conf"));
}

QProcessEnvironment TestGuiCommandLine::environment(bool offscreen) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XPADMIN_DB"})
        env.remove(QString::fromLatin1(name));
    if (offscreen)
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    return env;
}

QString TestGuiCommandLine::lastDatabase() const
{
    return QSettings(m_settingsFile, QSettings::IniFormat).value(QStringLiteral("lastDatabase")).toString();
}

bool TestGuiCommandLine::waitFor(QProcess &process, const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs || process.state() == QProcess::NotRunning)
            return done();
        process.waitForReadyRead(100);
    }
    return true;
}

void TestGuiCommandLine::helpWorksWithoutADisplay()
{
    QProcess xpadmin;
    xpadmin.setProcessEnvironment(environment(false));
    xpadmin.start(QStringLiteral(XPADMIN_GUI_BINARY), {QStringLiteral("--help")});
    QVERIFY(xpadmin.waitForFinished(30000));
    const QString out = QString::fromUtf8(xpadmin.readAllStandardOutput());
    const QString err = QString::fromUtf8(xpadmin.readAllStandardError());
    QCOMPARE(xpadmin.exitStatus(), QProcess::NormalExit);
    QVERIFY2(xpadmin.exitCode() == 0, qPrintable(err));
    QVERIFY2(out.contains(QStringLiteral("[FILE]")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("--version")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("--db <PATH|URL>")), qPrintable(out));
    QVERIFY2(!err.contains(QStringLiteral("could not connect to display")), qPrintable(err));
}

void TestGuiCommandLine::versionWorksWithoutADisplay()
{
    QProcess xpadmin;
    xpadmin.setProcessEnvironment(environment(false));
    xpadmin.start(QStringLiteral(XPADMIN_GUI_BINARY), {QStringLiteral("--version")});
    QVERIFY(xpadmin.waitForFinished(30000));
    QCOMPARE(xpadmin.exitStatus(), QProcess::NormalExit);
    QVERIFY2(xpadmin.exitCode() == 0, xpadmin.readAllStandardError().constData());
    QCOMPARE(QString::fromUtf8(xpadmin.readAllStandardOutput()).section(QLatin1Char(' '), 0, 1),
             QStringLiteral("xpadmin " XPADMIN_VERSION));
}

void TestGuiCommandLine::aBadOptionIsAUsageError()
{
    QProcess xpadmin;
    xpadmin.setProcessEnvironment(environment(false));
    xpadmin.start(QStringLiteral(XPADMIN_GUI_BINARY), {QStringLiteral("--no-such-option")});
    QVERIFY(xpadmin.waitForFinished(30000));
    QCOMPARE(xpadmin.exitCode(), 2);
    QVERIFY(xpadmin.readAllStandardError().contains("no-such-option"));

    xpadmin.start(QStringLiteral(XPADMIN_GUI_BINARY), {QStringLiteral("a.sqlite"), QStringLiteral("b.sqlite")});
    QVERIFY(xpadmin.waitForFinished(30000));
    QCOMPARE(xpadmin.exitCode(), 2);
    QVERIFY(xpadmin.readAllStandardError().contains("one ledger file at a time"));

    xpadmin.start(QStringLiteral(XPADMIN_GUI_BINARY), {QStringLiteral("--lang"), QStringLiteral("xx")});
    QVERIFY(xpadmin.waitForFinished(30000));
    QCOMPARE(xpadmin.exitCode(), 2);
    QVERIFY(xpadmin.readAllStandardError().contains("xx"));
}

void TestGuiCommandLine::opensTheFileGivenNotTheLastLedger()
{
    QString why;
    ConnectionSpec last;
    last.path = m_dir.filePath(QStringLiteral("last.sqlite"));
    QVERIFY2(TestBackend::openInitialized(last, &why), qPrintable(why));
    ConnectionSpec given;
    given.path = m_dir.filePath(QStringLiteral("given.sqlite"));
    QVERIFY2(TestBackend::openInitialized(given, &why), qPrintable(why));
    {
        QSettings settings(m_settingsFile, QSettings::IniFormat);
        settings.setValue(QStringLiteral("lastDatabase"), last.path);
    }
    QCOMPARE(lastDatabase(), last.path);

    QProcess xpadmin;
    xpadmin.setProcessEnvironment(environment(true));
    xpadmin.start(QStringLiteral(XPADMIN_GUI_BINARY), {given.path});
    QVERIFY(xpadmin.waitForStarted());
    // Once a ledger is open, the window remembers it as the last one.
    const bool opened = waitFor(xpadmin, [this, &given] { return lastDatabase() == given.path; });
    xpadmin.kill();
    xpadmin.waitForFinished();
    QVERIFY2(opened, qPrintable(lastDatabase() + QLatin1Char('\n') + QString::fromUtf8(xpadmin.readAll())));
}

void TestGuiCommandLine::aMissingFileIsNotCreated()
{
    const QString missing = m_dir.filePath(QStringLiteral("typo.sqlite"));
    const QString before = lastDatabase();
    QProcess xpadmin;
    xpadmin.setProcessEnvironment(environment(true));
    xpadmin.start(QStringLiteral(XPADMIN_GUI_BINARY), {missing});
    QVERIFY(xpadmin.waitForStarted());
    QByteArray errors;
    const bool said = waitFor(xpadmin, [&xpadmin, &errors] {
        errors += xpadmin.readAllStandardError();
        return errors.contains("does not exist");
    });
    // The window stays open with the message in front of it, and nothing else opened.
    QTest::qWait(500);
    const bool running = xpadmin.state() == QProcess::Running;
    xpadmin.kill();
    xpadmin.waitForFinished();
    QVERIFY2(said, errors.constData());
    QVERIFY(running);
    QVERIFY(!QFile::exists(missing));
    QCOMPARE(lastDatabase(), before);
}

QTEST_GUILESS_MAIN(TestGuiCommandLine)
#include "TestGuiCommandLine.moc"
