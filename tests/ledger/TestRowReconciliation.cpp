#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/import/BatchImporter.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

// The rows held against the audit log, as a forger would attack them: rows and totals edited
// together by plain SQL, so that every total still equals its sum and only the log can tell.
class TestRowReconciliation final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cleanLedgerAfterEveryOperationHasNoDifference();
    void amountEditedWithTotalIsNamed();
    void descriptionEditedIsNamed();
    void rowMovedToAnotherUserIsNamed();
    void createdAtEditedIsNamed();
    void deletedRowWithTotalLoweredIsNamed();
    void restoredRowDeletedIsNamed();
    void rolledBackRowReinsertedIsNamed();
    void forgedRowIsNotProvable();
    void webAppRowsAreCountedWithTheirDates();
    void unprovableRangeLeavesLoggedRowsOut();
    void demoDataIsNotProvable();
    void rowInAnotherSnapshotShapeIsRead_data();
    void rowInAnotherSnapshotShapeIsRead();
    void brokenChainLeavesRowsUnreconciled();

private:
    VerifyReport verify();
    void exec(const QString &sql, const Bindings &bindings = {});
    qint64 seqOf(const QString &action, const QString &xpId);
    void setTotalsFromSums();
    void insertRow(const QString &id, const QString &userId, int amount, const QString &createdAt);
    static const RowFinding &only(const VerifyReport &report);

    std::unique_ptr<Database> m_db;
    QStringList m_ids; // six awards: u1 10, u2 20, u1 30, u2 40, u1 50, u2 60
};

void TestRowReconciliation::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), {}));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("u2@example.com"), {}));
    m_ids.clear();
    for (int i = 1; i <= 6; ++i) {
        auto change = Ledger(*m_db).award({i % 2 ? QStringLiteral("u1") : QStringLiteral("u2"), i * 10,
                                           SourceType::UserProblemAttempt, QStringLiteral("attempt-%1").arg(i),
                                           QStringLiteral("answer %1").arg(i), Category::CorrectAnswer});
        QVERIFY(change);
        m_ids << change->rows.first().id;
    }
}

void TestRowReconciliation::cleanup()
{
    m_db.reset();
}

VerifyReport TestRowReconciliation::verify()
{
    auto report = Verifier(*m_db).verify();
    if (!report)
        qWarning("verify failed: %s", qPrintable(report.error().message));
    return report ? *report : VerifyReport{};
}

void TestRowReconciliation::exec(const QString &sql, const Bindings &bindings)
{
    auto rows = m_db->run(sql, bindings);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

qint64 TestRowReconciliation::seqOf(const QString &action, const QString &xpId)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT max(seq) FROM %1 WHERE action = :action AND xp_id = :xp")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                               {{QStringLiteral(":action"), action}, {QStringLiteral(":xp"), xpId}})
        .toLongLong();
}

// What a careful forger does after touching a row: the totals follow, so no drift shows.
void TestRowReconciliation::setTotalsFromSums()
{
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = (SELECT COALESCE(SUM(x.\"amount\"), 0) FROM "
                        "\"UserXP\" x WHERE x.\"userId\" = \"UserProfile\".\"userId\")"));
}

void TestRowReconciliation::insertRow(const QString &id, const QString &userId, int amount, const QString &createdAt)
{
    const Dialect &d = m_db->dialect();
    exec(QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                        "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES (:id, :user, :amount, "
                        "%1, 'web-1', 'from the web app', %2, %3, %3)")
             .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":category")),
                  d.timestampParam(QStringLiteral(":at"))),
         {{QStringLiteral(":id"), id},
          {QStringLiteral(":user"), userId},
          {QStringLiteral(":amount"), amount},
          {QStringLiteral(":type"), QStringLiteral("USER_PROBLEM_ATTEMPT")},
          {QStringLiteral(":category"), QStringLiteral("CORRECT_ANSWER")},
          {QStringLiteral(":at"), createdAt}});
}

const RowFinding &TestRowReconciliation::only(const VerifyReport &report)
{
    static const RowFinding none;
    return report.rows.findings.size() == 1 ? report.rows.findings.first() : none;
}

void TestRowReconciliation::cleanLedgerAfterEveryOperationHasNoDifference()
{
    Ledger ledger(*m_db);
    QVERIFY(ledger.adjust(QStringLiteral("u1"), -5, QStringLiteral("correction")));
    QVERIFY(ledger.rollback({m_ids.at(0), m_ids.at(1)}, QStringLiteral("duplicates")));
    QVERIFY(ledger.restore({m_ids.at(0)}, QStringLiteral("was right")));
    QVERIFY(ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("attempt-3"), QStringLiteral("gone")));
    QTemporaryDir dir;
    const auto write = [&](const QString &name, const QByteArray &csv) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(csv) == csv.size() ? file.fileName() : QString();
    };
    auto bulk = BatchImporter(*m_db).importFile(
        ImportKind::Adjust, write(QStringLiteral("bulk.csv"), "userId,amount,reason\nu1,7,bonus\nu2,-3,fix\n"), false);
    QVERIFY2(bulk && bulk->applied, bulk ? "not applied" : qPrintable(bulk.error().message));
    auto legacy = BatchImporter(*m_db).importFile(
        ImportKind::Legacy,
        write(QStringLiteral("legacy.csv"), "userId,totalXP,email\nu7,700,u7@example.com\nu8,800,u8@example.com\n"),
        false);
    QVERIFY2(legacy && legacy->applied, legacy ? "not applied" : qPrintable(legacy.error().message));

    const VerifyReport report = verify();
    QVERIFY(report.rowsReconciled);
    QVERIFY2(report.ok(),
             qPrintable(report.rows.findings.isEmpty() ? report.brokenReason : report.rows.findings.first().field));
    const qint64 rows = TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong();
    QCOMPARE(rows, 6 + 1 - 2 + 1 - 1 + 2 + 2);
    QCOMPARE(report.rows.rowsMatched, rows);
    QCOMPARE(report.rows.rowsLogged, rows + 2); // and the two removed for good
    QCOMPARE(report.rows.unprovable.count, 0);
}

void TestRowReconciliation::amountEditedWithTotalIsNamed()
{
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = 500 WHERE \"id\" = :id"),
         {{QStringLiteral(":id"), m_ids.at(2)}});
    setTotalsFromSums();
    const VerifyReport report = verify();
    QVERIFY(report.rowsReconciled);
    QVERIFY(report.drift.isEmpty()); // the totals alone cannot tell
    QVERIFY(!report.ok());
    const RowFinding &finding = only(report);
    QCOMPARE(finding.kind, RowFinding::Kind::Changed);
    QCOMPARE(finding.xpId, m_ids.at(2));
    QCOMPARE(finding.field, QStringLiteral("amount"));
    QCOMPARE(finding.logValue, QStringLiteral("30"));
    QCOMPARE(finding.tableValue, QStringLiteral("500"));
    QCOMPARE(finding.seq, seqOf(QStringLiteral("award"), m_ids.at(2)));
    QCOMPARE(finding.action, QStringLiteral("award"));
    QCOMPARE(report.rows.rowsMatched, 5);
}

void TestRowReconciliation::descriptionEditedIsNamed()
{
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"description\" = 'answer 4 (bonus)' WHERE \"id\" = :id"),
         {{QStringLiteral(":id"), m_ids.at(3)}});
    const VerifyReport report = verify();
    QVERIFY(!report.ok());
    const RowFinding &finding = only(report);
    QCOMPARE(finding.field, QStringLiteral("description"));
    QCOMPARE(finding.logValue, QStringLiteral("answer 4"));
    QCOMPARE(finding.tableValue, QStringLiteral("answer 4 (bonus)"));
}

void TestRowReconciliation::rowMovedToAnotherUserIsNamed()
{
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"userId\" = 'u2' WHERE \"id\" = :id"),
         {{QStringLiteral(":id"), m_ids.at(4)}});
    setTotalsFromSums();
    const VerifyReport report = verify();
    QVERIFY(report.drift.isEmpty());
    const RowFinding &finding = only(report);
    QCOMPARE(finding.field, QStringLiteral("userId"));
    QCOMPARE(finding.logValue, QStringLiteral("u1"));
    QCOMPARE(finding.tableValue, QStringLiteral("u2"));
}

void TestRowReconciliation::createdAtEditedIsNamed()
{
    const Dialect &d = m_db->dialect();
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"createdAt\" = %1 WHERE \"id\" = :id")
             .arg(d.timestampParam(QStringLiteral(":at"))),
         {{QStringLiteral(":at"), QStringLiteral("2020-01-02 03:04:05.678")}, {QStringLiteral(":id"), m_ids.at(0)}});
    const VerifyReport report = verify();
    const RowFinding &finding = only(report);
    QCOMPARE(finding.field, QStringLiteral("createdAt"));
    QCOMPARE(finding.tableValue, QStringLiteral("2020-01-02T03:04:05.678Z"));
    QVERIFY(Timestamp::fromIso(finding.logValue).isValid());
}

void TestRowReconciliation::deletedRowWithTotalLoweredIsNamed()
{
    exec(QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), {{QStringLiteral(":id"), m_ids.at(5)}});
    setTotalsFromSums();
    const VerifyReport report = verify();
    QVERIFY(report.drift.isEmpty());
    QVERIFY(!report.ok());
    const RowFinding &finding = only(report);
    QCOMPARE(finding.kind, RowFinding::Kind::Missing);
    QCOMPARE(finding.xpId, m_ids.at(5));
    QCOMPARE(finding.seq, seqOf(QStringLiteral("award"), m_ids.at(5)));
    QCOMPARE(finding.userId, QStringLiteral("u2"));
    QCOMPARE(finding.amount, 60);
}

void TestRowReconciliation::restoredRowDeletedIsNamed()
{
    QVERIFY(Ledger(*m_db).rollback({m_ids.at(1)}, QStringLiteral("mistake")));
    QVERIFY(Ledger(*m_db).restore({m_ids.at(1)}, QStringLiteral("was right")));
    QVERIFY(verify().ok());
    exec(QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), {{QStringLiteral(":id"), m_ids.at(1)}});
    setTotalsFromSums();
    const RowFinding finding = only(verify());
    QCOMPARE(finding.kind, RowFinding::Kind::Missing);
    QCOMPARE(finding.action, QStringLiteral("restore"));
    QCOMPARE(finding.seq, seqOf(QStringLiteral("restore"), m_ids.at(1)));
}

void TestRowReconciliation::rolledBackRowReinsertedIsNamed()
{
    QVERIFY(Ledger(*m_db).rollback({m_ids.at(0)}, QStringLiteral("mistake")));
    QVERIFY(verify().ok());
    // Put back by hand, exactly as it was, behind the log's back.
    insertRow(m_ids.at(0), QStringLiteral("u1"), 10, QStringLiteral("2026-01-01 00:00:00.000"));
    setTotalsFromSums();
    const VerifyReport report = verify();
    QVERIFY(report.drift.isEmpty());
    const RowFinding &finding = only(report);
    QCOMPARE(finding.kind, RowFinding::Kind::Reappeared);
    QCOMPARE(finding.action, QStringLiteral("rollback"));
    QCOMPARE(finding.seq, seqOf(QStringLiteral("rollback"), m_ids.at(0)));
    QCOMPARE(finding.userId, QStringLiteral("u1"));
    QCOMPARE(finding.amount, 10);
    QCOMPARE(report.rows.unprovable.count, 0); // it is proven wrong, not unknown
}

void TestRowReconciliation::forgedRowIsNotProvable()
{
    // A new id the log never saw: nothing can prove it wrong, so it is counted, never passed.
    insertRow(QStringLiteral("forged-1"), QStringLiteral("u1"), 1000, QStringLiteral("2026-03-04 05:06:07.089"));
    setTotalsFromSums();
    const VerifyReport report = verify();
    QVERIFY(report.drift.isEmpty());
    QVERIFY(report.rows.findings.isEmpty());
    QVERIFY(report.ok());
    QCOMPARE(report.rows.unprovable.count, 1);
    QCOMPARE(Timestamp::toIso(report.rows.unprovable.firstCreatedAt), QStringLiteral("2026-03-04T05:06:07.089Z"));
    QCOMPARE(report.rows.unprovable.lastCreatedAt, report.rows.unprovable.firstCreatedAt);
}

void TestRowReconciliation::webAppRowsAreCountedWithTheirDates()
{
    insertRow(QStringLiteral("web-b"), QStringLiteral("u2"), 5, QStringLiteral("2025-06-30 12:00:00.500"));
    insertRow(QStringLiteral("web-a"), QStringLiteral("u1"), 3, QStringLiteral("2024-02-29 23:59:59.999"));
    insertRow(QStringLiteral("web-c"), QStringLiteral("u1"), 4, QStringLiteral("2025-01-01 00:00:00.000"));
    setTotalsFromSums();
    const VerifyReport report = verify();
    QVERIFY(report.ok());
    QCOMPARE(report.rows.rowsMatched, 6);
    QCOMPARE(report.rows.unprovable.count, 3);
    QCOMPARE(Timestamp::toIso(report.rows.unprovable.firstCreatedAt), QStringLiteral("2024-02-29T23:59:59.999Z"));
    QCOMPARE(Timestamp::toIso(report.rows.unprovable.lastCreatedAt), QStringLiteral("2025-06-30T12:00:00.500Z"));
}

void TestRowReconciliation::unprovableRangeLeavesLoggedRowsOut()
{
    // The audited rows themselves are older and newer than the web app's: the range is of the
    // unprovable rows only.
    insertRow(QStringLiteral("web-1"), QStringLiteral("u1"), 3, QStringLiteral("2024-05-05 05:05:05.005"));
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"createdAt\" = %1 WHERE \"id\" = :id")
             .arg(m_db->dialect().timestampParam(QStringLiteral(":at"))),
         {{QStringLiteral(":at"), QStringLiteral("2023-01-01 00:00:00.000")}, {QStringLiteral(":id"), m_ids.at(0)}});
    const VerifyReport report = verify();
    QCOMPARE(report.rows.unprovable.count, 1);
    QCOMPARE(Timestamp::toIso(report.rows.unprovable.firstCreatedAt), QStringLiteral("2024-05-05T05:05:05.005Z"));
    QCOMPARE(only(report).field, QStringLiteral("createdAt"));
}

void TestRowReconciliation::demoDataIsNotProvable()
{
    // Demo data is audited as one summary event: none of its rows can be proven.
    DemoOptions options;
    options.users = 20;
    options.transactions = 2000;
    QVERIFY(DemoGenerator(*m_db).generate(options));
    const VerifyReport report = verify();
    QVERIFY(report.ok());
    QCOMPARE(report.rows.rowsMatched, 6);
    QCOMPARE(report.rows.unprovable.count, 2000);
    const QString unlogged
        = QStringLiteral("FROM \"UserXP\" WHERE \"id\" NOT IN ('%1')").arg(m_ids.join(QStringLiteral("', '")));
    const Dialect &d = m_db->dialect();
    QCOMPARE(report.rows.unprovable.firstCreatedAt,
             d.readTimestamp(TestBackend::scalar(*m_db, QStringLiteral("SELECT min(\"createdAt\") ") + unlogged)));
    QCOMPARE(report.rows.unprovable.lastCreatedAt,
             d.readTimestamp(TestBackend::scalar(*m_db, QStringLiteral("SELECT max(\"createdAt\") ") + unlogged)));
}

void TestRowReconciliation::rowInAnotherSnapshotShapeIsRead_data()
{
    // %1 is the row's JSON object.
    QTest::addColumn<QString>("shape");
    QTest::newRow("with the user's totals beside the fields")
        << QStringLiteral("%1,\"totalXP_before\":\"90\",\"totalXP_after\":\"115\"}");
    QTest::newRow("nested under row") << QStringLiteral("{\"row\":%1},\"total\":{\"before\":90,\"after\":115}}");
}

void TestRowReconciliation::rowInAnotherSnapshotShapeIsRead()
{
    QFETCH(QString, shape);
    insertRow(QStringLiteral("shaped-1"), QStringLiteral("u1"), 25, QStringLiteral("2026-02-02 02:02:02.002"));
    setTotalsFromSums();
    XpTransaction row;
    row.id = QStringLiteral("shaped-1");
    row.userId = QStringLiteral("u1");
    row.amount = 25;
    row.sourceId = QStringLiteral("web-1");
    row.description = QStringLiteral("from the web app");
    row.createdAt = Timestamp::fromIso(QStringLiteral("2026-02-02T02:02:02.002Z"));
    row.updatedAt = row.createdAt;
    const QString snapshot = shape.arg(row.toJsonText().text().chopped(1));
    QVERIFY(QJsonDocument::fromJson(snapshot.toUtf8()).isObject());
    QVERIFY(m_db->writeTransaction([&] {
        return AuditLog(*m_db).append(
            {AuditEvent::forRow(QStringLiteral("award"), QStringLiteral("op"), row, row.description, snapshot)});
    }));
    VerifyReport report = verify();
    QVERIFY(report.ok());
    QCOMPARE(report.rows.rowsMatched, 7);
    QCOMPARE(report.rows.unprovable.count, 0);
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = 26 WHERE \"id\" = 'shaped-1'"));
    report = verify();
    QCOMPARE(only(report).field, QStringLiteral("amount"));
    QCOMPARE(only(report).logValue, QStringLiteral("25"));
}

void TestRowReconciliation::brokenChainLeavesRowsUnreconciled()
{
    exec(QStringLiteral("UPDATE %1 SET snapshot = 'not json' WHERE seq = 4")
             .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    const VerifyReport report = verify();
    QCOMPARE(report.brokenSeq.value_or(-1), 4);
    QVERIFY(!report.rowsReconciled);
    QVERIFY(report.rows.findings.isEmpty());
}

QTEST_GUILESS_MAIN(TestRowReconciliation)
#include "TestRowReconciliation.moc"
