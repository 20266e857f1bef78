#include "tests/support/TestBackend.h"
#include "tests/support/TmpfsMount.h"

#include "core/db/Schema.h"
#include "core/roles/Permissions.h"
#include "core/session/LedgerSession.h"
#include "ui/common/MessageBox.h"
#include "ui/main/MainWindow.h"
#include "ui/main/RoleIndicator.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

// What the window does with a database that is not simply its ledger: another application's
// (it asks, naming the tables, and changes nothing unless told to) and a read-only one (it says
// so, and refuses every change).
class TestWindowOpens final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void foreignDatabaseIsChangedOnlyAfterAsking();
    void readOnlyLedgerShowsItAndRefusesChanges();

private:
    // Opens spec in a new window; the answer given to a question on the way; whether it opened.
    bool open(MainWindow &window, const ConnectionSpec &spec);
    // Every row of every table (and, for a file, the file's bytes), read with plain SQL.
    QByteArray state(const ConnectionSpec &spec);

    std::optional<ConnectionSpec> m_spec;
};

void TestWindowOpens::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-window-opens"));
    QSettings().clear();
}

void TestWindowOpens::cleanup()
{
    QString ignored;
    if (m_spec && TestBackend::isPostgres())
        static_cast<void>(TestBackend::adminExec(
            QStringLiteral("ALTER DATABASE %1 RESET default_transaction_read_only").arg(m_spec->database), &ignored));
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

bool TestWindowOpens::open(MainWindow &window, const ConnectionSpec &spec)
{
    QSignalSpy opened(&window, &MainWindow::databaseOpened);
    window.openDatabase(spec);
    return opened.wait(30000) && opened.first().first().toBool();
}

QByteArray TestWindowOpens::state(const ConnectionSpec &spec)
{
    QByteArray digest;
    if (spec.backend == ConnectionSpec::Backend::Sqlite) {
        QFile file(spec.path);
        if (file.open(QIODevice::ReadOnly))
            digest = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
        digest += QDir(QFileInfo(spec.path).absolutePath()).entryList(QDir::Files).join(QLatin1Char(',')).toUtf8();
    }
    auto db = Database::open(spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
    if (!db)
        return db.error().message.toUtf8();
    return digest + TestBackend::contentDigest(**db)
        + TestBackend::scalar(**db,
                              spec.backend == ConnectionSpec::Backend::Sqlite
                                  ? QStringLiteral("PRAGMA journal_mode")
                                  : QStringLiteral("SELECT count(*) FROM information_schema.schemata "
                                                   "WHERE schema_name = 'xpadmin'"))
              .toByteArray();
}

void TestWindowOpens::foreignDatabaseIsChangedOnlyAfterAsking()
{
    QString why;
    m_spec = TestBackend::freshDatabase(&why);
    QVERIFY2(m_spec, qPrintable(why));
    {
        auto db = Database::open(*m_spec);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QVERIFY((*db)->execute(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")));
        QVERIFY((*db)->execute(QStringLiteral("INSERT INTO notes VALUES (1, 'buy milk')")));
    }
    const QByteArray before = state(*m_spec);

    MainWindow window(QStringLiteral("tester"));
    window.show();
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!open(window, *m_spec));
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("notes")), qPrintable(MessageBox::lastText()));
    QVERIFY(!window.session());
    QCOMPARE(state(*m_spec), before);

    MessageBox::setNextAnswer(QMessageBox::Yes);
    QVERIFY(open(window, *m_spec));
    QVERIFY(window.session());
    auto db = Database::open(*m_spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
    QVERIFY(db);
    QCOMPARE(TestBackend::scalar(**db, QStringLiteral("SELECT body FROM notes")).toString(),
             QStringLiteral("buy milk"));
    auto ready = Schema::inspect(**db);
    QVERIFY(ready && ready->ledgerExists && ready->version == Schema::CurrentVersion);
}

void TestWindowOpens::readOnlyLedgerShowsItAndRefusesChanges()
{
    XP_OPEN_FRESH_DB(fresh, db);
    m_spec = fresh;
    db.reset();
    ConnectionSpec spec = fresh;
    QString folder;
    std::unique_ptr<TmpfsMount> mount;
    if (TestBackend::isPostgres()) {
        // What a standby, or a database its owner set to read-only, gives every new session.
        QString why;
        QVERIFY2(
            TestBackend::adminExec(
                QStringLiteral("ALTER DATABASE %1 SET default_transaction_read_only = on").arg(spec.database), &why),
            qPrintable(why));
    } else {
#ifdef Q_OS_UNIX
        if (::geteuid() == 0) {
            // Root may write to any file, but not to a read-only mount: the auditor's copy on a
            // read-only share.
            mount = std::make_unique<TmpfsMount>(8 * 1024 * 1024);
            QVERIFY2(mount->isMounted(), qPrintable(mount->why()));
            const QString copy = mount->filePath(QStringLiteral("ledger.sqlite"));
            QVERIFY(QFile::copy(spec.path, copy));
            QVERIFY(mount->remountReadOnly());
            spec.path = copy;
        } else {
            folder = QFileInfo(spec.path).absolutePath();
            QVERIFY(QFile::setPermissions(spec.path, QFileDevice::ReadOwner));
            QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        }
#else
        QSKIP("file permissions: POSIX only");
#endif
    }
    const QByteArray before = state(spec);

    MainWindow window(QStringLiteral("tester"));
    window.show();
    const bool opened = open(window, spec);
    if (!folder.isEmpty()) {
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QFile::setPermissions(spec.path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    QVERIFY2(opened, qPrintable(MessageBox::lastText()));
    QVERIFY(window.session()->isReadOnly());
    QVERIFY2(window.windowTitle().contains(QLatin1String("Read-only")), qPrintable(window.windowTitle()));
    for (const Action action : {Action::Adjust, Action::Rollback, Action::Import, Action::Repair})
        QTRY_VERIFY2(window.roleIndicator()->refusal(action).contains(QLatin1String("read-only")),
                     qPrintable(window.roleIndicator()->refusal(action)));
    // Reading stays allowed, once the role has been read.
    QTRY_VERIFY2(window.roleIndicator()->refusal(Action::Read).isEmpty(),
                 qPrintable(window.roleIndicator()->refusal(Action::Read)));
    QCOMPARE(state(spec), before);
}

QTEST_MAIN(TestWindowOpens)
#include "TestWindowOpens.moc"
