#include "tests/alerts/AlertFixture.h"
#include "tests/roles/RoleFixture.h"

#include "core/alerts/AlertSettings.h"
#include "core/audit/AuditLog.h"
#include "core/roles/RoleDetector.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// The alert rules as a setting of the database: stored, shared, audited, checked, and refused to
// those who may not set them.
class TestAlertRules final : public QObject, private AlertFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void defaultsUntilSet();
    void setIsSharedAndAudited();
    void badValuesAreRefused_data();
    void badValuesAreRefused();
    void typedValuesNameTheField();
    void refusedForNonOwners();
};

void TestAlertRules::defaultsUntilSet()
{
    auto rules = AlertSettings(*m_db).rules();
    QVERIFY2(rules, rules ? "" : qPrintable(rules.error().message));
    QCOMPARE(rules->maxChange, 0);
    QCOMPARE(rules->maxPerHour, 0);
    QVERIFY(rules->directTotal);
}

void TestAlertRules::setIsSharedAndAudited()
{
    AlertRules wanted;
    wanted.maxChange = 2500;
    wanted.maxPerHour = 40;
    wanted.directTotal = false;
    const qint64 before = lastSeq();
    QVERIFY(AlertSettings(*m_db).setRules(wanted));
    // Another desk reads them.
    QString why;
    auto other = TestBackend::openInitialized(*m_spec, &why, QStringLiteral("other desk"));
    QVERIFY2(other, qPrintable(why));
    auto stored = AlertSettings(*other).rules();
    QVERIFY(stored);
    QCOMPARE(*stored, wanted);
    // One audit event with the rules before and after.
    const QList<AuditEvent> events = eventsAfter(before);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.constFirst().action, QStringLiteral("alert-rules"));
    const QJsonObject snapshot = QJsonDocument::fromJson(events.constFirst().snapshot.toUtf8()).object();
    QCOMPARE(snapshot.value(QStringLiteral("before")).toObject(), AlertRules().toJson());
    QCOMPARE(snapshot.value(QStringLiteral("after")).toObject(), wanted.toJson());
    QVERIFY(events.constFirst().reason.contains(QLatin1String("a single change above 2500 XP")));
    // The same again: nothing written.
    QVERIFY(AlertSettings(*other).setRules(wanted));
    QCOMPARE(auditCount(QStringLiteral("alert-rules")), 1);
    // Turned off one by one: each a new event.
    wanted.maxChange = 0;
    QVERIFY(AlertSettings(*m_db).setRules(wanted));
    QCOMPARE(AlertSettings(*other).rules()->maxChange, 0);
    QCOMPARE(auditCount(QStringLiteral("alert-rules")), 2);
}

void TestAlertRules::badValuesAreRefused_data()
{
    QTest::addColumn<qint64>("maxChange");
    QTest::addColumn<qint64>("maxPerHour");
    QTest::addColumn<QString>("field");
    QTest::newRow("negative change") << qint64(-1) << qint64(0) << QStringLiteral("largest single change");
    QTest::newRow("change past 32 bits") << qint64(2147483648) << qint64(0) << QStringLiteral("largest single change");
    QTest::newRow("negative per hour") << qint64(0) << qint64(-5) << QStringLiteral("changes an hour by one actor");
    QTest::newRow("too many per hour") << qint64(0) << qint64(1000001)
                                       << QStringLiteral("changes an hour by one actor");
}

void TestAlertRules::badValuesAreRefused()
{
    QFETCH(qint64, maxChange);
    QFETCH(qint64, maxPerHour);
    QFETCH(QString, field);
    QVERIFY(AlertSettings(*m_db).setRules(AlertRules{100, 5, true}));
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    AlertRules bad{maxChange, maxPerHour, true};
    const Status status = AlertSettings(*m_db).setRules(bad);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, Error::Kind::Input);
    QVERIFY2(status.error().message.contains(field), qPrintable(status.error().message));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
    QCOMPARE(*AlertSettings(*m_db).rules(), (AlertRules{100, 5, true}));
}

void TestAlertRules::typedValuesNameTheField()
{
    auto ten = AlertRules::parseLimit(AlertRules::maxChangeField(), QStringLiteral("ten"), AlertRules::MaxChangeLimit);
    QVERIFY(!ten);
    QCOMPARE(ten.error().message,
             QStringLiteral("The largest single change (--max-change) \"ten\" is not valid: give a "
                            "whole number from 0 (off) to 2147483647"));
    QCOMPARE(*AlertRules::parseLimit(AlertRules::maxPerHourField(), QStringLiteral(" 12 "), 100), 12);
    QCOMPARE(*AlertRules::parseLimit(AlertRules::maxPerHourField(), QStringLiteral("OFF"), 100), 0);
    QVERIFY(!AlertRules::parseLimit(AlertRules::maxPerHourField(), QStringLiteral("101"), 100));
    auto maybe = AlertRules::parseSwitch(AlertRules::directTotalField(), QStringLiteral("maybe"));
    QVERIFY(!maybe);
    QVERIFY(maybe.error().message.contains(QLatin1String("direct change of a total (--direct-total)")));
    QCOMPARE(*AlertRules::parseSwitch(AlertRules::directTotalField(), QStringLiteral("On")), true);
    QCOMPARE(*AlertRules::parseSwitch(AlertRules::directTotalField(), QStringLiteral("off")), false);
}

void TestAlertRules::refusedForNonOwners()
{
    if (!TestBackend::isPostgres())
        QSKIP("On SQLite the role is advisory: the CLI and the window refuse it (TestAlertCli, TestAlertsWindow)");
    QString why;
    auto fixture = RoleFixture::start(&why);
    QVERIFY2(fixture, qPrintable(why));
    for (const Role role : {Role::Admin, Role::Support, Role::Auditor}) {
        auto db = fixture->connectAs(role, &why);
        QVERIFY2(db, qPrintable(why));
        auto connected = RoleDetector::detect(*db);
        QVERIFY(connected);
        QVERIFY(!connected->may(Action::ConfigureAlerts));
        QCOMPARE(connected->refusal(Action::ConfigureAlerts),
                 QStringLiteral("Your database role %1 may not change the alert rules").arg(Roles::groupRole(role)));
        // The database refuses it too, and nothing changes.
        const RoleFixture::Snapshot before = fixture->snapshot();
        const Status status = AlertSettings(*db).setRules(AlertRules{10, 1, false});
        QVERIFY(!status);
        QCOMPARE(status.error().kind, Error::Kind::Permission);
        QCOMPARE(fixture->snapshot(), before);
        QCOMPARE(*AlertSettings(fixture->owner()).rules(), AlertRules());
        // They may read them.
        QVERIFY(AlertSettings(*db).rules());
    }
    QVERIFY(AlertSettings(fixture->owner()).setRules(AlertRules{10, 1, false}));
}

QTEST_GUILESS_MAIN(TestAlertRules)
#include "TestAlertRules.moc"
