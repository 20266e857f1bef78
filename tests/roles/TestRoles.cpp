#include "core/audit/AuditLog.h"
#include "core/capture/CaptureInstaller.h"
#include "core/capture/LoggedRollups.h"
#include "core/charts/ChartQuery.h"
#include "core/db/RollupDdl.h"
#include "core/db/Schema.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/reasons/ReasonCodes.h"
#include "core/roles/Permissions.h"
#include "core/roles/RoleDetector.h"
#include "core/roles/RoleInstaller.h"
#include "core/users/Users.h"
#include "tests/roles/RoleFixture.h"
#include "tests/support/TestBackend.h"

#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

// XP Admin's roles on a real PostgreSQL server: installed twice by the owner, then every action
// tried as every role. What a role may do works; anything else fails with a permission error
// and leaves the ledger and the audit log exactly as they were.
class TestRoles final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void installLeavesExactlyTheLeastGrants();
    void detectsEachRole();
    void eachRoleMayDoExactlyItsActions_data();
    void eachRoleMayDoExactlyItsActions();
    void supportRestoreIsRefusedByXpAdmin();
    void auditActorIsTheDatabaseLogin();
    void auditTableRefusesItsOwner();
    void auditTableRefusesEveryRole();
    void grantRefusesUnknownLoginsAndRoles();
    void installRefusesALoginThatOwnsNothing();
    // Last: it takes the database back to an older schema version and up again.
    void upgradeGivesTheNewTablesTheirGrants();
    void chartsReadTheRollupsInEveryRole();

private:
    // What the operation needs, made by the owner: a transaction to roll back, a source to delete, ...
    bool prepare(const QString &operation);
    Status perform(Database &db, const QString &operation);

    std::unique_ptr<RoleFixture> m_fixture;
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_target; // the transaction or source the operation works on
};

void TestRoles::initTestCase()
{
    if (!TestBackend::isPostgres())
        QSKIP("PostgreSQL only");
    m_fixture = std::make_unique<RoleFixture>();
    const QString why = m_fixture->setUp();
    if (!why.isEmpty()) {
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
}

void TestRoles::cleanupTestCase()
{
    m_fixture.reset();
}

void TestRoles::installLeavesExactlyTheLeastGrants()
{
    Database &db = m_fixture->owner();
    // The fixture installed twice already; a third time still succeeds and changes nothing.
    QVERIFY(RoleInstaller(db).install());
    const auto yes = [&](const QString &role, const QString &table, const QString &privilege) {
        return TestBackend::scalar(
                   db, QStringLiteral("SELECT has_table_privilege(:r, :t, :p)"),
                   {{QStringLiteral(":r"), role}, {QStringLiteral(":t"), table}, {QStringLiteral(":p"), privilege}})
            .toBool();
    };
    const QString auditor = QStringLiteral("xpadmin_auditor");
    const QString support = QStringLiteral("xpadmin_support");
    const QString admin = QStringLiteral("xpadmin_admin");
    const QStringList tables{QStringLiteral("public.\"User\""),     QStringLiteral("public.\"UserProfile\""),
                             QStringLiteral("public.\"UserXP\""),   QStringLiteral("xpadmin.meta"),
                             QStringLiteral("xpadmin.audit_event"), QStringLiteral("xpadmin.import_batch")};
    for (const QString &table : tables) {
        for (const QString &role : {auditor, support, admin})
            QVERIFY2(yes(role, table, QStringLiteral("SELECT")), qPrintable(role + QLatin1Char(' ') + table));
        QVERIFY2(!yes(auditor, table, QStringLiteral("INSERT")), qPrintable(table));
        for (const QString &role : {auditor, support, admin}) {
            QVERIFY2(!yes(role, table, QStringLiteral("TRUNCATE")), qPrintable(role + QLatin1Char(' ') + table));
            QVERIFY2(!yes(role, table, QStringLiteral("UPDATE")), qPrintable(role + QLatin1Char(' ') + table));
        }
    }
    QVERIFY(yes(support, QStringLiteral("public.\"UserXP\""), QStringLiteral("INSERT")));
    QVERIFY(!yes(support, QStringLiteral("public.\"UserXP\""), QStringLiteral("DELETE")));
    QVERIFY(!yes(support, QStringLiteral("public.\"User\""), QStringLiteral("INSERT")));
    QVERIFY(yes(support, QStringLiteral("xpadmin.audit_event"), QStringLiteral("INSERT")));
    QVERIFY(!yes(support, QStringLiteral("xpadmin.import_batch"), QStringLiteral("INSERT")));
    QVERIFY(yes(admin, QStringLiteral("public.\"UserXP\""), QStringLiteral("DELETE")));
    QVERIFY(yes(admin, QStringLiteral("public.\"User\""), QStringLiteral("INSERT")));
    QVERIFY(!yes(admin, QStringLiteral("public.\"User\""), QStringLiteral("DELETE")));
    QVERIFY(!yes(admin, QStringLiteral("xpadmin.meta"), QStringLiteral("INSERT")));
    for (const QString &role : {auditor, support, admin})
        QVERIFY(!yes(role, QStringLiteral("xpadmin.audit_event"), QStringLiteral("DELETE")));
    // Only the cached total and its time may be updated, not whose profile it is.
    const auto column = [&](const QString &role, const QString &name) {
        return TestBackend::scalar(db,
                                   QStringLiteral("SELECT has_column_privilege(:r, 'public.\"UserProfile\"', :c, "
                                                  "'UPDATE')"),
                                   {{QStringLiteral(":r"), role}, {QStringLiteral(":c"), name}})
            .toBool();
    };
    QVERIFY(column(support, QStringLiteral("totalXP")));
    QVERIFY(!column(support, QStringLiteral("userId")));
    QVERIFY(!column(support, QStringLiteral("id")));
    // Group roles: no login; support inherits auditor, admin inherits support.
    QCOMPARE(TestBackend::scalar(db,
                                 QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'xpadmin\\_%' "
                                                "AND NOT rolcanlogin AND rolname IN ('xpadmin_auditor', "
                                                "'xpadmin_support', 'xpadmin_admin')"))
                 .toLongLong(),
             3);
    QVERIFY(TestBackend::scalar(db, QStringLiteral("SELECT pg_has_role('xpadmin_admin', 'xpadmin_auditor', 'USAGE')"))
                .toBool());
    QVERIFY(!TestBackend::scalar(db,
                                 QStringLiteral("SELECT pg_has_role('xpadmin_auditor', 'xpadmin_support', "
                                                "'MEMBER')"))
                 .toBool());
    // Installing three times made two triggers, not six.
    QCOMPARE(TestBackend::scalar(db,
                                 QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgrelid = "
                                                "'xpadmin.audit_event'::regclass AND NOT tgisinternal"))
                 .toLongLong(),
             2);
}

void TestRoles::detectsEachRole()
{
    auto owner = RoleDetector::detect(m_fixture->owner());
    QVERIFY2(owner, owner ? "" : qPrintable(owner.error().message));
    QCOMPARE(owner->role, Role::Unrestricted);
    QVERIFY(owner->rolesInstalled);
    QVERIFY(!owner->advisory);
    for (const Role role : {Role::Auditor, Role::Support, Role::Admin, Role::None}) {
        QString why;
        auto db = m_fixture->connectAs(role, &why);
        QVERIFY2(db, qPrintable(why));
        auto detected = RoleDetector::detect(*db);
        QVERIFY2(detected, detected ? "" : qPrintable(detected.error().message));
        QCOMPARE(detected->role, role);
        QCOMPARE(detected->login, m_fixture->loginFor(role));
        QVERIFY(!detected->owner);
    }
}

Status TestRoles::perform(Database &db, const QString &operation)
{
    ++m_counter;
    if (operation == QLatin1String("read")) {
        auto report = Verifier(db).verify();
        return report ? Status() : Status(report.error());
    }
    if (operation == QLatin1String("award")) {
        auto made = Ledger(db).award({QStringLiteral("alice"), 5, SourceType::DailyStreak,
                                      QStringLiteral("streak-%1").arg(m_counter), QStringLiteral("Streak"),
                                      Category::StreakBonus});
        return made ? Status() : Status(made.error());
    }
    if (operation == QLatin1String("adjust")) {
        auto made = Ledger(db).adjust(QStringLiteral("bob"), -3, QStringLiteral("correction"));
        return made ? Status() : Status(made.error());
    }
    if (operation == QLatin1String("rollback")) {
        auto done = Ledger(db).rollback({m_target}, QStringLiteral("wrong"));
        return done ? Status() : Status(done.error());
    }
    if (operation == QLatin1String("delete-source")) {
        auto done
            = Ledger(db).deleteSource(SourceType::SpecialAchievement, m_target, QStringLiteral("contest cancelled"));
        return done ? Status() : Status(done.error());
    }
    if (operation == QLatin1String("restore")) {
        auto done = Ledger(db).restore({m_target}, QStringLiteral("rolled back by mistake"));
        return done ? Status() : Status(done.error());
    }
    if (operation == QLatin1String("repair")) {
        auto done = Ledger(db).recalculateAll(QStringLiteral("repair"));
        return done ? Status() : Status(done.error());
    }
    if (operation == QLatin1String("user-add")) {
        const QString id = QStringLiteral("carol%1").arg(m_counter);
        auto done = Users(db).add(id, id + QStringLiteral("@example.com"), QStringLiteral("Carol"));
        return done ? Status() : Status(done.error());
    }
    if (operation == QLatin1String("import")) {
        const QString path = m_dir.filePath(QStringLiteral("bonus-%1.csv").arg(m_counter));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Error::database(QStringLiteral("cannot write ") + path);
        file.write(QStringLiteral("userId,amount,reason\nalice,%1,contest bonus\n").arg(m_counter).toUtf8());
        file.close();
        auto report = BatchImporter(db).importFile(ImportKind::Adjust, path, false);
        if (!report)
            return report.error();
        return report->applied ? Status() : Error::database(QStringLiteral("import not applied"));
    }
    return Error::database(QStringLiteral("unknown operation ") + operation);
}

bool TestRoles::prepare(const QString &operation)
{
    ++m_counter;
    m_target.clear();
    if (operation == QLatin1String("rollback"))
        m_target = m_fixture->newTransaction();
    else if (operation == QLatin1String("restore"))
        m_target = m_fixture->newRolledBack();
    else if (operation == QLatin1String("delete-source")) {
        m_target = QStringLiteral("contest-%1").arg(m_counter);
        Ledger ledger(m_fixture->owner());
        for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob")}) {
            if (!ledger.award({user, 20, SourceType::SpecialAchievement, m_target, QStringLiteral("Contest"),
                               Category::Achievement}))
                return false;
        }
    } else if (operation == QLatin1String("repair")) {
        // A drifted total for repair to put right.
        return m_fixture->owner()
            .execute(
                QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 1 WHERE \"userId\" = 'bob'"))
            .ok();
    } else {
        return true;
    }
    return !m_target.isEmpty();
}

void TestRoles::eachRoleMayDoExactlyItsActions_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<bool>("allowed");
    const QStringList operations{QStringLiteral("read"),     QStringLiteral("award"),         QStringLiteral("adjust"),
                                 QStringLiteral("rollback"), QStringLiteral("delete-source"), QStringLiteral("restore"),
                                 QStringLiteral("repair"),   QStringLiteral("user-add"),      QStringLiteral("import")};
    // Written out, not derived from Permissions: the test checks the database against the design.
    const QMap<Role, QStringList> allowed{
        {Role::Auditor, {QStringLiteral("read")}},
        // Restore inserts a row as an award does: the database cannot tell them apart, so
        // support's restore is refused by XP Admin only (supportRestoreIsRefusedByXpAdmin).
        {Role::Support,
         {QStringLiteral("read"), QStringLiteral("award"), QStringLiteral("adjust"), QStringLiteral("restore")}},
        {Role::Admin, operations},
        {Role::None, {}}};
    for (const Role role : {Role::Auditor, Role::Support, Role::Admin, Role::None}) {
        for (const QString &operation : operations) {
            const QByteArray name = (Roles::key(role) + QLatin1Char(' ') + operation).toUtf8();
            QTest::newRow(name.constData()) << role << operation << allowed.value(role).contains(operation);
        }
    }
}

void TestRoles::eachRoleMayDoExactlyItsActions()
{
    QFETCH(Role, role);
    QFETCH(QString, operation);
    QFETCH(bool, allowed);
    QVERIFY(prepare(operation));
    QString why;
    auto db = m_fixture->connectAs(role, &why);
    QVERIFY2(db, qPrintable(why));
    const RoleFixture::Snapshot before = m_fixture->snapshot();
    const Status status = perform(*db, operation);
    const RoleFixture::Snapshot after = m_fixture->snapshot();
    if (allowed) {
        QVERIFY2(status, status ? "" : qPrintable(status.error().message));
        if (operation != QLatin1String("read"))
            QVERIFY2(after.auditEvents > before.auditEvents, qPrintable(after.describe()));
        QCOMPARE(TestBackend::usersWithWrongTotal(m_fixture->owner()), 0);
        return;
    }
    QVERIFY2(!status, qPrintable(operation + QStringLiteral(" should have been refused")));
    QCOMPARE(status.error().kind, Error::Kind::Permission);
    const QString message = status.error().message;
    QVERIFY2(message.startsWith(QLatin1String("Permission denied: your database role ")), qPrintable(message));
    const QString who = role == Role::None ? m_fixture->loginFor(role) : Roles::groupRole(role);
    QVERIFY2(message.contains(who + QStringLiteral(" may not")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("QPSQL")), qPrintable(message));
    QVERIFY2(before == after, qPrintable(before.describe() + QStringLiteral(" became ") + after.describe()));
    if (operation == QLatin1String("repair")) // put right the drift prepare() made
        QVERIFY(Ledger(m_fixture->owner()).recalculateAll());
}

void TestRoles::supportRestoreIsRefusedByXpAdmin()
{
    // What the grants cannot tell apart, the application refuses before it starts (CLI and GUI).
    const Permissions support(Role::Support);
    QVERIFY(support.canAward());
    QVERIFY(support.canAdjust());
    QVERIFY(!support.canRestore());
    QVERIFY(!support.canRepair());
    QVERIFY(!support.canRollback());
    QVERIFY(Permissions(Role::Admin).canRestore());
    QVERIFY(!Permissions(Role::Auditor).canAward());
    QVERIFY(!Permissions(Role::Admin).canManageRoles());
    QVERIFY(Permissions(Role::Unrestricted).canManageRoles());
}

void TestRoles::auditActorIsTheDatabaseLogin()
{
    QString why;
    auto db = m_fixture->connectAs(Role::Support, &why);
    QVERIFY2(db, qPrintable(why));
    QCOMPARE(db->actor(), m_fixture->loginFor(Role::Support));
    QCOMPARE(db->role(), QStringLiteral("xpadmin_support"));
    QVERIFY(db->execute(QStringLiteral("SET ROLE xpadmin_support"))); // the login stays the actor
    auto made = Ledger(*db).adjust(QStringLiteral("alice"), 11, QStringLiteral("actor check"));
    QVERIFY2(made, made ? "" : qPrintable(made.error().message));
    auto rows
        = m_fixture->owner().run(QStringLiteral("SELECT actor, operator FROM xpadmin.audit_event WHERE xp_id = :xp"),
                                 {{QStringLiteral(":xp"), made->rows.constFirst().id}});
    QVERIFY(rows && rows->next());
    QCOMPARE(rows->text(0), m_fixture->loginFor(Role::Support));
    QCOMPARE(rows->text(1), QStringLiteral("Dana"));
}

void TestRoles::auditTableRefusesItsOwner()
{
    Database &db = m_fixture->owner(); // a superuser, and the table's owner
    const RoleFixture::Snapshot before = m_fixture->snapshot();
    QVERIFY(before.auditEvents > 0);
    for (const QString &sql :
         {QStringLiteral("UPDATE xpadmin.audit_event SET reason = 'edited' WHERE seq = 1"),
          QStringLiteral("DELETE FROM xpadmin.audit_event WHERE seq = (SELECT max(seq) FROM "
                         "xpadmin.audit_event)"),
          QStringLiteral("DELETE FROM xpadmin.audit_event"), QStringLiteral("TRUNCATE xpadmin.audit_event")}) {
        const Status status = db.execute(sql);
        QVERIFY2(!status, qPrintable(sql));
        QVERIFY2(status.error().message.contains(QLatin1String("append-only")), qPrintable(status.error().message));
    }
    const Status inTransaction = db.writeTransaction(
        [&]() -> Status { return db.execute(QStringLiteral("UPDATE xpadmin.audit_event SET amount = 0")); });
    QVERIFY(!inTransaction);
    QCOMPARE(m_fixture->snapshot(), before);
    auto report = Verifier(db).verify();
    QVERIFY(report);
}

void TestRoles::auditTableRefusesEveryRole()
{
    const RoleFixture::Snapshot before = m_fixture->snapshot();
    for (const Role role : {Role::Auditor, Role::Support, Role::Admin}) {
        QString why;
        auto db = m_fixture->connectAs(role, &why);
        QVERIFY2(db, qPrintable(why));
        for (const QString &sql :
             {QStringLiteral("UPDATE xpadmin.audit_event SET reason = 'edited'"),
              QStringLiteral("DELETE FROM xpadmin.audit_event"), QStringLiteral("TRUNCATE xpadmin.audit_event")}) {
            const Status status = db->execute(sql);
            QVERIFY2(!status, qPrintable(sql));
            QCOMPARE(status.error().kind, Error::Kind::Permission);
        }
    }
    QCOMPARE(m_fixture->snapshot(), before);
}

void TestRoles::grantRefusesUnknownLoginsAndRoles()
{
    RoleInstaller installer(m_fixture->owner());
    const Status unknown = installer.grant(Role::Support, QStringLiteral("nobody_like_this"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().kind, Error::Kind::Input);
    QVERIFY2(unknown.error().message.contains(QLatin1String("no such login")), qPrintable(unknown.error().message));
    const Status group = installer.grant(Role::Support, QStringLiteral("xpadmin_admin"));
    QVERIFY(!group);
    QCOMPARE(group.error().kind, Error::Kind::Input);
    const Status owner = installer.grant(Role::Unrestricted, m_fixture->loginFor(Role::None));
    QVERIFY(!owner);
    QCOMPARE(owner.error().kind, Error::Kind::Input);
    // Granting another role replaces the first: exactly one XP Admin role per login.
    const QString login = m_fixture->loginFor(Role::None);
    QVERIFY(installer.grant(Role::Admin, login));
    QVERIFY(installer.grant(Role::Auditor, login));
    QString why;
    auto db = m_fixture->connectAs(Role::None, &why);
    QVERIFY2(db, qPrintable(why));
    auto detected = RoleDetector::detect(*db);
    QVERIFY(detected);
    QCOMPARE(detected->role, Role::Auditor);
    QVERIFY(m_fixture->owner().execute(QStringLiteral("REVOKE xpadmin_auditor FROM ") + login));
}

void TestRoles::installRefusesALoginThatOwnsNothing()
{
    QString why;
    auto db = m_fixture->connectAs(Role::Admin, &why);
    QVERIFY2(db, qPrintable(why));
    const Status status = RoleInstaller(*db).install();
    QVERIFY(!status);
    QCOMPARE(status.error().kind, Error::Kind::Permission);
    QVERIFY2(status.error().message.contains(QLatin1String("does not own")), qPrintable(status.error().message));
}

// Roles installed by an older XP Admin (schema version 4): the upgrade that adds reason codes,
// closed periods and limits grants their tables as `roles install` would, so the desks use them
// at once, without installing the roles again.
void TestRoles::upgradeGivesTheNewTablesTheirGrants()
{
    Database &db = m_fixture->owner();
    for (const QString &table :
         {QStringLiteral("xp_reason"), QStringLiteral("reason_code"), QStringLiteral("reason_setting"),
          QStringLiteral("period_total"), QStringLiteral("period"), QStringLiteral("adjust_limit")})
        QVERIFY2(db.execute(QStringLiteral("DROP TABLE xpadmin.%1 CASCADE").arg(table)), qPrintable(table));
    QVERIFY(db.execute(QStringLiteral("ALTER TABLE xpadmin.pending_adjustment DROP COLUMN reason_code, DROP COLUMN "
                                      "ticket, DROP COLUMN held_for")));
    QVERIFY(db.run(QStringLiteral("UPDATE xpadmin.meta SET value = '4' WHERE key = 'schema_version'")));
    auto upgraded = Schema::ensure(db);
    QVERIFY2(upgraded, qPrintable(upgraded ? QString() : upgraded.error().message));
    QCOMPARE(upgraded->version, Schema::CurrentVersion);
    const auto yes = [&](const QString &role, const QString &table, const QString &privilege) {
        return TestBackend::scalar(
                   db, QStringLiteral("SELECT has_table_privilege(:r, :t, :p)"),
                   {{QStringLiteral(":r"), role}, {QStringLiteral(":t"), table}, {QStringLiteral(":p"), privilege}})
            .toBool();
    };
    for (const QString &table : {QStringLiteral("xpadmin.reason_code"), QStringLiteral("xpadmin.xp_reason"),
                                 QStringLiteral("xpadmin.period"), QStringLiteral("xpadmin.adjust_limit")})
        QVERIFY2(yes(QStringLiteral("xpadmin_auditor"), table, QStringLiteral("SELECT")), qPrintable(table));
    QVERIFY(yes(QStringLiteral("xpadmin_support"), QStringLiteral("xpadmin.xp_reason"), QStringLiteral("INSERT")));
    QVERIFY(!yes(QStringLiteral("xpadmin_support"), QStringLiteral("xpadmin.reason_code"), QStringLiteral("INSERT")));
    QVERIFY(yes(QStringLiteral("xpadmin_admin"), QStringLiteral("xpadmin.period"), QStringLiteral("INSERT")));
    QVERIFY(yes(QStringLiteral("xpadmin_admin"), QStringLiteral("xpadmin.adjust_limit"), QStringLiteral("UPDATE")));
    // An auditor's desk reads the codes without anyone installing the roles again.
    QString why;
    auto auditor = m_fixture->connectAs(Role::Auditor, &why);
    QVERIFY2(auditor, qPrintable(why));
    auto catalog = ReasonCodes(*auditor).catalog();
    QVERIFY2(catalog, qPrintable(catalog ? QString() : catalog.error().message));
}

// With capture installed the charts of everyone read the rollups (LoggedRollups) in every role:
// an auditor reads them and what the log holds after them, and leaves folding to those who may.
void TestRoles::chartsReadTheRollupsInEveryRole()
{
    Database &owner = m_fixture->owner();
    QVERIFY(CaptureInstaller(owner).install());
    const auto removed = qScopeGuard([&] { QVERIFY(CaptureInstaller(owner).remove()); });
    for (int i = 0; i < 3; ++i)
        QVERIFY(!m_fixture->newTransaction().isEmpty());
    const qint64 sum
        = TestBackend::scalar(owner, QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")).toLongLong();
    const QString watermark = QStringLiteral("SELECT seq FROM %1").arg(RollupDdl::stateTable());
    const qint64 before = TestBackend::scalar(owner, watermark).toLongLong();
    for (const Role role : {Role::Auditor, Role::Support}) {
        QString why;
        auto db = m_fixture->connectAs(role, &why);
        QVERIFY2(db, qPrintable(why));
        auto kept = LoggedRollups::isKept(*db);
        QVERIFY2(kept && *kept, qPrintable(Roles::groupRole(role)));
        auto charts = ChartQuery(*db).load(ChartRequest{});
        QVERIFY2(charts, qPrintable(charts ? QString() : charts.error().message));
        QCOMPARE(charts->byCategory.totalXp(), sum);
        // The charts view asks before it has a fold posted: never for a role that may not fold.
        auto wanted = LoggedRollups::wantsFold(*db, 1);
        QVERIFY(wanted);
        QCOMPARE(*wanted, role != Role::Auditor);
        QVERIFY(LoggedRollups::catchUp(*db, 1));
        // The auditor may not write the rollups; support folds the log into them.
        const qint64 after = TestBackend::scalar(owner, watermark).toLongLong();
        QVERIFY2(role == Role::Auditor ? after == before : after > before, qPrintable(Roles::groupRole(role)));
    }
}

QTEST_GUILESS_MAIN(TestRoles)
#include "TestRoles.moc"
