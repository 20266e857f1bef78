#include "tests/periods/PeriodLedger.h"
#include "tests/roles/RoleFixture.h"
#include "tests/support/TestBackend.h"

#include "core/ledger/Verifier.h"
#include "core/periods/PeriodEnforcement.h"
#include "core/periods/Periods.h"
#include "core/roles/RoleInstaller.h"

#include <QTest>

// PostgreSQL enforces the close for XP Admin's roles: a plain SQL session of xpadmin_admin or
// xpadmin_support is refused by the database for a row in the closed period and allowed for an open
// one; the web app's role and the owner are not touched; the app's tables keep their shape.
class TestPeriodsDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void xpAdminRolesAreRefusedByTheDatabase();
    void webAppRoleAndOwnerAreUnaffected();
    void periodRowWrittenByHandReopensNothing();
    void adminClosesOnceTheOwnerInstalledEnforcement();
    void appTablesKeepTheirShape();

private:
    std::unique_ptr<Database> as(Role role);
    static Result<SqlRows> run(Database &db, const QString &sql, const QString &id = {});
    qint64 rowCount(const QString &id);
    QString tableShape();

    std::unique_ptr<RoleFixture> m_fixture;
    const QString m_closed = QStringLiteral("xp-closed");
    const QString m_closed2 = QStringLiteral("xp-closed-2");
    const QString m_open = QStringLiteral("xp-open");
};

void TestPeriodsDatabase::init()
{
    if (!TestBackend::isPostgres())
        QSKIP("PostgreSQL only: SQLite has no roles");
    QString why;
    m_fixture = RoleFixture::start(&why);
    if (!m_fixture) {
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    Database &owner = m_fixture->owner();
    const QString attempt = QStringLiteral("USER_PROBLEM_ATTEMPT");
    QVERIFY(PeriodLedger::insertRow(owner, m_closed, QStringLiteral("alice"), 10, attempt, QStringLiteral("a-1"),
                                    PeriodLedger::daysAgo(10)));
    QVERIFY(PeriodLedger::insertRow(owner, m_closed2, QStringLiteral("bob"), 20, attempt, QStringLiteral("a-2"),
                                    PeriodLedger::daysAgo(9)));
    QVERIFY(PeriodLedger::insertRow(owner, m_open, QStringLiteral("alice"), 30, attempt, QStringLiteral("a-3"),
                                    PeriodLedger::daysAgo(1)));
}

void TestPeriodsDatabase::cleanup()
{
    m_fixture.reset();
}

std::unique_ptr<Database> TestPeriodsDatabase::as(Role role)
{
    QString why;
    auto db = m_fixture->connectAs(role, &why);
    if (!db)
        qWarning("%s", qPrintable(why));
    return db;
}

Result<SqlRows> TestPeriodsDatabase::run(Database &db, const QString &sql, const QString &id)
{
    return db.run(sql, id.isEmpty() ? Bindings{} : Bindings{{QStringLiteral(":id"), id}});
}

qint64 TestPeriodsDatabase::rowCount(const QString &id)
{
    return TestBackend::scalar(m_fixture->owner(), QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"id\" = :id"),
                               {{QStringLiteral(":id"), id}})
        .toLongLong();
}

QString TestPeriodsDatabase::tableShape()
{
    // Columns, constraints and indexes of the web app's tables, as pg_dump -s would show them.
    Database &owner = m_fixture->owner();
    const QString columns
        = TestBackend::scalar(owner,
                              QStringLiteral("SELECT string_agg(table_name || '.' || column_name || ' ' || "
                                             "data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, "
                                             "''), ', ' ORDER BY table_name, ordinal_position) FROM "
                                             "information_schema.columns WHERE table_name IN ('User', "
                                             "'UserProfile', 'UserXP') AND table_schema = 'public'"))
              .toString();
    const QString constraints
        = TestBackend::scalar(owner,
                              QStringLiteral("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', ' "
                                             "ORDER BY conname) FROM pg_constraint WHERE conrelid IN "
                                             "('\"User\"'::regclass, '\"UserProfile\"'::regclass, "
                                             "'\"UserXP\"'::regclass)"))
              .toString();
    return columns + QLatin1Char('\n') + constraints + QLatin1Char('\n')
        + TestBackend::indexesOf(owner, QStringLiteral("UserXP")).join(QLatin1Char('\n'));
}

void TestPeriodsDatabase::xpAdminRolesAreRefusedByTheDatabase()
{
    QVERIFY(Periods(m_fixture->owner()).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    auto admin = as(Role::Admin);
    auto support = as(Role::Support);
    QVERIFY(admin && support);
    const QString day = PeriodLedger::closeDay().toString(Qt::ISODate);

    auto refused = run(*admin, QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), m_closed);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("closed up to %1").arg(day)),
             qPrintable(refused.error().message));
    QVERIFY2(refused.error().message.contains(m_closed), qPrintable(refused.error().message));
    QCOMPARE(rowCount(m_closed), 1);

    auto allowed = run(*admin, QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), m_open);
    QVERIFY2(allowed, qPrintable(allowed ? QString() : allowed.error().message));
    QCOMPARE(rowCount(m_open), 0);

    // A row dated in the closed period may not be put there, by either role; one dated now may.
    const QString insert = QStringLiteral(
        "INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"description\", "
        "\"category\", \"createdAt\", \"updatedAt\") VALUES (:id, 'alice', 5, 'USER_PROBLEM_ATTEMPT', 'x', 'x', "
        "'CORRECT_ANSWER', %1, %1)");
    const QString old
        = QStringLiteral("'%1'").arg(PeriodLedger::daysAgo(7).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    for (Database *db : {admin.get(), support.get()}) {
        const QString id = QStringLiteral("xp-backdated-%1").arg(db == admin.get() ? 1 : 2);
        auto backdated = run(*db, insert.arg(old), id);
        QVERIFY(!backdated);
        QVERIFY2(backdated.error().message.contains(QStringLiteral("closed up to %1").arg(day)),
                 qPrintable(backdated.error().message));
        QCOMPARE(rowCount(id), 0);
        const QString now = QStringLiteral("xp-now-%1").arg(db == admin.get() ? 1 : 2);
        auto current = run(*db, insert.arg(QStringLiteral("now()")), now);
        QVERIFY2(current, qPrintable(current ? QString() : current.error().message));
        QCOMPARE(rowCount(now), 1);
    }

    // After a reopen the database lets the admin at what is open again.
    QVERIFY(Periods(m_fixture->owner()).reopen(PeriodLedger::closeDay().addDays(-10), QStringLiteral("reopen")));
    auto reopened = run(*admin, QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), m_closed);
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    QCOMPARE(rowCount(m_closed), 0);
}

void TestPeriodsDatabase::webAppRoleAndOwnerAreUnaffected()
{
    QVERIFY(Periods(m_fixture->owner()).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    // The web app's own login (no XP Admin role) with the rights a web app has on its table.
    QVERIFY(m_fixture->owner().execute(QStringLiteral("GRANT USAGE ON SCHEMA public TO %1; GRANT SELECT, INSERT, "
                                                      "UPDATE, DELETE ON \"UserXP\" TO %1")
                                           .arg(m_fixture->loginFor(Role::None))));
    auto web = as(Role::None);
    QVERIFY(web);
    auto deleted = run(*web, QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), m_closed);
    QVERIFY2(deleted, qPrintable(deleted ? QString() : deleted.error().message));
    QCOMPARE(rowCount(m_closed), 0);
    auto owner = run(m_fixture->owner(), QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = 21 WHERE \"id\" = :id"),
                     m_closed2);
    QVERIFY2(owner, qPrintable(owner ? QString() : owner.error().message));
}

void TestPeriodsDatabase::periodRowWrittenByHandReopensNothing()
{
    auto closed = Periods(m_fixture->owner()).close(PeriodLedger::closeDay(), QStringLiteral("closed"));
    QVERIFY(closed);
    auto admin = as(Role::Admin);
    QVERIFY(admin);
    // An admin may insert into xpadmin.period (closing is theirs), but a "reopen" without its audit
    // event moves no boundary for the database.
    auto forged = admin->run(
        QStringLiteral("INSERT INTO xpadmin.period (id, kind, until_day, boundary, actor, operator, at, reason, users, "
                       "total_sum, digest, audit_seq) VALUES (:id, 'reopen', '2000-01-01', '2000-01-01 23:59:59.999', "
                       "'x', 'x', now(), 'x', 0, 0, 'x', :seq)"),
        {{QStringLiteral(":id"), closed->id + 1}, {QStringLiteral(":seq"), closed->auditSeq}});
    QVERIFY2(forged, qPrintable(forged ? QString() : forged.error().message));
    auto refused = run(*admin, QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), m_closed);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(
                 QStringLiteral("closed up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
             qPrintable(refused.error().message));
    QCOMPARE(rowCount(m_closed), 1);
    // And verify names it.
    auto report = Verifier(m_fixture->owner()).verify();
    QVERIFY(report);
    QVERIFY2(
        report->periodFindings.join(QLatin1Char('\n')).contains(QStringLiteral("the reopen #%1").arg(closed->id + 1)),
        qPrintable(report->periodFindings.join(QLatin1Char('\n'))));
}

void TestPeriodsDatabase::adminClosesOnceTheOwnerInstalledEnforcement()
{
    Database &owner = m_fixture->owner();
    QVERIFY(owner.execute(QStringLiteral("DROP TRIGGER %1 ON \"UserXP\"").arg(PeriodEnforcement::triggerName())));
    auto admin = as(Role::Admin);
    QVERIFY(admin);
    const QByteArray before = TestBackend::contentDigest(owner);
    auto refused = Periods(*admin).close(PeriodLedger::closeDay(), QStringLiteral("closed"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Permission);
    QVERIFY2(refused.error().message.contains(QStringLiteral("roles install")), qPrintable(refused.error().message));
    QCOMPARE(TestBackend::contentDigest(owner), before);

    QVERIFY(RoleInstaller(owner).install());
    auto installed = PeriodEnforcement(owner).isInstalled();
    QVERIFY(installed && *installed);
    auto closed = Periods(*admin).close(PeriodLedger::closeDay(), QStringLiteral("closed"));
    QVERIFY2(closed, qPrintable(closed ? QString() : closed.error().message));
    QCOMPARE(closed->actor, m_fixture->loginFor(Role::Admin));
    // Support may not close.
    auto support = as(Role::Support);
    QVERIFY(support);
    QVERIFY(!Periods(*support).reopen(PeriodLedger::closeDay().addDays(-1), QStringLiteral("x")));
}

void TestPeriodsDatabase::appTablesKeepTheirShape()
{
    Database &owner = m_fixture->owner();
    QVERIFY(owner.execute(QStringLiteral("DROP TRIGGER %1 ON \"UserXP\"").arg(PeriodEnforcement::triggerName())));
    const QString before = tableShape();
    QVERIFY(Periods(owner).close(PeriodLedger::closeDay(), QStringLiteral("closed"))); // installs it again
    auto installed = PeriodEnforcement(owner).isInstalled();
    QVERIFY(installed && *installed);
    QCOMPARE(tableShape(), before);
}

QTEST_GUILESS_MAIN(TestPeriodsDatabase)
#include "TestPeriodsDatabase.moc"
