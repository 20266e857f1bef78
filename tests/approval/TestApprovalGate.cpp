#include "tests/approval/ApprovalFixture.h"

#include "core/approval/ApprovalQueue.h"
#include "core/db/Schema.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// Maker-checker on a real database, the maker's side: adjustments above the threshold, typed or
// imported, wait for a second person; those below it, or with approval off, apply at once.
class TestApprovalGate final : public QObject, private ApprovalFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void belowThresholdAppliesDirectly();
    void aboveThresholdIsHeld_data();
    void aboveThresholdIsHeld();
    void manualAwardAboveThresholdIsHeld();
    void thresholdIsASettingOfTheDatabase();
    void databaseOfVersion3GetsTheQueue();
    void bulkAdjustmentsAboveThresholdAreHeld();
    void bulkHeldRowIsCheckedLikeAnyOther();

private:
    static QString writeFile(const QTemporaryDir &dir, const QByteArray &bytes);
};

QString TestApprovalGate::writeFile(const QTemporaryDir &dir, const QByteArray &bytes)
{
    const QString path = dir.filePath(QStringLiteral("bulk-%1.csv").arg(qHash(bytes)));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestApprovalGate::belowThresholdAppliesDirectly()
{
    auto change
        = Ledger(*m_db).adjust(QStringLiteral("u1"), ApprovalGate::DefaultThreshold, QStringLiteral("at the limit"));
    QVERIFY2(change, change ? "" : qPrintable(change.error().message));
    QVERIFY(change->pendingId.isEmpty());
    QCOMPARE(change->rows.size(), 1);
    QCOMPARE(rowsOf(QStringLiteral("u1")), 1);
    QCOMPARE(totalOf(QStringLiteral("u1")), ApprovalGate::DefaultThreshold);
    QCOMPARE(auditCount(QStringLiteral("adjust")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust-request")), 0);
    QCOMPARE(ApprovalQueue(*m_db).list()->size(), 0);
}

void TestApprovalGate::aboveThresholdIsHeld_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::newRow("award") << ApprovalGate::DefaultThreshold + 1;
    QTest::newRow("deduction") << -(ApprovalGate::DefaultThreshold + 1);
}

void TestApprovalGate::aboveThresholdIsHeld()
{
    QFETCH(qint64, amount);
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u1"), 40, QStringLiteral("small, applied")));
    auto change = Ledger(*m_db).adjust(QStringLiteral("u1"), amount, QStringLiteral("Ticket 77"));
    QVERIFY2(change, change ? "" : qPrintable(change.error().message));
    QVERIFY(!change->pendingId.isEmpty());
    QVERIFY(change->rows.isEmpty());
    QVERIFY(change->totals.isEmpty());
    // Nothing applied: the one small row, the total unchanged.
    QCOMPARE(rowsOf(QStringLiteral("u1")), 1);
    QCOMPARE(totalOf(QStringLiteral("u1")), 40);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);

    auto pending = ApprovalQueue(*m_db).list();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 1);
    const PendingAdjustment &request = pending->constFirst();
    QCOMPARE(request.id, change->pendingId);
    QCOMPARE(request.userId, QStringLiteral("u1"));
    QCOMPARE(request.amount, amount);
    QCOMPARE(request.reason, QStringLiteral("Ticket 77"));
    QCOMPARE(request.sourceType, SourceType::ManualAdjustment);
    QCOMPARE(request.category, Category::Manual);
    QCOMPARE(request.requestedBy, m_db->actor());
    QCOMPARE(request.requestedOperator, QStringLiteral("tester"));
    QCOMPARE(request.state, PendingAdjustment::State::Pending);
    QVERIFY(request.requestedAt.isValid());

    QCOMPARE(auditCount(QStringLiteral("adjust-request")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust")), 1); // the small one only
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE action = 'adjust-request' AND operation_id = :id "
                                   "AND user_id = 'u1' AND amount = :amount AND xp_id IS NULL")
                        .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                    {{QStringLiteral(":id"), request.id}, {QStringLiteral(":amount"), amount}}),
             1);
}

void TestApprovalGate::manualAwardAboveThresholdIsHeld()
{
    // An award given the source type MANUAL_ADJUSTMENT is an adjustment: it cannot go around the
    // threshold. Other source types are not adjustments and apply at once.
    AwardRequest manual;
    manual.userId = QStringLiteral("u1");
    manual.amount = ApprovalGate::DefaultThreshold + 500;
    manual.sourceType = SourceType::ManualAdjustment;
    manual.sourceId = QStringLiteral("ticket-78");
    manual.description = QStringLiteral("Ticket 78: by hand");
    manual.category = Category::Manual;
    auto held = Ledger(*m_db).award(manual);
    QVERIFY2(held, held ? "" : qPrintable(held.error().message));
    QVERIFY(!held->pendingId.isEmpty());
    QCOMPARE(rowsOf(QStringLiteral("u1")), 0);
    QCOMPARE(totalOf(QStringLiteral("u1")), 0);
    QCOMPARE(auditCount(QStringLiteral("adjust-request")), 1);

    AwardRequest earned = manual;
    earned.sourceType = SourceType::SpecialAchievement;
    earned.sourceId = QStringLiteral("contest-9");
    earned.category = Category::Achievement;
    auto applied = Ledger(*m_db).award(earned);
    QVERIFY2(applied, applied ? "" : qPrintable(applied.error().message));
    QVERIFY(applied->pendingId.isEmpty());
    QCOMPARE(totalOf(QStringLiteral("u1")), earned.amount);

    // Approved by another person, the held one is applied once, as requested.
    auto checker = openChecker();
    QVERIFY(checker);
    auto approval = ApprovalQueue(*checker).approve(held->pendingId, QString());
    QVERIFY2(approval, approval ? "" : qPrintable(approval.error().message));
    QCOMPARE(rowsOf(QStringLiteral("u1")), 2);
    QCOMPARE(totalOf(QStringLiteral("u1")), earned.amount + manual.amount);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = 'ticket-78'")), 1);
}

void TestApprovalGate::thresholdIsASettingOfTheDatabase()
{
    ApprovalGate gate(*m_db);
    QCOMPARE(*gate.threshold(), std::optional<qint64>(ApprovalGate::DefaultThreshold));
    QVERIFY(gate.setThreshold(5000));
    // Another desk sees it.
    auto checker = openChecker();
    QVERIFY(checker);
    QCOMPARE(*ApprovalGate(*checker).threshold(), std::optional<qint64>(5000));
    auto applied = Ledger(*m_db).adjust(QStringLiteral("u1"), 4000, QStringLiteral("under 5000"));
    QVERIFY(applied && applied->pendingId.isEmpty());
    auto held = Ledger(*m_db).adjust(QStringLiteral("u1"), 5001, QStringLiteral("over 5000"));
    QVERIFY(held && !held->pendingId.isEmpty());

    QVERIFY(gate.setThreshold(std::nullopt));
    QCOMPARE(*gate.threshold(), std::optional<qint64>());
    auto off = Ledger(*m_db).adjust(QStringLiteral("u1"), 1000000, QStringLiteral("approval off"));
    QVERIFY(off && off->pendingId.isEmpty());
    QCOMPARE(totalOf(QStringLiteral("u1")), 1004000);
    QCOMPARE(auditCount(QStringLiteral("approval-threshold")), 2);
    QVERIFY(gate.setThreshold(std::nullopt)); // unchanged: not audited again
    QCOMPARE(auditCount(QStringLiteral("approval-threshold")), 2);

    QVERIFY(!gate.setThreshold(-1));
    QVERIFY(!ApprovalGate::parseThreshold(QStringLiteral("ten")));
    QVERIFY(!ApprovalGate::parseThreshold(QStringLiteral("-5")));
    QCOMPARE(*ApprovalGate::parseThreshold(QStringLiteral("OFF")), std::optional<qint64>());
    QCOMPARE(*ApprovalGate::parseThreshold(QStringLiteral(" 250 ")), std::optional<qint64>(250));
}

void TestApprovalGate::databaseOfVersion3GetsTheQueue()
{
    // As XP Admin before maker-checker left it: no queue table, schema version 3.
    const Dialect &d = m_db->dialect();
    QVERIFY(m_db->execute(QStringLiteral("DROP TABLE %1").arg(d.ownTable(QStringLiteral("pending_adjustment")))));
    QVERIFY(m_db->run(QStringLiteral("UPDATE %1 SET value = '3' WHERE key = 'schema_version'")
                          .arg(d.ownTable(QStringLiteral("meta")))));
    QVERIFY(!ApprovalQueue(*m_db).list());
    auto state = Schema::ensure(*m_db);
    QVERIFY2(state, state ? "" : qPrintable(state.error().message));
    QCOMPARE(state->version, Schema::CurrentVersion);
    const QString id = hold(5000);
    QVERIFY(!id.isEmpty());
    QCOMPARE(ApprovalQueue(*m_db).list()->size(), 1);
}

void TestApprovalGate::bulkAdjustmentsAboveThresholdAreHeld()
{
    // A file cannot go around the threshold: its large rows wait for a second person, in the same
    // all-or-nothing batch as the rows that apply at once.
    QTemporaryDir dir;
    const QString path = writeFile(dir,
                                   "userId,amount,reason\n"
                                   "u1,200,small bonus\n"
                                   "u2,5000,contest winner\n"
                                   "u1,-3000,bug correction\n"
                                   "u2,100,small\n");
    QVERIFY(!path.isEmpty());
    const QString pendingTable = m_db->dialect().ownTable(QStringLiteral("pending_adjustment"));
    const auto pendingCount = [&] { return scalar(QStringLiteral("SELECT count(*) FROM %1").arg(pendingTable)); };

    auto dry = BatchImporter(*m_db).importFile(ImportKind::Adjust, path, true);
    QVERIFY2(dry, dry ? "" : qPrintable(dry.error().message));
    QCOMPARE(dry->problemCount, 0);
    QCOMPARE(dry->threshold, std::optional<qint64>(ApprovalGate::DefaultThreshold));
    QCOMPARE(dry->held, 2);
    QCOMPARE(dry->transactions, 2);
    QCOMPARE(dry->totalAfter, 300);
    QCOMPARE(dry->holds.size(), 2);
    QCOMPARE(dry->holds.at(0).line, 3);
    QCOMPARE(dry->holds.at(1).amount, -3000);
    QCOMPARE(pendingCount(), 0);
    QCOMPARE(rowsOf(QStringLiteral("u1")), 0);

    auto run = BatchImporter(*m_db).importFile(ImportKind::Adjust, path, false);
    QVERIFY2(run, run ? "" : qPrintable(run.error().message));
    QVERIFY(run->applied);
    QCOMPARE(run->held, 2);
    QCOMPARE(totalOf(QStringLiteral("u1")), 200);
    QCOMPARE(totalOf(QStringLiteral("u2")), 100);
    QCOMPARE(rowsOf(QStringLiteral("u1")) + rowsOf(QStringLiteral("u2")), 2);
    QCOMPARE(pendingCount(), 2);
    QCOMPARE(auditCount(QStringLiteral("adjust")), 2);
    QCOMPARE(auditCount(QStringLiteral("adjust-request")), 2);
    const QString requestId = run->holds.at(0).requestId;
    auto request = ApprovalQueue(*m_db).find(requestId);
    QVERIFY(request && request->has_value());
    QCOMPARE((*request)->userId, QStringLiteral("u2"));
    QCOMPARE((*request)->amount, 5000);
    QCOMPARE((*request)->sourceId, run->batchId);
    QCOMPARE((*request)->description, QStringLiteral("contest winner"));
    QCOMPARE((*request)->reason, QStringLiteral("contest winner (import %1, line 3)").arg(run->batchId));
    QCOMPARE(stateOf(requestId), QStringLiteral("pending"));

    // The same file again changes nothing: no second set of requests.
    auto again = BatchImporter(*m_db).importFile(ImportKind::Adjust, path, false);
    QVERIFY(again);
    QVERIFY(!again->alreadyImported.isEmpty());
    QCOMPARE(pendingCount(), 2);

    // The importer may not approve them; another person does, and the XP arrives once.
    QVERIFY(!ApprovalQueue(*m_db).approve(requestId));
    auto checker = openChecker();
    QVERIFY(checker);
    auto approval = ApprovalQueue(*checker).approve(requestId, QStringLiteral("checked the contest results"));
    QVERIFY2(approval, approval ? "" : qPrintable(approval.error().message));
    QCOMPARE(totalOf(QStringLiteral("u2")), 5100);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY(!report->brokenSeq.has_value());
    QVERIFY(report->drift.isEmpty());
}

void TestApprovalGate::bulkHeldRowIsCheckedLikeAnyOther()
{
    // A held row of an unknown user is a problem like any other: nothing at all is stored.
    QTemporaryDir dir;
    const QString path = writeFile(dir,
                                   "userId,amount,reason\n"
                                   "u1,10,fine\n"
                                   "ghost,9000,no such user\n");
    QVERIFY(!path.isEmpty());
    auto run = BatchImporter(*m_db).importFile(ImportKind::Adjust, path, false);
    QVERIFY2(run, run ? "" : qPrintable(run.error().message));
    QVERIFY(!run->applied);
    QCOMPARE(run->problemCount, 1);
    QVERIFY2(run->problems.at(0).message.contains(QLatin1String("line 3: unknown user")),
             qPrintable(run->problems.at(0).message));
    QCOMPARE(rowsOf(QStringLiteral("u1")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1")
                        .arg(m_db->dialect().ownTable(QStringLiteral("pending_adjustment")))),
             0);

    // With approval off, the same amounts apply at once.
    QVERIFY(ApprovalGate(*m_db).setThreshold(std::nullopt));
    const QString fine = writeFile(dir, "userId,amount,reason\nu1,9000,contest\n");
    QVERIFY(!fine.isEmpty());
    auto applied = BatchImporter(*m_db).importFile(ImportKind::Adjust, fine, false);
    QVERIFY2(applied, applied ? "" : qPrintable(applied.error().message));
    QCOMPARE(applied->held, 0);
    QCOMPARE(totalOf(QStringLiteral("u1")), 9000);
}

QTEST_GUILESS_MAIN(TestApprovalGate)
#include "TestApprovalGate.moc"
