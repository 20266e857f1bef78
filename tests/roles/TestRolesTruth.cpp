#include "core/roles/RoleSetting.h"
#include "tests/cli/CliRunner.h"
#include "tests/roles/RoleFixture.h"
#include "tests/support/TestBackend.h"
#include "tests/support/TmpfsMount.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <unistd.h>

using Run = CliRunner::Run;

namespace {

QStringList keys(const Run &show, const char *field)
{
    QStringList list;
    for (const QJsonValue &value : show.json().object().value(QLatin1String(field)).toArray())
        list << value.toString();
    return list;
}

QString exitOf(const Run &run)
{
    return QString::number(run.exitCode);
}

} // namespace

// What `roles show` says a login may do is what the login can then do: read (history), adjust
// and roll back are run as that login and their exit statuses compared with the statement.
class TestRolesTruth final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void readOnlyFileMayOnlyBeRead();
    void eachRoleDoesWhatShowSays_data();
    void eachRoleDoesWhatShowSays();
    void loginWithoutGrantsMayDoNothing();

private:
    // Runs history, adjust and rollback as the login and says where the outcome and the
    // statement of `roles show` (may: read, adjust, rollback) disagree.
    QString compare(const CliRunner &cli, const QString &rollbackId);

    std::unique_ptr<RoleFixture> m_fixture; // PostgreSQL only
};

void TestRolesTruth::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    if (!TestBackend::isPostgres())
        return;
    QString why;
    m_fixture = RoleFixture::start(&why);
    if (!m_fixture && TestBackend::serverRequired())
        QFAIL(qPrintable(why));
}

void TestRolesTruth::cleanupTestCase()
{
    m_fixture.reset();
}

void TestRolesTruth::cleanup()
{
    RoleSetting::setSqliteRole(Role::Unrestricted);
}

QString TestRolesTruth::compare(const CliRunner &cli, const QString &rollbackId)
{
    const Run show = cli({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    if (show.exitCode != 0)
        return show.describe();
    const QStringList may = keys(show, "may");
    const QList<std::pair<QString, QStringList>> commands{
        {QStringLiteral("read"), {QStringLiteral("history"), QStringLiteral("--user"), QStringLiteral("alice")}},
        {QStringLiteral("adjust"),
         {QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("alice"), QStringLiteral("--amount"),
          QStringLiteral("3"), QStringLiteral("--reason"), QStringLiteral("goodwill")}},
        {QStringLiteral("rollback"),
         {QStringLiteral("rollback"), QStringLiteral("--id"), rollbackId, QStringLiteral("--reason"),
          QStringLiteral("mistake")}},
    };
    QStringList problems;
    for (const auto &[action, arguments] : commands) {
        const Run run = cli(arguments);
        const int expected = may.contains(action) ? 0 : 4;
        if (run.exitCode != expected)
            problems << QStringLiteral("roles show says %1 %2, but %3 exits %4:\n%5")
                            .arg(may.contains(action) ? QStringLiteral("may") : QStringLiteral("may not"), action,
                                 arguments.constFirst(), exitOf(run), run.describe());
    }
    return problems.join(QLatin1Char('\n'));
}

void TestRolesTruth::readOnlyFileMayOnlyBeRead()
{
    // Root may write any file it can reach, so for root the ledger goes on a read-only mount
    // (an auditor's copy on a share); anyone else loses the file's write permission.
    TmpfsMount mount(4 * 1024 * 1024);
    QTemporaryDir dir;
    const bool root = geteuid() == 0;
    if (root && !mount.isMounted())
        QFAIL(qPrintable(mount.why()));
    const QString path = (root ? mount.path() : dir.path()) + QStringLiteral("/ledger.sqlite");
    CliRunner cli(path);
    QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
    const Run writable = cli({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QVERIFY2(keys(writable, "may").contains(QStringLiteral("adjust")), qPrintable(writable.describe()));
    QVERIFY2(keys(writable, "lacking").isEmpty(), qPrintable(writable.describe()));

    if (root)
        QVERIFY(mount.remountReadOnly());
    else
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const Run show = cli({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QCOMPARE(keys(show, "may"), QStringList{QStringLiteral("read")});
    QVERIFY2(keys(show, "lacking").contains(QStringLiteral("permission to write the file")),
             qPrintable(show.describe()));
    const Run text = cli({QStringLiteral("roles"), QStringLiteral("show")});
    QVERIFY2(text.out.contains(QLatin1String("May:      read the ledger\n")), qPrintable(text.describe()));
    QVERIFY2(text.out.contains(QLatin1String("lacks permission to write the file")), qPrintable(text.describe()));
    const Run adjust
        = cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("alice"), QStringLiteral("--amount"),
               QStringLiteral("3"), QStringLiteral("--reason"), QStringLiteral("goodwill")});
    QVERIFY2(adjust.exitCode != 0, qPrintable(adjust.describe()));
}

void TestRolesTruth::eachRoleDoesWhatShowSays_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QStringList>("may");
    QTest::newRow("no XP Admin role, no grants") << Role::None << QStringList{};
    QTest::newRow("auditor") << Role::Auditor << QStringList{QStringLiteral("read")};
    QTest::newRow("support") << Role::Support
                             << QStringList{QStringLiteral("read"), QStringLiteral("award"), QStringLiteral("adjust")};
    QTest::newRow("admin") << Role::Admin
                           << QStringList{QStringLiteral("read"),          QStringLiteral("award"),
                                          QStringLiteral("adjust"),        QStringLiteral("rollback"),
                                          QStringLiteral("delete-source"), QStringLiteral("restore"),
                                          QStringLiteral("import"),        QStringLiteral("repair"),
                                          QStringLiteral("user-add"),      QStringLiteral("approve"),
                                          QStringLiteral("reason-codes"),  QStringLiteral("close-period"),
                                          QStringLiteral("set-limits")};
}

void TestRolesTruth::eachRoleDoesWhatShowSays()
{
    if (!m_fixture)
        QSKIP("No PostgreSQL test server (XPADMIN_TEST_BACKEND=postgres, XPADMIN_TEST_PG_URL)");
    QFETCH(Role, role);
    QFETCH(QStringList, may);
    const CliRunner cli(m_fixture->specFor(role).toUrl(true));
    const Run show = cli({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QCOMPARE(keys(show, "may"), may);
    if (role == Role::None) {
        const Run text = cli({QStringLiteral("roles"), QStringLiteral("show")});
        QVERIFY2(text.out.contains(QLatin1String("May:      nothing\n")), qPrintable(text.describe()));
        QVERIFY2(text.out.contains(QLatin1String("the login lacks")), qPrintable(text.describe()));
        QVERIFY2(text.out.contains(QLatin1String("SELECT on \"UserXP\"")), qPrintable(text.describe()));
    } else {
        QVERIFY2(keys(show, "lacking").isEmpty(), qPrintable(show.describe()));
    }
    const QString mismatch = compare(cli, m_fixture->newTransaction());
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestRolesTruth::loginWithoutGrantsMayDoNothing()
{
    if (!m_fixture)
        QSKIP("No PostgreSQL test server (XPADMIN_TEST_BACKEND=postgres, XPADMIN_TEST_PG_URL)");
    // A ledger where XP Admin's roles were never installed: the database's grants are all there is.
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    QVERIFY2(spec, qPrintable(why));
    const auto dropDatabase = qScopeGuard([&] { TestBackend::dropDatabase(*spec); });
    auto owner = TestBackend::openInitialized(*spec, &why, QStringLiteral("owner"));
    QVERIFY2(owner, qPrintable(why));
    QVERIFY(
        owner->execute(QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\") VALUES ('alice', 'a@example.com')")));
    const QString login = QStringLiteral("xpt_%1_plain").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    QVERIFY2(TestBackend::adminExec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(login), &why), qPrintable(why));
    const auto dropLogin = qScopeGuard([&] {
        QString ignored;
        static_cast<void>(
            owner->execute(QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA public, xpadmin FROM %1").arg(login)));
        static_cast<void>(owner->execute(QStringLiteral("REVOKE USAGE ON SCHEMA xpadmin FROM %1").arg(login)));
        owner.reset();
        static_cast<void>(TestBackend::adminExec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(login), &ignored));
    });
    ConnectionSpec plain = *spec;
    plain.user = login;
    plain.password.clear();
    const CliRunner cli(plain.toUrl(true));

    const Run show = cli({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QCOMPARE(keys(show, "may"), QStringList{});
    QVERIFY2(keys(show, "lacking").contains(QStringLiteral("SELECT on \"UserXP\"")), qPrintable(show.describe()));
    QString mismatch = compare(cli, QStringLiteral("cxxxxxxxxxxxxxxxxxxxxxxxx"));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));

    // Given only SELECT, it may read and nothing else, and says what it lacks for the rest.
    QVERIFY(owner->execute(QStringLiteral("GRANT USAGE ON SCHEMA xpadmin TO %1").arg(login)));
    QVERIFY(owner->execute(QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public, xpadmin TO %1").arg(login)));
    const Run reader = cli({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QCOMPARE(keys(reader, "may"), QStringList{QStringLiteral("read")});
    QVERIFY2(keys(reader, "lacking").contains(QStringLiteral("INSERT on \"UserXP\"")), qPrintable(reader.describe()));
    mismatch = compare(cli, QStringLiteral("cxxxxxxxxxxxxxxxxxxxxxxxx"));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    const Run adjust
        = cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("alice"), QStringLiteral("--amount"),
               QStringLiteral("3"), QStringLiteral("--reason"), QStringLiteral("goodwill")});
    QVERIFY2(adjust.err.contains(QStringLiteral("Your database login %1 may not adjust XP: it lacks INSERT on "
                                                "\"UserXP\"")
                                     .arg(login)),
             qPrintable(adjust.describe()));
}

QTEST_GUILESS_MAIN(TestRolesTruth)
#include "TestRolesTruth.moc"
