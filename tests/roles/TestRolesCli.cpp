#include "core/roles/RoleSetting.h"
#include "tests/cli/CliRunner.h"
#include "tests/roles/RoleFixture.h"
#include "tests/support/TestBackend.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// The built xpadmin-cli run as each role, as an operator's script would: what the role may do
// works, anything else stops with exit status 4 and one clear line, and nothing changes.
class TestRolesCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void sqliteRoleIsAdvisory();
    void rolesCommandsNeedPostgres();
    void eachRoleThroughTheCli();
    void installAndGrantFromTheCli();

private:
    std::unique_ptr<RoleFixture> m_fixture; // PostgreSQL only
};

void TestRolesCli::initTestCase()
{
    // The same settings file as xpadmin-cli: ~/.config/xpadmin/xpadmin.conf under XDG_CONFIG_HOME.
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    if (!TestBackend::isPostgres())
        return;
    QString why;
    m_fixture = RoleFixture::start(&why);
    if (!m_fixture && TestBackend::serverRequired())
        QFAIL(qPrintable(why));
}

void TestRolesCli::cleanupTestCase()
{
    m_fixture.reset();
}

void TestRolesCli::cleanup()
{
    RoleSetting::setSqliteRole(Role::Unrestricted);
}

void TestRolesCli::sqliteRoleIsAdvisory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.sqlite"));
    CliRunner cli(path);
    QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), QStringLiteral("alice"),
                  QStringLiteral("--email"), QStringLiteral("alice@example.com")})
                 .exitCode,
             0);
    const auto adjust = [&] {
        return cli({QStringLiteral("--json"), QStringLiteral("adjust"), QStringLiteral("--user"),
                    QStringLiteral("alice"), QStringLiteral("--amount"), QStringLiteral("10"),
                    QStringLiteral("--reason"), QStringLiteral("bonus")});
    };
    const CliRunner::Run first = adjust();
    QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
    const QString xpId = first.json()
                             .object()
                             .value(QStringLiteral("rows"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QStringLiteral("id"))
                             .toString();

    RoleSetting::setSqliteRole(Role::Auditor);
    const CliRunner::Run show = cli({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QCOMPARE(show.json().object().value(QStringLiteral("role")).toString(), QStringLiteral("auditor"));
    QVERIFY(show.json().object().value(QStringLiteral("advisory")).toBool());

    const CliRunner::Run refused = adjust();
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(
        refused.err.contains(QLatin1String("Your role Auditor (advisory, chosen in the settings) may not adjust XP")),
        qPrintable(refused.describe()));
    QCOMPARE(refused.err.count(QLatin1Char('\n')), 1);
    const CliRunner::Run history = cli({QStringLiteral("history"), QStringLiteral("--user"), QStringLiteral("alice")});
    QVERIFY2(history.exitCode == 0, qPrintable(history.describe()));

    RoleSetting::setSqliteRole(Role::Support);
    QVERIFY2(adjust().exitCode == 0, "support may adjust");
    if (!xpId.isEmpty()) {
        const CliRunner::Run rollback = cli({QStringLiteral("rollback"), QStringLiteral("--id"), xpId,
                                             QStringLiteral("--reason"), QStringLiteral("mistake")});
        QCOMPARE(rollback.exitCode, 4);
        QVERIFY2(rollback.err.contains(QLatin1String("may not roll back transactions")),
                 qPrintable(rollback.describe()));
    }
    const CliRunner::Run user = cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"),
                                     QStringLiteral("--id"), QStringLiteral("alice")});
    QVERIFY2(user.exitCode == 0, qPrintable(user.describe()));
    QVERIFY2(user.out.contains(QLatin1String("20")), qPrintable(user.describe()));

    RoleSetting::setSqliteRole(Role::Admin);
    if (!xpId.isEmpty()) {
        const CliRunner::Run rollback = cli({QStringLiteral("rollback"), QStringLiteral("--id"), xpId,
                                             QStringLiteral("--reason"), QStringLiteral("mistake")});
        QVERIFY2(rollback.exitCode == 0, qPrintable(rollback.describe()));
    }
    // The approval threshold is the owner's: an admin may read it, not change it.
    const CliRunner::Run shown = cli({QStringLiteral("pending"), QStringLiteral("threshold")});
    QVERIFY2(shown.exitCode == 0, qPrintable(shown.describe()));
    const CliRunner::Run set = cli({QStringLiteral("pending"), QStringLiteral("threshold"), QStringLiteral("5")});
    QCOMPARE(set.exitCode, 4);
    QVERIFY2(set.err.contains(QLatin1String("Your role Admin (advisory, chosen in the settings) may not change the "
                                            "approval threshold")),
             qPrintable(set.describe()));
    QCOMPARE(cli({QStringLiteral("pending"), QStringLiteral("threshold")}).out, shown.out);
    RoleSetting::setSqliteRole(Role::Unrestricted);
    QVERIFY2(cli({QStringLiteral("pending"), QStringLiteral("threshold"), QStringLiteral("5")}).exitCode == 0,
             "the owner may change the threshold");
}

void TestRolesCli::rolesCommandsNeedPostgres()
{
    QTemporaryDir dir;
    CliRunner cli(dir.filePath(QStringLiteral("ledger.sqlite")));
    QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
    const CliRunner::Run grant = cli({QStringLiteral("roles"), QStringLiteral("grant"), QStringLiteral("--role"),
                                      QStringLiteral("support"), QStringLiteral("--login"), QStringLiteral("dana")});
    QCOMPARE(grant.exitCode, 2);
    QVERIFY2(grant.err.contains(QLatin1String("PostgreSQL")), qPrintable(grant.describe()));
    const CliRunner::Run bad = cli({QStringLiteral("roles"), QStringLiteral("grant"), QStringLiteral("--role"),
                                    QStringLiteral("boss"), QStringLiteral("--login"), QStringLiteral("dana")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QLatin1String("auditor, support, admin")), qPrintable(bad.describe()));
    const CliRunner::Run sql = cli({QStringLiteral("roles"), QStringLiteral("install"), QStringLiteral("--print-sql")});
    QCOMPARE(sql.exitCode, 0);
    QVERIFY(sql.out.contains(QLatin1String("CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE")));
}

void TestRolesCli::eachRoleThroughTheCli()
{
    if (!m_fixture)
        QSKIP("No PostgreSQL test server (XPADMIN_TEST_BACKEND=postgres, XPADMIN_TEST_PG_URL)");
    const QString xpId = m_fixture->newTransaction();
    const QString removed = m_fixture->newRolledBack();
    QVERIFY(!xpId.isEmpty() && !removed.isEmpty());
    const auto as = [&](Role role) { return CliRunner(m_fixture->specFor(role).toUrl(true)); };
    const QStringList adjust{QStringLiteral("--actor"), QStringLiteral("Dana"),     QStringLiteral("adjust"),
                             QStringLiteral("--user"),  QStringLiteral("alice"),    QStringLiteral("--amount"),
                             QStringLiteral("5"),       QStringLiteral("--reason"), QStringLiteral("goodwill")};
    const QStringList rollback{QStringLiteral("rollback"), QStringLiteral("--id"), xpId, QStringLiteral("--reason"),
                               QStringLiteral("mistake")};
    const QStringList restore{QStringLiteral("restore"), QStringLiteral("--id"), removed, QStringLiteral("--reason"),
                              QStringLiteral("mistake")};
    const QStringList repair{QStringLiteral("verify"), QStringLiteral("--repair")};
    const QStringList history{QStringLiteral("history"), QStringLiteral("--user"), QStringLiteral("alice")};
    const auto refused = [&](const CliRunner::Run &run, const QString &text) {
        if (run.exitCode != 4 || !run.err.contains(text) || run.err.count(QLatin1Char('\n')) != 1)
            return QStringLiteral("expected exit 4 and \"%1\":\n%2").arg(text, run.describe());
        return QString();
    };
    const RoleFixture::Snapshot start = m_fixture->snapshot();

    // Auditor: reads; every change refused before it starts.
    CliRunner auditor = as(Role::Auditor);
    QVERIFY2(auditor(history).exitCode == 0, qPrintable(auditor(history).describe()));
    QString problem = refused(auditor(adjust), QStringLiteral("Your database role xpadmin_auditor may not adjust XP"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = refused(auditor(rollback), QStringLiteral("xpadmin_auditor may not roll back transactions"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const CliRunner::Run show = auditor({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QCOMPARE(show.json().object().value(QStringLiteral("databaseRole")).toString(), QStringLiteral("xpadmin_auditor"));
    QCOMPARE(show.json().object().value(QStringLiteral("login")).toString(), m_fixture->loginFor(Role::Auditor));
    QVERIFY(!show.json().object().value(QStringLiteral("advisory")).toBool());
    QCOMPARE(m_fixture->snapshot(), start);

    // Support: adjusts (audited under the login, with the operator named); no rollback, restore or repair.
    CliRunner support = as(Role::Support);
    const CliRunner::Run adjusted = support(adjust);
    QVERIFY2(adjusted.exitCode == 0, qPrintable(adjusted.describe()));
    QCOMPARE(TestBackend::scalar(m_fixture->owner(),
                                 QStringLiteral("SELECT actor || '/' || operator FROM xpadmin.audit_event ORDER BY seq "
                                                "DESC LIMIT 1"))
                 .toString(),
             m_fixture->loginFor(Role::Support) + QStringLiteral("/Dana"));
    const RoleFixture::Snapshot afterAdjust = m_fixture->snapshot();
    problem = refused(support(rollback), QStringLiteral("Your database role xpadmin_support may not roll back"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = refused(support(restore), QStringLiteral("xpadmin_support may not restore rolled-back transactions"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = refused(support(repair), QStringLiteral("xpadmin_support may not recalculate or repair totals"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = refused(support({QStringLiteral("roles"), QStringLiteral("install")}), QStringLiteral("does not own"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(m_fixture->snapshot(), afterAdjust);

    // Admin: rollback and restore work; roles are the owner's.
    CliRunner admin = as(Role::Admin);
    QVERIFY2(admin(rollback).exitCode == 0, qPrintable(admin(rollback).describe()));
    const CliRunner::Run restored = admin(restore);
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.describe()));
    problem = refused(admin({QStringLiteral("roles"), QStringLiteral("grant"), QStringLiteral("--role"),
                             QStringLiteral("admin"), QStringLiteral("--login"), m_fixture->loginFor(Role::None)}),
                      QStringLiteral("may not install or grant XP Admin's roles"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The approval threshold is the owner's setting: an admin reads it and may not change it.
    const CliRunner::Run threshold = admin({QStringLiteral("pending"), QStringLiteral("threshold")});
    QVERIFY2(threshold.exitCode == 0, qPrintable(threshold.describe()));
    problem = refused(admin({QStringLiteral("pending"), QStringLiteral("threshold"), QStringLiteral("5")}),
                      QStringLiteral("xpadmin_admin may not change the approval threshold"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // A login without a role: the database's refusal, in words, not a driver dump.
    CliRunner none = as(Role::None);
    const RoleFixture::Snapshot beforeNone = m_fixture->snapshot();
    problem = refused(none(history),
                      QStringLiteral("Permission denied: your database role %1 may not do this")
                          .arg(m_fixture->loginFor(Role::None)));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = refused(none(adjust), QStringLiteral("has no XP Admin role and may not adjust XP"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(m_fixture->snapshot(), beforeNone);
}

void TestRolesCli::installAndGrantFromTheCli()
{
    if (!m_fixture)
        QSKIP("No PostgreSQL test server (XPADMIN_TEST_BACKEND=postgres, XPADMIN_TEST_PG_URL)");
    CliRunner owner(m_fixture->ownerSpec().toUrl(true));
    for (int run = 0; run < 2; ++run) {
        const CliRunner::Run installed = owner({QStringLiteral("roles"), QStringLiteral("install")});
        QVERIFY2(installed.exitCode == 0, qPrintable(installed.describe()));
    }
    const QString login = m_fixture->loginFor(Role::None);
    const auto grant = [&](const QString &role, const QString &who) {
        return owner({QStringLiteral("roles"), QStringLiteral("grant"), QStringLiteral("--role"), role,
                      QStringLiteral("--login"), who});
    };
    const CliRunner::Run granted = grant(QStringLiteral("support"), login);
    QVERIFY2(granted.exitCode == 0, qPrintable(granted.describe()));
    QVERIFY2(granted.out.contains(QLatin1String("xpadmin_support")), qPrintable(granted.describe()));
    const CliRunner::Run show = CliRunner(m_fixture->specFor(Role::None).toUrl(true))(
        {QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("show")});
    QCOMPARE(show.json().object().value(QStringLiteral("role")).toString(), QStringLiteral("support"));

    const CliRunner::Run badRole = grant(QStringLiteral("boss"), login);
    QCOMPARE(badRole.exitCode, 2);
    QVERIFY2(badRole.err.contains(QLatin1String("auditor, support, admin")), qPrintable(badRole.describe()));
    const CliRunner::Run badLogin = grant(QStringLiteral("admin"), QStringLiteral("nobody_like_this"));
    QCOMPARE(badLogin.exitCode, 2);
    QVERIFY2(badLogin.err.contains(QLatin1String("no such login")), qPrintable(badLogin.describe()));
    QVERIFY(m_fixture->owner().execute(QStringLiteral("REVOKE xpadmin_support FROM ") + login));
}

QTEST_GUILESS_MAIN(TestRolesCli)
#include "TestRolesCli.moc"
