#include "tests/limits/LimitsFixture.h"

#include "core/approval/ApprovalQueue.h"
#include "core/domain/JsonText.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"
#include "core/roles/RoleSetting.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Scope = LimitRules::Scope;

// Limits per role and per person (core/limits) against a real database: above one, an adjustment
// waits for approval with the limit named; the day counts every adjustment of the person.
class TestLimits final : public QObject, private LimitsFixture
{
    Q_OBJECT

private slots:
    void init() { openLimitsDatabase(); }
    void cleanup() { closeLimitsDatabase(); }

    void underTheLimitIsAppliedAtOnce();
    void abovePerChangeIsHeld();
    void dayLimitReachedAcrossSeveralAdjustments();
    void heldThenApprovedBySecondPerson();
    void rejectedRequestFreesTheDay();
    void personLimitOverridesRoleLimit();
    void limitsSetIsAudited();
    void nonAdminIsRefused();
    void adminSetsThem();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void bulkRowAboveLimitIsHeldOthersApplied();

private:
    QString me() const { return LimitCheck::connectedPerson(*m_db); }
    Result<LedgerChange> adjust(Database &db, qint64 amount)
    {
        return Ledger(db).adjust(QStringLiteral("u1"), amount, QStringLiteral("Ticket 12: goodwill"));
    }
};

void TestLimits::underTheLimitIsAppliedAtOnce()
{
    QVERIFY(setLimits(Scope::Person, me(), 2000, 5000));
    auto change = adjust(*m_db, 2000);
    QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
    QVERIFY(change->pendingId.isEmpty());
    QCOMPARE(totalOf(QStringLiteral("u1")), 2000);
    auto deduction = adjust(*m_db, -1500);
    QVERIFY(deduction && deduction->pendingId.isEmpty());
    QCOMPARE(totalOf(QStringLiteral("u1")), 500);
    const PersonLimits limits = limitsOf(*m_db);
    QCOMPARE(limits.movedToday, 3500); // both directions count
    QCOMPARE(limits.leftToday(), std::optional<qint64>(1500));
    QCOMPARE(auditCount(QStringLiteral("adjust-request")), 0);
}

void TestLimits::abovePerChangeIsHeld()
{
    QVERIFY(setLimits(Scope::Person, me(), 2000, std::nullopt));
    auto change = adjust(*m_db, -2001);
    QVERIFY(change);
    QVERIFY(!change->pendingId.isEmpty());
    QCOMPARE(rowsOf(QStringLiteral("u1")), 0);
    QCOMPARE(stateOf(change->pendingId), QStringLiteral("pending"));
    QCOMPARE(heldForOf(change->pendingId), QStringLiteral("limit-per-change"));
    const QString snapshot
        = TestBackend::scalar(*m_db,
                              QStringLiteral("SELECT snapshot FROM %1 WHERE action = 'adjust-request'")
                                  .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
              .toString();
    QCOMPARE(QJsonDocument::fromJson(snapshot.toUtf8()).object().value(QStringLiteral("heldFor")).toString(),
             QStringLiteral("limit-per-change"));
    // The approval threshold still holds on its own, named as such.
    QVERIFY(ApprovalGate(*m_db).setThreshold(100));
    auto small = adjust(*m_db, 150);
    QVERIFY(small && !small->pendingId.isEmpty());
    QCOMPARE(heldForOf(small->pendingId), QStringLiteral("threshold"));
}

void TestLimits::dayLimitReachedAcrossSeveralAdjustments()
{
    QVERIFY(setLimits(Scope::Person, me(), std::nullopt, 5000));
    // Ten of 1,000 do not pass a day limit of 5,000: five apply, the rest wait.
    QStringList held;
    for (int i = 0; i < 10; ++i) {
        auto change = adjust(*m_db, i % 2 ? -1000 : 1000);
        QVERIFY(change);
        if (!change->pendingId.isEmpty())
            held << change->pendingId;
    }
    QCOMPARE(rowsOf(QStringLiteral("u1")), 5);
    QCOMPARE(held.size(), 5);
    for (const QString &id : std::as_const(held))
        QCOMPARE(heldForOf(id), QStringLiteral("limit-per-day"));
    const PersonLimits limits = limitsOf(*m_db);
    QCOMPARE(limits.movedToday, 10000); // held requests count, so splitting gains nothing
    QCOMPARE(limits.leftToday(), std::optional<qint64>(0));
}

void TestLimits::heldThenApprovedBySecondPerson()
{
    QVERIFY(setLimits(Scope::Person, me(), std::nullopt, 1000));
    QVERIFY(adjust(*m_db, 800));
    auto change = adjust(*m_db, 300);
    QVERIFY(change && !change->pendingId.isEmpty());
    QCOMPARE(heldForOf(change->pendingId), QStringLiteral("limit-per-day"));
    QCOMPARE(totalOf(QStringLiteral("u1")), 800);
    // The maker may not approve their own; the second person may.
    QVERIFY(!ApprovalQueue(*m_db).approve(change->pendingId));
    auto checker = openChecker();
    QVERIFY(checker);
    auto approved = ApprovalQueue(*checker).approve(change->pendingId, QStringLiteral("checked the ticket"));
    QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message));
    QCOMPARE(totalOf(QStringLiteral("u1")), 1100);
    QCOMPARE(stateOf(change->pendingId), QStringLiteral("approved"));
    // It counts for its maker once, and not for the approver who applied it.
    QCOMPARE(limitsOf(*m_db).movedToday, 1100);
    QCOMPARE(limitsOf(*checker).movedToday, 0);
}

void TestLimits::rejectedRequestFreesTheDay()
{
    QVERIFY(setLimits(Scope::Person, me(), std::nullopt, 1000));
    auto change = adjust(*m_db, 1200);
    QVERIFY(change && !change->pendingId.isEmpty());
    QCOMPARE(limitsOf(*m_db).movedToday, 1200);
    QVERIFY(ApprovalQueue(*m_db).reject(change->pendingId, QStringLiteral("withdrawn: wrong user")));
    QCOMPARE(limitsOf(*m_db).movedToday, 0);
    auto again = adjust(*m_db, 900);
    QVERIFY(again && again->pendingId.isEmpty());
}

void TestLimits::personLimitOverridesRoleLimit()
{
    auto sam = openSupport();
    QVERIFY(sam);
    const QString person = LimitCheck::connectedPerson(*sam);
    QVERIFY(setLimits(Scope::Role, QStringLiteral("support"), 1000, 3000));
    PersonLimits limits = limitsOf(*sam);
    QCOMPARE(limits.role, Role::Support);
    QCOMPARE(limits.effective().perChange, std::optional<qint64>(1000));
    auto held = adjust(*sam, 1500);
    QVERIFY2(held, qPrintable(held ? QString() : held.error().message));
    QVERIFY(!held->pendingId.isEmpty());
    QCOMPARE(heldForOf(held->pendingId), QStringLiteral("limit-per-change"));
    // The person's own per-change limit replaces the role's; the role's day limit stays.
    QVERIFY(setLimits(Scope::Person, person, 2000, std::nullopt));
    limits = limitsOf(*sam);
    QCOMPARE(limits.effective().perChange, std::optional<qint64>(2000));
    QCOMPARE(limits.effective().perDay, std::optional<qint64>(3000));
    auto applied = adjust(*sam, 1500);
    QVERIFY(applied && applied->pendingId.isEmpty());
    QCOMPARE(totalOf(QStringLiteral("u1")), 1500);
    // 1,500 held + 1,500 applied: the role's day of 3,000 is used up.
    auto overDay = adjust(*sam, 10);
    QVERIFY(overDay && !overDay->pendingId.isEmpty());
    QCOMPARE(heldForOf(overDay->pendingId), QStringLiteral("limit-per-day"));
    // The owner has no role limits: their own adjustments are not held (SQLite: a desk without a role).
    if (!TestBackend::isPostgres())
        RoleSetting::setSqliteRole(Role::Unrestricted);
    auto owner = adjust(*m_db, 1500);
    QVERIFY(owner && owner->pendingId.isEmpty());
}

void TestLimits::limitsSetIsAudited()
{
    QVERIFY(setLimits(Scope::Role, QStringLiteral("Support"), 2000, 5000));
    QVERIFY(setLimits(Scope::Role, QStringLiteral("support"), std::nullopt, std::nullopt) == true);
    QCOMPARE(limitEvents(), 2);
    const QString snapshot
        = TestBackend::scalar(*m_db,
                              QStringLiteral("SELECT snapshot FROM %1 WHERE action = 'limits-set' ORDER BY seq")
                                  .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
              .toString();
    const QJsonObject first = QJsonDocument::fromJson(snapshot.toUtf8()).object();
    QCOMPARE(first.value(QStringLiteral("scope")).toString(), QStringLiteral("role"));
    QCOMPARE(first.value(QStringLiteral("subject")).toString(), QStringLiteral("support"));
    QVERIFY(first.value(QStringLiteral("before")).toObject().value(QStringLiteral("perChange")).isNull());
    QCOMPARE(first.value(QStringLiteral("after")).toObject().value(QStringLiteral("perChange")).toInt(), 2000);
    QCOMPARE(first.value(QStringLiteral("after")).toObject().value(QStringLiteral("perDay")).toInt(), 5000);
    // Both set to none: the row goes; setting what is already there writes no event.
    QCOMPARE(limitRows(), 0);
    QVERIFY(setLimits(Scope::Person, me(), std::nullopt, std::nullopt));
    QCOMPARE(limitEvents(), 2);
}

void TestLimits::nonAdminIsRefused()
{
    auto sam = openSupport();
    QVERIFY(sam);
    const QByteArray before = TestBackend::contentDigest(*m_db);
    LimitRules::Change change;
    change.perChange = std::optional<qint64>(100000);
    const Status refused = LimitRules(*sam).set(Scope::Person, LimitCheck::connectedPerson(*sam), change);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Permission);
    QVERIFY2(refused.error().message.contains(QLatin1String("may not set the adjustment limits")),
             qPrintable(refused.error().message));
    QCOMPARE(TestBackend::contentDigest(*m_db), before);
    if (TestBackend::isPostgres()) {
        // The database refuses it too, whatever the program does.
        auto direct = sam->run(QStringLiteral("INSERT INTO xpadmin.adjust_limit (scope, subject, per_change, set_by, "
                                              "set_operator, set_at) VALUES ('person', 'x', 1, 'x', 'x', now())"));
        QVERIFY(!direct);
        QVERIFY2(direct.error().message.contains(QLatin1String("permission denied"), Qt::CaseInsensitive),
                 qPrintable(direct.error().message));
        // ... while every XP Admin role may read them.
        QVERIFY(sam->run(QStringLiteral("SELECT count(*) FROM xpadmin.adjust_limit")));
        QCOMPARE(TestBackend::contentDigest(*m_db), before);
    }
}

void TestLimits::adminSetsThem()
{
    // An admin (PostgreSQL: a login granted xpadmin_admin, so the database's grants are tested).
    auto admin = openSupport(Role::Admin);
    QVERIFY(admin);
    LimitRules::Change change;
    change.perDay = std::optional<qint64>(7000);
    const Status set = LimitRules(*admin).set(Scope::Role, QStringLiteral("support"), change);
    QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
    QCOMPARE(LimitRules(*m_db).find(Scope::Role, QStringLiteral("support"))->perDay, std::optional<qint64>(7000));
    change.perDay = std::optional<qint64>();
    QVERIFY(LimitRules(*admin).set(Scope::Role, QStringLiteral("support"), change));
    QCOMPARE(limitRows(), 0);
    QCOMPARE(limitEvents(), 2);
}

void TestLimits::badInputChangesNothing_data()
{
    QTest::addColumn<int>("scope");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("perChange");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown role") << int(Scope::Role) << QStringLiteral("boss") << QStringLiteral("10")
                                  << QStringLiteral("--role \"boss\" is not a role");
    QTest::newRow("owner is no role") << int(Scope::Role) << QStringLiteral("owner") << QStringLiteral("10")
                                      << QStringLiteral("use auditor, support, admin");
    QTest::newRow("empty person") << int(Scope::Person) << QStringLiteral("  ") << QStringLiteral("10")
                                  << QStringLiteral("--person");
    QTest::newRow("no limit given") << int(Scope::Role) << QStringLiteral("support") << QString()
                                    << QStringLiteral("Give --per-change, --per-day or both");
    QTest::newRow("negative") << int(Scope::Role) << QStringLiteral("support") << QStringLiteral("-1")
                              << QStringLiteral("from 0 to 2147483647");
    QTest::newRow("too big") << int(Scope::Role) << QStringLiteral("support") << QStringLiteral("3000000000")
                             << QStringLiteral("from 0 to 2147483647");
}

void TestLimits::badInputChangesNothing()
{
    QFETCH(int, scope);
    QFETCH(QString, subject);
    QFETCH(QString, perChange);
    QFETCH(QString, message);
    const QByteArray before = TestBackend::contentDigest(*m_db);
    LimitRules::Change change;
    if (!perChange.isEmpty())
        change.perChange = std::optional<qint64>(perChange.toLongLong());
    const Status status = LimitRules(*m_db).set(Scope(scope), subject, change);
    QVERIFY(!status);
    QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
    QVERIFY2(status.error().message.contains(QLatin1String("Nothing was changed")), qPrintable(status.error().message));
    QCOMPARE(TestBackend::contentDigest(*m_db), before);
    // As typed on the command line.
    for (const QString &typed : {QStringLiteral("-5"), QStringLiteral("abc"), QStringLiteral("1.5"), QString()})
        QVERIFY(!LimitPair::parseValue(QStringLiteral("--per-day"), typed));
    QCOMPARE(LimitPair::parseValue(QStringLiteral("--per-day"), QStringLiteral("None")).value(), std::nullopt);
    if (TestBackend::isPostgres()) {
        const Status unknown = LimitRules(*m_db).set(Scope::Person, QStringLiteral("nobody_here_42"), change);
        QVERIFY(!unknown);
        QCOMPARE(TestBackend::contentDigest(*m_db), before);
    }
}

void TestLimits::bulkRowAboveLimitIsHeldOthersApplied()
{
    QVERIFY(setLimits(Scope::Person, me(), 1000, std::nullopt));
    const QString path = writeCsv("userId,amount,reason\nu1,200,contest\nu2,5000,contest\nu1,-300,fix\n");
    auto report = BatchImporter(*m_db).importFile(ImportKind::Adjust, path, false);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(report->applied);
    QCOMPARE(report->held, 1);
    QCOMPARE(report->transactions, 2);
    QCOMPARE(report->holds.size(), 1);
    QCOMPARE(report->holds.constFirst().line, 3);
    QCOMPARE(report->holds.constFirst().heldFor, HoldReason::LimitPerChange);
    QCOMPARE(heldForOf(report->holds.constFirst().requestId), QStringLiteral("limit-per-change"));
    QCOMPARE(totalOf(QStringLiteral("u1")), -100);
    QCOMPARE(totalOf(QStringLiteral("u2")), 0);
    // Row by row toward the day: with a day of 5,500 the bulk's 5,500 already counts.
    QCOMPARE(limitsOf(*m_db).movedToday, 5500);
    QVERIFY(setLimits(Scope::Person, me(), std::nullopt, 5600));
    const QString second = writeCsv("userId,amount,reason\nu1,50,a\nu2,100,b\nu1,20,c\n");
    auto day = BatchImporter(*m_db).importFile(ImportKind::Adjust, second, false);
    QVERIFY(day && day->applied);
    QCOMPARE(day->transactions, 1);
    QCOMPARE(day->held, 2);
    QCOMPARE(day->holds.at(0).line, 3);
    QCOMPARE(day->holds.at(0).heldFor, HoldReason::LimitPerDay);
    QCOMPARE(day->holds.at(1).heldFor, HoldReason::LimitPerDay);
}

QTEST_GUILESS_MAIN(TestLimits)
#include "TestLimits.moc"
