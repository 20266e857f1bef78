#include "tests/capture/CaptureFixture.h"
#include "tests/support/TestBackend.h"

#include "core/capture/CaptureInstaller.h"
#include "core/capture/CaptureSealer.h"
#include "core/ledger/Verifier.h"

#include <QTest>

// Who may write capture's records, and whose change they name: the trigger function writes with
// the installer's rights, yet records the role that acted; no role can forge a record, and no
// search_path can run its own code with the installer's rights. A capture that cannot record
// never fails the web app's write.
class TestCaptureRights final : public QObject, private CaptureFixture
{
    Q_OBJECT

private slots:
    void initTestCase_data() { addSchemaRows(); }
    void initTestCase();
    void init() { openLedger(); }
    void cleanup() { closeLedger(); }
    void aCaptureThatCannotRecordNeverFailsTheWrite();
    void theRoleRecordedIsTheOneThatActed();
    void aSearchPathCannotRunCodeAsTheInstaller();
};

void TestCaptureRights::initTestCase()
{
    if (!TestBackend::isPostgres())
        QFAIL("registered for PostgreSQL only");
    QString why;
    if (!makeAppRole(&why)) {
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
}

void TestCaptureRights::aCaptureThatCannotRecordNeverFailsTheWrite()
{
    QVERIFY(CaptureInstaller(*m_db).install());
    // The records are written with the installer's rights: a role's own privileges never decide
    // whether its change is recorded. The table dropped by hand: the web app's write goes on, with
    // a warning, and verify still finds the row nothing recorded.
    QVERIFY(m_db->execute(QStringLiteral("DROP TABLE xpadmin.captured_change")));
    QString errors;
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 5), &errors),
             qPrintable(errors));
    QVERIFY2(errors.contains(QLatin1String("WARNING:  XP Admin capture could not record")), qPrintable(errors));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE id = 'w1'")).toLongLong(),
             qint64(1));
    auto report = Verifier(*m_db).verify();
    QVERIFY(report && !report->brokenSeq);
    QCOMPARE(report->rows.unprovable.count, qint64(1));
}

void TestCaptureRights::theRoleRecordedIsTheOneThatActed()
{
    QVERIFY(CaptureInstaller(*m_db).install());
    const qint64 mark = lastSeq();
    // The records are written with the installer's rights, yet name who acted: its login, or the
    // role it took with SET ROLE.
    QString errors;
    QVERIFY2(
        psql(m_spec->user, QStringLiteral("console"),
             QStringLiteral("SET ROLE %1;\n").arg(AppRole) + insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 5),
             &errors),
        qPrintable(errors));
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w2"), QStringLiteral("u1"), 5), &errors),
             qPrintable(errors));
    QVERIFY(CaptureSealer(*m_db).seal());
    const QList<AuditEvent> events = eventsAfter(mark);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).actor, AppRole);
    QCOMPARE(events.at(0).operatorName, QStringLiteral("console"));
    QCOMPARE(events.at(1).actor, AppRole);
    QCOMPARE(events.at(1).operatorName, QStringLiteral("webapp"));
}

void TestCaptureRights::aSearchPathCannotRunCodeAsTheInstaller()
{
    QVERIFY(CaptureInstaller(*m_db).install());
    // The trigger function runs with the installer's rights and the caller's search_path: a role
    // that puts its own "=" first must not get it called there.
    QVERIFY(m_db->execute(QStringLiteral("CREATE SCHEMA evil AUTHORIZATION %1").arg(AppRole)));
    QString errors;
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"),
                  QStringLiteral("CREATE FUNCTION evil.texteq(text, text) RETURNS boolean LANGUAGE plpgsql AS $$ "
                                 "BEGIN RAISE NOTICE 'hijacked as %', current_user; RETURN $1 OPERATOR(pg_catalog.=) "
                                 "$2; END $$;\n"
                                 "CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.texteq);\n"
                                 "SET search_path = evil, pg_catalog, %1;\n")
                          .arg(m_schema)
                      + insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 5),
                  &errors),
             qPrintable(errors));
    QVERIFY2(!errors.contains(QLatin1String("hijacked")), qPrintable(errors));
    const qint64 mark = lastSeq();
    QVERIFY(CaptureSealer(*m_db).seal());
    const QList<AuditEvent> events = eventsAfter(mark);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).action, QStringLiteral("db-insert"));
    QCOMPARE(events.at(0).actor, AppRole);
}

QTEST_GUILESS_MAIN(TestCaptureRights)
#include "TestCaptureRights.moc"
