#include "tests/cli/CliRunner.h"
#include "tests/support/TestBackend.h"
#include "tests/support/TmpfsMount.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QUuid>

#include <unistd.h>

using Run = CliRunner::Run;

namespace {

QByteArray sha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

} // namespace

// A ledger on a disk with no byte left (a small tmpfs, filled for real): whatever fails says
// that the disk is full and which folder, and the ledger stays as it was. On PostgreSQL the
// transactions table moves to a tablespace on that disk.
class TestCliDiskFull final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fullDiskIsNamed();
    void fullServerDiskIsNamed();

private:
    std::unique_ptr<TmpfsMount> m_mount;
};

void TestCliDiskFull::initTestCase()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
    m_mount = std::make_unique<TmpfsMount>(2 * 1024 * 1024);
    if (!m_mount->isMounted()) {
        // Mounting needs root, as CI has; a developer's own account cannot.
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(m_mount->why()));
        QSKIP(qPrintable(m_mount->why()));
    }
}

void TestCliDiskFull::fullDiskIsNamed()
{
    if (TestBackend::isPostgres())
        QSKIP("SQLite: the ledger's own file (fullServerDiskIsNamed is PostgreSQL's)");
    const QString path = m_mount->filePath(QStringLiteral("ledger.sqlite"));
    const CliRunner cli(path);
    CLI_EXIT(cli({QStringLiteral("init")}), 0);
    CLI_EXIT(cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), QStringLiteral("alice"),
                  QStringLiteral("--email"), QStringLiteral("alice@example.com")}),
             0);
    const QStringList adjust{QStringLiteral("adjust"),   QStringLiteral("--user"), QStringLiteral("alice"),
                             QStringLiteral("--amount"), QStringLiteral("10"),     QStringLiteral("--reason"),
                             QStringLiteral("goodwill")};
    CLI_EXIT(cli(adjust), 0);
    const QStringList filesBefore = QDir(m_mount->path()).entryList(QDir::Files);
    const QByteArray before = sha256(path);

    QVERIFY(m_mount->fill());
    const QString folder = QFileInfo(path).absolutePath();
    const auto saysDiskFull = [&](const Run &run) {
        return run.err.contains(QLatin1String("the disk is full")) && run.err.contains(folder)
            && run.err.contains(QLatin1String("free of")) && CliRunner::isOneErrorLine(run.err);
    };

    const Run refused = cli(adjust);
    QVERIFY2(refused.exitCode == 3 && saysDiskFull(refused), qPrintable(refused.describe()));
    QVERIFY2(!refused.err.contains(QLatin1String("disk I/O error")) || saysDiskFull(refused),
             qPrintable(refused.describe()));

    // Reads still work: the ledger's history and totals.
    const Run history = cli({QStringLiteral("history")});
    QVERIFY2(history.exitCode == 0 && history.out.contains(QLatin1String("goodwill")), qPrintable(history.describe()));
    const Run totals = cli({QStringLiteral("verify")});
    QVERIFY2(totals.exitCode == 0, qPrintable(totals.describe()));

    // The ledger is as it was. Beside it, at most SQLite's own empty companions, which its next
    // connection uses and removes.
    QCOMPARE(sha256(path), before);
    for (const QString &name : QDir(m_mount->path()).entryList(QDir::Files)) {
        if (filesBefore.contains(name) || name == QLatin1String("filler.bin"))
            continue;
        QVERIFY2(name == QLatin1String("ledger.sqlite-shm")
                     || (name == QLatin1String("ledger.sqlite-wal") && QFileInfo(m_mount->filePath(name)).size() == 0),
                 qPrintable(name));
    }

    // With room again, the same command works, and the companions are gone once it ends.
    m_mount->unfill();
    CLI_EXIT(cli(adjust), 0);
    QCOMPARE(QDir(m_mount->path()).entryList(QDir::Files), filesBefore);
}

void TestCliDiskFull::fullServerDiskIsNamed()
{
    if (!TestBackend::isPostgres())
        QSKIP("PostgreSQL: the server's disk (fullDiskIsNamed is SQLite's)");
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    if (!spec) {
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    auto db = TestBackend::openInitialized(*spec, &why);
    QVERIFY2(db, qPrintable(why));
    const QString dataDirectory
        = TestBackend::scalar(*db, QStringLiteral("SELECT current_setting('data_directory')")).toString();
    const QFileInfo data(dataDirectory);
    if (!data.isDir()) {
        // CI starts its server on this machine, so there the disk must be reachable.
        if (TestBackend::serverRequired())
            QFAIL("The PostgreSQL test server's data directory is not on this machine");
        QSKIP("The PostgreSQL test server runs on another machine: its disk cannot be filled from here");
    }
    // The server's own user must own a tablespace's folder.
    QVERIFY(::chown(QFile::encodeName(m_mount->path()).constData(), data.ownerId(), data.groupId()) == 0);
    const QString space = QStringLiteral("xpt_full_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    QVERIFY2(
        TestBackend::adminExec(QStringLiteral("CREATE TABLESPACE %1 LOCATION '%2'").arg(space, m_mount->path()), &why),
        qPrintable(why));
    const auto dropSpace = qScopeGuard([&] {
        db.reset();
        TestBackend::dropDatabase(*spec);
        QString ignored;
        static_cast<void>(TestBackend::adminExec(QStringLiteral("DROP TABLESPACE IF EXISTS %1").arg(space), &ignored));
    });
    QVERIFY(db->execute(QStringLiteral("ALTER TABLE \"UserXP\" SET TABLESPACE %1").arg(space)));
    const CliRunner cli(spec->toUrl(true));
    CLI_EXIT(cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), QStringLiteral("alice"),
                  QStringLiteral("--email"), QStringLiteral("alice@example.com")}),
             0);
    const QStringList adjust{QStringLiteral("adjust"),   QStringLiteral("--user"), QStringLiteral("alice"),
                             QStringLiteral("--amount"), QStringLiteral("10"),     QStringLiteral("--reason"),
                             QStringLiteral("goodwill")};
    const QString before = QString::fromLatin1(TestBackend::contentDigest(*db));

    QVERIFY(m_mount->fill());
    const Run refused = cli(adjust);
    m_mount->unfill();
    QVERIFY2(refused.exitCode == 3 && refused.err.contains(QLatin1String("the database server's disk is full"))
                 && refused.err.contains(QLatin1String("No space left on device"))
                 && CliRunner::isOneErrorLine(refused.err),
             qPrintable(refused.describe()));
    QCOMPARE(QString::fromLatin1(TestBackend::contentDigest(*db)), before);
    CLI_EXIT(cli(adjust), 0);
}

QTEST_GUILESS_MAIN(TestCliDiskFull)
#include "TestCliDiskFull.moc"
