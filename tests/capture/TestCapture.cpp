#include "tests/capture/CaptureFixture.h"
#include "tests/capture/PostgresTools.h"
#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/capture/CaptureInstaller.h"
#include "core/capture/CaptureSealer.h"
#include "core/capture/LoggedRollups.h"
#include "core/charts/ChartQuery.h"
#include "core/db/RollupDdl.h"
#include "core/domain/Timestamp.h"
#include "core/history/AsOfRows.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"
#include "models/AuditText.h"
#include "tests/charts/RollupChecks.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

// Capture of changes made outside XP Admin (PostgreSQL): a real psql, logged in as the web app's
// own role, inserts, updates and deletes "UserXP" rows and sets a total by hand; each change is
// recorded with its role and application_name, sealed into the hash chain, and verify names the
// direct change. XP Admin's own writes are never captured twice; a writer killed mid-transaction
// leaves only what it committed; the ledger as of a moment between captured changes is exact; and
// remove leaves the web app's schema as it was. With the tables in "public" and in ?schema=app.
class TestCapture final : public QObject, private CaptureFixture
{
    Q_OBJECT

private slots:
    void initTestCase_data() { addSchemaRows(); }
    void initTestCase();
    void init() { openLedger(); }
    void cleanup() { closeLedger(); }
    void changesAreCapturedWithTheirRoleAndSealed();
    void ownWritesAreNotCapturedTwice();
    void killedWriterLeavesOnlyWhatItCommitted();
    void asOfBetweenCapturedChangesIsExact();
    void removeLeavesNoTrace();
    void printedStatementsInstallCaptureAndBuildTheRollups();
};

void TestCapture::initTestCase()
{
    if (!TestBackend::isPostgres())
        QFAIL("registered for PostgreSQL only");
    QString why;
    // The web app's login: a role of its own that may change the app's tables and nothing else.
    if (!makeAppRole(&why)) {
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
}

void TestCapture::changesAreCapturedWithTheirRoleAndSealed()
{
    QVERIFY(TestBackend::award(*m_db, QStringLiteral("u1"), 10, QStringLiteral("a1")).size() > 0);
    QVERIFY(TestBackend::award(*m_db, QStringLiteral("u2"), 20, QStringLiteral("a2")).size() > 0);
    QVERIFY(CaptureInstaller(*m_db).install());
    const qint64 before = lastSeq();
    QString errors;
    // The web app's award as its seed does it: a row, then the total from SUM, in one transaction.
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"),
                  QStringLiteral("BEGIN;\n") + insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 5)
                      + insertRow(QStringLiteral("w2"), QStringLiteral("u1"), 3)
                      + QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = (SELECT SUM(amount) FROM \"UserXP\" "
                                       "WHERE \"userId\" = 'u1') WHERE \"userId\" = 'u1';\nCOMMIT;\n"),
                  &errors),
             qPrintable(errors));
    // A console session: a row rewritten, a row deleted, and a total set by hand.
    QVERIFY2(psql(AppRole, QStringLiteral("psql-console"),
                  QStringLiteral("UPDATE \"UserXP\" SET amount = 7 WHERE id = 'w1';\n"
                                 "DELETE FROM \"UserXP\" WHERE id = 'w2';\n"
                                 "UPDATE \"UserProfile\" SET \"totalXP\" = 500 WHERE \"userId\" = 'u2';\n"),
                  &errors),
             qPrintable(errors));
    // The web app's role may not touch the records: not write (forge) one, read, change or empty them.
    for (const QString &sql : {QStringLiteral("INSERT INTO xpadmin.captured_change (role, table_name, operation) "
                                              "VALUES ('someone', 'UserXP', 'INSERT');"),
                               QStringLiteral("SELECT count(*) FROM xpadmin.captured_change;"),
                               QStringLiteral("DELETE FROM xpadmin.captured_change;"),
                               QStringLiteral("UPDATE xpadmin.captured_change SET role = 'nobody';"),
                               QStringLiteral("TRUNCATE xpadmin.captured_change;")}) {
        QVERIFY2(!psql(AppRole, QStringLiteral("psql-console"), sql, &errors), qPrintable(sql));
        QVERIFY2(errors.contains(QLatin1String("permission denied")), qPrintable(errors));
    }
    auto status = CaptureInstaller(*m_db).status();
    QVERIFY(status && status->installed);
    QCOMPARE(status->tables, (QStringList{QStringLiteral("UserXP"), QStringLiteral("UserProfile")}));
    QCOMPARE(status->pending, std::optional<qint64>(6));

    auto sealed = CaptureSealer(*m_db).seal();
    QVERIFY(sealed);
    QCOMPARE(*sealed, qint64(7)); // an update is two events
    QCOMPARE(CaptureInstaller(*m_db).status()->pending, std::optional<qint64>(0));
    const QList<AuditEvent> events = eventsAfter(before);
    QStringList actions;
    for (const AuditEvent &event : events) {
        actions << event.action;
        QCOMPARE(event.actor, AppRole);
        const QJsonObject snapshot = QJsonDocument::fromJson(event.snapshot.toUtf8()).object();
        QCOMPARE(snapshot.value(QStringLiteral("origin")).toString(), QStringLiteral("database"));
        QCOMPARE(snapshot.value(QStringLiteral("role")).toString(), AppRole);
        QVERIFY(!snapshot.value(QStringLiteral("client")).toString().isEmpty());
        QVERIFY(!snapshot.value(QStringLiteral("txid")).toString().isEmpty());
    }
    QCOMPARE(actions,
             (QStringList{QStringLiteral("db-insert"), QStringLiteral("db-insert"), QStringLiteral("db-total"),
                          QStringLiteral("db-update-before"), QStringLiteral("db-update"), QStringLiteral("db-delete"),
                          QStringLiteral("db-total")}));
    QCOMPARE(events.at(0).operatorName, QStringLiteral("webapp"));
    QCOMPARE(events.at(0).xpId, QStringLiteral("w1"));
    QCOMPARE(events.at(0).amount, std::optional<qint64>(5));
    QCOMPARE(events.at(3).amount, std::optional<qint64>(5));
    QCOMPARE(events.at(4).amount, std::optional<qint64>(7));
    QCOMPARE(events.at(5).operatorName, QStringLiteral("psql-console"));
    // The web app's total moved with its rows: not direct. The console's did not.
    const auto direct = [&](int i) {
        return QJsonDocument::fromJson(events.at(i).snapshot.toUtf8()).object().value(QStringLiteral("direct"));
    };
    QCOMPARE(direct(2), QJsonValue(false));
    QCOMPARE(direct(6), QJsonValue(true));
    // What a person reads in the audit log: who changed it where, never an action's code.
    QCOMPARE(AuditText::actionLabel(events.at(6).action), QStringLiteral("Total changed in the database"));
    QVERIFY2(AuditText::effect(events.at(6))
                 .startsWith(QStringLiteral("Changed in the database by %1 (psql-console), from ").arg(AppRole)),
             qPrintable(AuditText::effect(events.at(6))));
    QVERIFY2(AuditText::effect(events.at(6)).contains(QStringLiteral("Total XP 20 → 500")),
             qPrintable(AuditText::effect(events.at(6))));
    QVERIFY2(AuditText::effect(events.at(6)).contains(QStringLiteral("Set directly")),
             qPrintable(AuditText::effect(events.at(6))));
    for (const AuditEvent &event : events)
        QVERIFY2(AuditText::actionLabel(event.action) != event.action, qPrintable(event.action));
    QCOMPARE(events.at(6).userId, QStringLiteral("u2"));
    QCOMPARE(events.at(6).amount, std::optional<qint64>(500));

    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY(!report->brokenSeq);
    // u1's total drifted too (the console changed its rows, not its total), but its last change
    // was a row's: only u2's total was set directly, and that change is named.
    QCOMPARE(report->drift.size(), 2);
    QCOMPARE(report->directChanges.keys(), QStringList{QStringLiteral("u2")});
    const AuditEvent named = report->directChanges.value(QStringLiteral("u2"));
    QCOMPARE(named.actor, AppRole);
    QCOMPARE(named.operatorName, QStringLiteral("psql-console"));
    QCOMPARE(QJsonDocument::fromJson(named.snapshot.toUtf8()).object().value(QStringLiteral("totalXP_before")),
             QJsonValue(QStringLiteral("20")));
    // Every row the web app wrote is proved by its captured events.
    QVERIFY(report->rows.findings.isEmpty());
    QCOMPARE(report->rows.unprovable.count, qint64(0));
    QCOMPARE(report->rows.rowsMatched, qint64(3)); // a1, a2, w1 as updated

    // xpadmin-cli verify names the change and who made it, in text and in JSON.
    QVERIFY2(psql(AppRole, QStringLiteral("psql-console"),
                  QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 600 WHERE \"userId\" = 'u2';\n"), &errors),
             qPrintable(errors));
    QProcess cli;
    cli.start(QStringLiteral(XPADMIN_CLI_PATH),
              {QStringLiteral("--db"), m_spec->toUrl(true), QStringLiteral("verify")});
    QVERIFY(cli.waitForFinished(60000));
    const QString text = QString::fromUtf8(cli.readAllStandardOutput());
    QCOMPARE(cli.exitCode(), 1); // problems found
    QVERIFY2(text.contains(QStringLiteral("sealed into the audit log first")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("user u2: cached 600, sum 20")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("set directly in the database by %1 (psql-console)").arg(AppRole)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(": 500 -> 600 (audit event")), qPrintable(text));
    cli.start(QStringLiteral(XPADMIN_CLI_PATH),
              {QStringLiteral("--json"), QStringLiteral("--db"), m_spec->toUrl(true), QStringLiteral("verify")});
    QVERIFY(cli.waitForFinished(60000));
    const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QJsonObject u2;
    for (const QJsonValue drift : json.value(QStringLiteral("drift")).toArray())
        if (drift.toObject().value(QStringLiteral("userId")).toString() == QLatin1String("u2"))
            u2 = drift.toObject().value(QStringLiteral("directChange")).toObject();
    QCOMPARE(u2.value(QStringLiteral("role")).toString(), AppRole);
    QCOMPARE(u2.value(QStringLiteral("application")).toString(), QStringLiteral("psql-console"));
    QCOMPARE(u2.value(QStringLiteral("before")).toString(), QStringLiteral("500"));
    QCOMPARE(u2.value(QStringLiteral("after")).toString(), QStringLiteral("600"));
    QVERIFY(!u2.value(QStringLiteral("client")).toString().isEmpty());
    QVERIFY(!u2.value(QStringLiteral("at")).toString().isEmpty());
}

void TestCapture::ownWritesAreNotCapturedTwice()
{
    QVERIFY(CaptureInstaller(*m_db).install());
    const qint64 before = lastSeq();
    const QString a = TestBackend::award(*m_db, QStringLiteral("u1"), 10, QStringLiteral("a1"));
    QVERIFY(!a.isEmpty());
    Ledger ledger(*m_db);
    QVERIFY(ledger.adjust(QStringLiteral("u1"), -4, QStringLiteral("correction")));
    QVERIFY(ledger.rollback({a}, QStringLiteral("mistake")));
    QVERIFY(ledger.recalculateAll());
    QCOMPARE(CaptureInstaller(*m_db).status()->pending, std::optional<qint64>(0));
    for (const AuditEvent &event : eventsAfter(before))
        QVERIFY2(!event.action.startsWith(QLatin1String("db-")), qPrintable(event.action));
    // A captured change waiting is sealed by XP Admin's next write, before its own events.
    QString errors;
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 5), &errors),
             qPrintable(errors));
    const qint64 mark = lastSeq();
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("u1"), 1, QStringLiteral("a2")).isEmpty());
    const QList<AuditEvent> after = eventsAfter(mark);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.at(0).action, QStringLiteral("db-insert"));
    QCOMPARE(after.at(1).action, QStringLiteral("award"));
    QVERIFY(Verifier(*m_db).verify()->brokenSeq == std::nullopt);
}

void TestCapture::killedWriterLeavesOnlyWhatItCommitted()
{
    QVERIFY(CaptureInstaller(*m_db).install());
    const qint64 before = lastSeq();
    QProcess writer;
    writer.setProcessEnvironment(PostgresTools::environment(QStringLiteral("killed-writer"), m_schema));
    writer.start(PostgresTools::program(QStringLiteral("psql")),
                 {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"), urlAs(AppRole)});
    QVERIFY(writer.waitForStarted(10000));
    writer.write((insertRow(QStringLiteral("k1"), QStringLiteral("u1"), 1)
                  + insertRow(QStringLiteral("k2"), QStringLiteral("u1"), 2) + QStringLiteral("BEGIN;\n")
                  + insertRow(QStringLiteral("k3"), QStringLiteral("u1"), 3))
                     .toUtf8());
    // Its transaction is open once the server has it idle in it, the third row inserted.
    QTRY_COMPARE_WITH_TIMEOUT(TestBackend::scalar(*m_db,
                                                  QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                                 "application_name = 'killed-writer' AND state "
                                                                 "= 'idle in transaction'"))
                                  .toLongLong(),
                              qint64(1), 20000);
    QCOMPARE(writer.state(), QProcess::Running);
    writer.kill(); // SIGKILL, with its transaction open
    QVERIFY(writer.waitForFinished(10000));
    // The server ends the session once it sees the client gone; its transaction is rolled back.
    QTRY_COMPARE_WITH_TIMEOUT(TestBackend::scalar(*m_db,
                                                  QStringLiteral("SELECT count(*) FROM pg_stat_activity "
                                                                 "WHERE application_name = 'killed-writer'"))
                                  .toLongLong(),
                              qint64(0), 20000);
    QCOMPARE(*CaptureSealer(*m_db).seal(), qint64(2));
    QCOMPARE(*CaptureSealer(*m_db).seal(), qint64(0)); // exactly once
    QStringList ids;
    for (const AuditEvent &event : eventsAfter(before))
        ids << event.xpId;
    QCOMPARE(ids, (QStringList{QStringLiteral("k1"), QStringLiteral("k2")}));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE id = 'k3'")).toLongLong(),
             qint64(0));
    auto report = Verifier(*m_db).verify();
    QVERIFY(report && !report->brokenSeq);
    QCOMPARE(report->rows.unprovable.count, qint64(0));
}

void TestCapture::asOfBetweenCapturedChangesIsExact()
{
    QVERIFY(CaptureInstaller(*m_db).install());
    const auto copy = [&] {
        QMap<QString, QString> rows;
        auto read = m_db->run(QStringLiteral("SELECT id, \"userId\", amount, description FROM \"UserXP\" ORDER BY id"));
        if (!read)
            qFatal("%s", qPrintable(read.error().message));
        while (read->next())
            rows.insert(read->text(0), QStringLiteral("%1|%2|%3").arg(read->text(1), read->text(2), read->text(3)));
        return rows;
    };
    const auto asOf = [&](const QDateTime &moment) {
        QMap<QString, QString> rows;
        Bindings bindings;
        auto read = m_db->run(QStringLiteral("SELECT t.id, t.\"userId\", t.amount, t.description FROM %1 ORDER BY t.id")
                                  .arg(AsOfRows::table(m_db->dialect(), moment, bindings, QStringLiteral("t"))),
                              bindings);
        if (!read)
            qFatal("%s", qPrintable(read.error().message));
        while (read->next())
            rows.insert(read->text(0), QStringLiteral("%1|%2|%3").arg(read->text(1), read->text(2), read->text(3)));
        return rows;
    };
    QList<std::pair<QDateTime, QMap<QString, QString>>> moments;
    const auto mark = [&] {
        QThread::msleep(5);
        moments << std::pair{Timestamp::now(), copy()};
        QThread::msleep(5);
    };
    QString errors;
    const QStringList steps{
        insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 5)
            + insertRow(QStringLiteral("w2"), QStringLiteral("u2"), 6),
        QStringLiteral("UPDATE \"UserXP\" SET amount = 9, description = 'regraded' WHERE id = 'w1';\n"),
        QStringLiteral("DELETE FROM \"UserXP\" WHERE id = 'w2';\n"),
        QStringLiteral("UPDATE \"UserXP\" SET amount = 11 WHERE id = 'w1';\n")
            + insertRow(QStringLiteral("w3"), QStringLiteral("u2"), 4)};
    mark();
    for (const QString &step : steps) {
        QVERIFY2(psql(AppRole, QStringLiteral("webapp"), step, &errors), qPrintable(errors));
        // XP Admin writes between them too, sealing what waits first.
        QVERIFY(
            !TestBackend::award(*m_db, QStringLiteral("u1"), 1, QStringLiteral("a%1").arg(moments.size())).isEmpty());
        mark();
    }
    QVERIFY(*CaptureSealer(*m_db).seal() == 0);
    for (const auto &[moment, rows] : std::as_const(moments))
        QCOMPARE(asOf(moment), rows);
}

void TestCapture::removeLeavesNoTrace()
{
    const QString before = dumpAppSchema();
    QVERIFY(before.contains(QStringLiteral("\"UserXP\"")));
    QVERIFY(CaptureInstaller(*m_db).install());
    QVERIFY(!CaptureInstaller(*m_db).install()); // once
    // The table of records gives back the pages a seal empties; one that keeps them (as installs
    // before 2026-12-07 made it) does from the next install on, which changes nothing else.
    const auto keepsPages = [this] {
        return TestBackend::scalar(*m_db,
                                   QStringLiteral("SELECT COALESCE('vacuum_truncate=false' = ANY (reloptions), false) "
                                                  "FROM pg_class WHERE oid = to_regclass('xpadmin.captured_change')"))
            .toBool();
    };
    QVERIFY(!keepsPages());
    QVERIFY(m_db->execute(QStringLiteral("ALTER TABLE xpadmin.captured_change SET (vacuum_truncate = false)")));
    QVERIFY(keepsPages());
    auto keeping = CaptureInstaller(*m_db).status(); // capture status asks for an install
    QVERIFY(keeping && keeping->keepsEmptyPages);
    const qint64 eventsBefore
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM xpadmin.audit_event")).toLongLong();
    bool pagesGivenBack = false;
    bool rebuilt = true;
    QVERIFY(CaptureInstaller(*m_db).install(&rebuilt, &pagesGivenBack));
    QVERIFY(pagesGivenBack);
    QVERIFY(!rebuilt);
    QVERIFY(!keepsPages());
    keeping = CaptureInstaller(*m_db).status();
    QVERIFY(keeping && !keeping->keepsEmptyPages);
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM xpadmin.audit_event")).toLongLong(),
             eventsBefore);
    QVERIFY(!CaptureInstaller(*m_db).install()); // and then it is whole
    // An install by an XP Admin that kept no chart rollups: installing again adds them, built.
    QVERIFY(m_db->execute(LoggedRollups::dropStatements().join(QStringLiteral(";\n"))));
    // Such a capture seals as before (with nothing to fold).
    QString psqlErrors;
    QVERIFY2(
        psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w0"), QStringLiteral("u2"), 3), &psqlErrors),
        qPrintable(psqlErrors));
    auto sealed = CaptureSealer(*m_db).seal();
    QVERIFY2(sealed, qPrintable(sealed ? QString() : sealed.error().message));
    QVERIFY(*sealed >= 1);
    bool rollupsOnly = false;
    QVERIFY(CaptureInstaller(*m_db).install(&rollupsOnly));
    QVERIFY(rollupsOnly);
    auto kept = LoggedRollups::isKept(*m_db);
    QVERIFY(kept && *kept);
    QVERIFY(!CaptureInstaller(*m_db).install()); // and then it is whole
    // A build that did not finish (the tables are there, not filled): installing again builds.
    QVERIFY(m_db->execute(QStringLiteral("DELETE FROM %1").arg(RollupDdl::stateTable())));
    QVERIFY(CaptureInstaller(*m_db).install(&rollupsOnly));
    QVERIFY(rollupsOnly);
    kept = LoggedRollups::isKept(*m_db);
    QVERIFY(kept && *kept);
    // Rollups built by an XP Admin before their index for the top users: installing again
    // builds them with it.
    auto state = LoggedRollups::state(*m_db);
    QVERIFY(state && state->usersIndex);
    QVERIFY(m_db->execute(QStringLiteral("DROP INDEX xpadmin.xp_rollup_day_users")));
    state = LoggedRollups::state(*m_db);
    QVERIFY(state && !state->usersIndex && state->builtAt.isValid());
    rollupsOnly = false;
    QVERIFY(CaptureInstaller(*m_db).install(&rollupsOnly));
    QVERIFY(rollupsOnly);
    state = LoggedRollups::state(*m_db);
    QVERIFY(state && state->usersIndex && state->gains);
    // Rollups from before the gains: installing again adds them, built, and sealing folds into
    // them from then on.
    QVERIFY(m_db->execute(QStringLiteral("DROP TABLE xpadmin.xp_rollup_gain")));
    state = LoggedRollups::state(*m_db);
    QVERIFY(state && !state->gains && state->builtAt.isValid());
    auto incomplete = CaptureInstaller(*m_db).status(); // capture status asks for an install
    QVERIFY(incomplete && incomplete->rollupsBuilt.isValid() && !incomplete->rollupsComplete);
    QVERIFY(LoggedRollups::catchUp(*m_db, 1)); // folds without it
    rollupsOnly = false;
    QVERIFY(CaptureInstaller(*m_db).install(&rollupsOnly));
    QVERIFY(rollupsOnly);
    state = LoggedRollups::state(*m_db);
    QVERIFY(state && state->gains);
    QVERIFY(CaptureInstaller(*m_db).status()->rollupsComplete);
    RollupChecks::compareGains(*m_db, QStringLiteral("gains added"));
    QVERIFY(!CaptureInstaller(*m_db).install());
    QVERIFY(dumpAppSchema().contains(QStringLiteral("xpadmin_capture")));
    // The charts' rollups came with it, built, and nothing of the log after them yet.
    auto installed = CaptureInstaller(*m_db).status();
    QVERIFY(installed && installed->rollupsBuilt.isValid());
    QCOMPARE(installed->rollupsBehind, qint64(0));
    QString errors;
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 5), &errors),
             qPrintable(errors));
    const qint64 mark = lastSeq();
    const Status removed = CaptureInstaller(*m_db).remove();
    QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
    const QList<AuditEvent> events = eventsAfter(mark);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).action, QStringLiteral("db-insert")); // sealed before it went
    QCOMPARE(events.at(1).action, QStringLiteral("capture-remove"));
    QCOMPARE(dumpAppSchema(), before);
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid "
                                                "= c.relnamespace WHERE c.relname LIKE 'captured_change%'"))
                 .toLongLong(),
             qint64(0));
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid "
                                                "= c.relnamespace WHERE n.nspname = 'xpadmin' AND c.relname LIKE "
                                                "'xp\\_rollup\\_%'"))
                 .toLongLong(),
             qint64(0));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM pg_proc WHERE proname = 'capture_change'"))
                 .toLongLong(),
             qint64(0));
    QCOMPARE(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgname = 'xpadmin_capture'"))
            .toLongLong(),
        qint64(0));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT has_schema_privilege('public', 'xpadmin', 'USAGE')"))
                 .toBool(),
             false);
    QVERIFY(!CaptureInstaller(*m_db).status()->installed);
    QVERIFY(!CaptureInstaller(*m_db).status()->rollupsBuilt.isValid());
    // With capture gone, the web app's writes go unrecorded and XP Admin's go on as before.
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w2"), QStringLiteral("u1"), 5), &errors),
             qPrintable(errors));
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("u1"), 1, QStringLiteral("a1")).isEmpty());
    auto report = Verifier(*m_db).verify();
    QVERIFY(report && !report->brokenSeq);
    QCOMPARE(report->rows.unprovable.count, qint64(1)); // w2, which nothing recorded
}

// What `capture install --print-sql` prints, run by a database administrator in psql: capture
// records, and the charts read rollups built from the rows that were there.
void TestCapture::printedStatementsInstallCaptureAndBuildTheRollups()
{
    QString errors;
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w1"), QStringLiteral("u1"), 7), &errors),
             qPrintable(errors));
    const QString printed = CaptureInstaller::installStatements(m_db->dialect().tables()).join(QStringLiteral(";\n"))
        + QStringLiteral(";\nBEGIN;\n") + LoggedRollups::buildStatements(m_db->dialect()).join(QStringLiteral(";\n"))
        + QStringLiteral(";\nCOMMIT;\n");
    QVERIFY2(psql(m_spec->user, QStringLiteral("dba"), QStringLiteral("\\set ON_ERROR_STOP on\n") + printed, &errors),
             qPrintable(errors));
    auto kept = LoggedRollups::isKept(*m_db);
    QVERIFY(kept && *kept);
    QVERIFY2(psql(AppRole, QStringLiteral("webapp"), insertRow(QStringLiteral("w2"), QStringLiteral("u2"), 5), &errors),
             qPrintable(errors));
    auto charts = ChartQuery(*m_db).load(ChartRequest{});
    QVERIFY2(charts, qPrintable(charts ? QString() : charts.error().message));
    QCOMPARE(charts->byCategory.totalXp(),
             TestBackend::scalar(*m_db, QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")).toLongLong());
    QCOMPARE(charts->byCategory.totalTransactions(), qint64(2));
}

QTEST_GUILESS_MAIN(TestCapture)
#include "TestCapture.moc"
