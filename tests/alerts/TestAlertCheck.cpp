#include "tests/alerts/AlertFixture.h"

#include "core/alerts/AlertCheck.h"
#include "core/domain/Timestamp.h"

#include <QTest>

// Each rule on a real database: where it must fire, where it must not, at its boundaries.
class TestAlertCheck final : public QObject, private AlertFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void largeChange_data();
    void largeChange();
    void largeChangeOfTheDatabase();
    void busyActorFiresOnceAtTheLimitPlusOne();
    void busyActorCountsBeforeTheBatch();
    void busyActorKeepsToOneActorAndOneHour_data();
    void busyActorKeepsToOneActorAndOneHour();
    void busyActorCountsEventsOfOneMoment();
    void directTotal_data();
    void directTotal();
    void nothingWhenEveryRuleIsOff();
    void checkLogFindsPastAlerts();
};

void TestAlertCheck::largeChange_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<bool>("fires");
    QTest::newRow("below") << qint64(999) << false;
    QTest::newRow("exactly N") << qint64(1000) << false;
    QTest::newRow("N+1") << qint64(1001) << true;
    QTest::newRow("deduction of N") << qint64(-1000) << false;
    QTest::newRow("deduction of N+1") << qint64(-1001) << true;
}

void TestAlertCheck::largeChange()
{
    QFETCH(qint64, amount);
    QFETCH(bool, fires);
    AlertRules rules;
    rules.maxChange = 1000;
    const QList<AuditEvent> events = adjust(amount);
    QCOMPARE(events.size(), 1);
    const QList<Alert> alerts = check(rules, events);
    QCOMPARE(alerts.size(), fires ? 1 : 0);
    if (!fires)
        return;
    const Alert &alert = alerts.constFirst();
    QCOMPARE(alert.rule, Alert::Rule::LargeChange);
    QCOMPARE(alert.event.seq, events.constFirst().seq);
    QCOMPARE(alert.user, QStringLiteral("Bob Smith"));
    QCOMPARE(alert.limit, 1000);
    QCOMPARE(alert.sentence,
             QStringLiteral("tester (login %1) adjusted the XP of Bob Smith by %2, above the alert "
                            "limit of 1,000 XP for a single change.")
                 .arg(m_db->actor(), amount > 0 ? QStringLiteral("+1,001") : QStringLiteral("-1,001")));
    QCOMPARE(alert.toJson().value(QStringLiteral("alert")).toString(), QStringLiteral("large-change"));
    // Off: nothing, whatever the amount.
    rules.maxChange = 0;
    QVERIFY(check(rules, events).isEmpty());
}

void TestAlertCheck::largeChangeOfTheDatabase()
{
    // A row inserted in a database console, captured: named by its role and application, and the
    // user by email when they have no name.
    AlertRules rules;
    rules.maxChange = 500;
    const QList<AuditEvent> events
        = appendAs(QStringLiteral("web_app"), Timestamp::now(),
                   {rowEvent(QStringLiteral("db-insert"), 501, QStringLiteral("ann")),
                    rowEvent(QStringLiteral("db-insert"), 500, QStringLiteral("ann")),
                    rowEvent(QStringLiteral("db-update-before"), 9000, QStringLiteral("ann"))});
    const QList<Alert> alerts = check(rules, events);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.constFirst().event.seq, events.constFirst().seq);
    QCOMPARE(alerts.constFirst().sentence,
             QStringLiteral("database role web_app (psql) inserted a transaction of +501 XP for ann@example.com "
                            "directly in the database, above the alert limit of 500 XP for a single change."));
}

void TestAlertCheck::busyActorFiresOnceAtTheLimitPlusOne()
{
    AlertRules rules;
    rules.directTotal = false;
    rules.maxPerHour = 3;
    QList<AuditEvent> events;
    for (int i = 0; i < 3; ++i)
        events << adjust(10 + i);
    QVERIFY(check(rules, events).isEmpty()); // M changes: none
    const QList<AuditEvent> fourth = adjust(20);
    events << fourth;
    QList<Alert> alerts = check(rules, events);
    QCOMPARE(alerts.size(), 1); // the (M+1)th
    QCOMPARE(alerts.constFirst().rule, Alert::Rule::BusyActor);
    QCOMPARE(alerts.constFirst().event.seq, fourth.constFirst().seq);
    QCOMPARE(alerts.constFirst().count, 4);
    QCOMPARE(alerts.constFirst().firstSeq, events.constFirst().seq);
    QCOMPARE(alerts.constFirst().sentence,
             QStringLiteral("tester (login %1) made 4 changes within an hour, more than the alert limit of 3 an hour "
                            "(the latest: +20 XP for Bob Smith).")
                 .arg(m_db->actor()));
    // Later ones of the same hour: not again.
    events << adjust(21) << adjust(22);
    alerts = check(rules, events);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.constFirst().event.seq, fourth.constFirst().seq);
    // Events that are no change (a user added, rules set) do not count.
    rules.maxPerHour = 6;
    QVERIFY(check(rules, events).isEmpty());
}

void TestAlertCheck::busyActorCountsBeforeTheBatch()
{
    // The live feed hands over a few new events at a time: the changes before them count.
    AlertRules rules;
    rules.maxPerHour = 2;
    const QList<AuditEvent> first = adjust(1);
    const QList<AuditEvent> second = adjust(2);
    QVERIFY(check(rules, first).isEmpty());
    QVERIFY(check(rules, second).isEmpty());
    const QList<AuditEvent> third = adjust(3);
    const QList<Alert> alerts = check(rules, third);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.constFirst().count, 3);
    QCOMPARE(alerts.constFirst().firstSeq, first.constFirst().seq);
}

void TestAlertCheck::busyActorKeepsToOneActorAndOneHour_data()
{
    QTest::addColumn<qint64>("firstBeforeMs");
    QTest::addColumn<bool>("fires");
    QTest::newRow("exactly an hour before") << qint64(3600000) << true;
    QTest::newRow("an hour and a millisecond before") << qint64(3600001) << false;
}

void TestAlertCheck::busyActorKeepsToOneActorAndOneHour()
{
    QFETCH(qint64, firstBeforeMs);
    QFETCH(bool, fires);
    AlertRules rules;
    rules.maxPerHour = 2;
    const QDateTime now = Timestamp::now();
    // dana: one change long ago, one at the edge of the hour, one within it and one now; another
    // actor's changes in between count for that actor only.
    QList<AuditEvent> events
        = appendAs(QStringLiteral("dana"), now.addSecs(-7200), {rowEvent(QStringLiteral("adjust"), 5)});
    events << appendAs(QStringLiteral("dana"), now.addMSecs(-firstBeforeMs), {rowEvent(QStringLiteral("adjust"), 5)});
    events << appendAs(QStringLiteral("dana"), now.addSecs(-1800), {rowEvent(QStringLiteral("adjust"), 5)});
    events << appendAs(QStringLiteral("web_app"), now.addSecs(-60),
                       {rowEvent(QStringLiteral("db-insert"), 5), rowEvent(QStringLiteral("db-insert"), 5)});
    events << appendAs(QStringLiteral("dana"), now, {rowEvent(QStringLiteral("adjust"), 5)});
    const QList<Alert> alerts = check(rules, events);
    QCOMPARE(alerts.size(), fires ? 1 : 0);
    if (!fires)
        return;
    QCOMPARE(alerts.constFirst().event.actor, QStringLiteral("dana"));
    QCOMPARE(alerts.constFirst().count, 3);
    QCOMPARE(alerts.constFirst().event.seq, events.constLast().seq);
    QCOMPARE(alerts.constFirst().firstSeq, events.at(1).seq);
}

void TestAlertCheck::busyActorCountsEventsOfOneMoment()
{
    // A rollback of five rows is five changes at one moment: the third of them is the one.
    AlertRules rules;
    rules.maxPerHour = 2;
    QList<AuditEvent> batch;
    for (int i = 0; i < 5; ++i)
        batch << rowEvent(QStringLiteral("rollback"), 10);
    const QList<AuditEvent> events = appendAs(QStringLiteral("dana"), Timestamp::now(), batch);
    const QList<Alert> alerts = check(rules, events);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.constFirst().event.seq, events.at(2).seq);
    QCOMPARE(alerts.constFirst().count, 3);
}

void TestAlertCheck::directTotal_data()
{
    QTest::addColumn<bool>("direct");
    QTest::addColumn<bool>("ruleOn");
    QTest::addColumn<bool>("fires");
    QTest::newRow("direct") << true << true << true;
    QTest::newRow("with a row") << false << true << false;
    QTest::newRow("rule off") << true << false << false;
}

void TestAlertCheck::directTotal()
{
    QFETCH(bool, direct);
    QFETCH(bool, ruleOn);
    QFETCH(bool, fires);
    AlertRules rules;
    rules.directTotal = ruleOn;
    rules.maxChange = 1; // a total is no change of a row
    const QList<AuditEvent> events
        = appendAs(QStringLiteral("app"), Timestamp::now(), {totalEvent(direct, 120, 99999)});
    const QList<Alert> alerts = check(rules, events);
    QCOMPARE(alerts.size(), fires ? 1 : 0);
    if (!fires)
        return;
    QCOMPARE(alerts.constFirst().rule, Alert::Rule::DirectTotal);
    QCOMPARE(alerts.constFirst().sentence,
             QStringLiteral("database role app (psql) changed the total XP of Bob Smith directly in the database, "
                            "from 120 to 99,999, with no transaction behind it."));
}

void TestAlertCheck::nothingWhenEveryRuleIsOff()
{
    AlertRules rules;
    rules.directTotal = false;
    QList<AuditEvent> events = adjust(1000000);
    events << appendAs(QStringLiteral("app"), Timestamp::now(), {totalEvent(true, 0, 5)});
    QVERIFY(check(rules, events).isEmpty());
}

void TestAlertCheck::checkLogFindsPastAlerts()
{
    AlertRules rules;
    rules.maxChange = 100;
    const qint64 start = lastSeq();
    adjust(50);
    const QList<AuditEvent> large = adjust(150);
    adjust(-500, QStringLiteral("ann"));
    auto alerts = AlertCheck(*m_db, rules).checkLog(start, 2); // two events a page
    QVERIFY2(alerts, alerts ? "" : qPrintable(alerts.error().message));
    QCOMPARE(alerts->size(), 2);
    QCOMPARE(alerts->at(0).event.seq, large.constFirst().seq);
    QCOMPARE(alerts->at(1).user, QStringLiteral("ann@example.com"));
    // From a time: the seq before the first event at or after it.
    auto before = AlertCheck::seqBefore(*m_db, large.constFirst().at);
    QVERIFY(before);
    QVERIFY(*before < large.constFirst().seq);
    auto future = AlertCheck::seqBefore(*m_db, Timestamp::now().addDays(1));
    QVERIFY(future);
    QCOMPARE(*future, lastSeq());
}

QTEST_GUILESS_MAIN(TestAlertCheck)
#include "TestAlertCheck.moc"
