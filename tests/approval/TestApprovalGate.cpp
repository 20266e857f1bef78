#include "tests/approval/SecondPerson.h"
#include "tests/support/TestBackend.h"

#include "core/approval/ApprovalQueue.h"
#include "core/db/Schema.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

// Maker-checker on a real database: adjustments above the threshold wait for a second person,
// who approves (applied exactly once) or rejects (nothing applied); nobody approves their own.
class TestApprovalGate final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void belowThresholdAppliesDirectly();
    void aboveThresholdIsHeld_data();
    void aboveThresholdIsHeld();
    void manualAwardAboveThresholdIsHeld();
    void approvalByAnotherPersonAppliesOnce();
    void selfApprovalIsRefused();
    void sameLoginUnderAnotherName();
    void rejectRecordsAndChangesNothing();
    void requesterMayWithdraw();
    void decidedRequestCannotBeDecidedAgain();
    void concurrentApprovalsOneWins();
    void thresholdIsASettingOfTheDatabase();
    void approvalThatCannotApplyLeavesTheRequestPending();
    void databaseOfVersion3GetsTheQueue();
    void bulkAdjustmentsAboveThresholdAreHeld();
    void bulkHeldRowIsCheckedLikeAnyOther();

private:
    qint64 scalar(const QString &sql, const Bindings &bindings = {});
    qint64 rowsOf(const QString &userId);
    qint64 totalOf(const QString &userId);
    qint64 auditCount(const QString &action);
    QString stateOf(const QString &id);
    // Holds an adjustment of amount for u1, as the owner ("tester"); returns the request id.
    QString hold(qint64 amount, const QString &reason = QStringLiteral("Ticket 77: bonus"));
    std::unique_ptr<Database> openChecker(const QString &operatorName = SecondPerson::operatorName());
    static QString writeFile(const QTemporaryDir &dir, const QByteArray &bytes);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SecondPerson> m_checker;
};

void TestApprovalGate::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    for (const QString &id : {QStringLiteral("u1"), QStringLiteral("u2")})
        QVERIFY(Users(*m_db).add(id, id + QStringLiteral("@example.com"), {}));
    m_checker = std::make_unique<SecondPerson>();
    QString why;
    QVERIFY2(m_checker->setUp(spec, *m_db, &why), qPrintable(why));
}

void TestApprovalGate::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_checker.reset();
    m_spec.reset();
}

qint64 TestApprovalGate::scalar(const QString &sql, const Bindings &bindings)
{
    return TestBackend::scalar(*m_db, sql, bindings).toLongLong();
}

qint64 TestApprovalGate::rowsOf(const QString &userId)
{
    return scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :u"),
                  {{QStringLiteral(":u"), userId}});
}

qint64 TestApprovalGate::totalOf(const QString &userId)
{
    return scalar(QStringLiteral("SELECT COALESCE(MAX(\"totalXP\"), 0) FROM \"UserProfile\" WHERE \"userId\" = :u"),
                  {{QStringLiteral(":u"), userId}});
}

qint64 TestApprovalGate::auditCount(const QString &action)
{
    return scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE action = :a")
                      .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                  {{QStringLiteral(":a"), action}});
}

QString TestApprovalGate::stateOf(const QString &id)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT state FROM %1 WHERE id = :id")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("pending_adjustment"))),
                               {{QStringLiteral(":id"), id}})
        .toString();
}

QString TestApprovalGate::hold(qint64 amount, const QString &reason)
{
    auto change = Ledger(*m_db).adjust(QStringLiteral("u1"), amount, reason);
    if (!change) {
        qWarning("%s", qPrintable(change.error().message));
        return {};
    }
    return change->pendingId;
}

std::unique_ptr<Database> TestApprovalGate::openChecker(const QString &operatorName)
{
    auto db = Database::open(m_checker->spec(), operatorName);
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return nullptr;
    }
    return std::move(*db);
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

void TestApprovalGate::approvalByAnotherPersonAppliesOnce()
{
    const QString id = hold(5000);
    QVERIFY(!id.isEmpty());
    auto checker = openChecker();
    QVERIFY(checker);
    auto approval = ApprovalQueue(*checker).approve(id, QStringLiteral("confirmed with the team lead"));
    QVERIFY2(approval, approval ? "" : qPrintable(approval.error().message));

    QCOMPARE(approval->change.rows.size(), 1);
    const XpTransaction row = approval->change.rows.constFirst();
    QCOMPARE(row.amount, 5000);
    QCOMPARE(row.sourceType, SourceType::ManualAdjustment);
    QCOMPARE(row.category, Category::Manual);
    QCOMPARE(row.description, QStringLiteral("Ticket 77: bonus"));
    QCOMPARE(approval->change.totals.value(QStringLiteral("u1")), 5000);

    // In the database: exactly one row, the total from it, the request approved and linked.
    QCOMPARE(rowsOf(QStringLiteral("u1")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT \"amount\" FROM \"UserXP\" WHERE \"id\" = :id"),
                    {{QStringLiteral(":id"), row.id}}),
             5000);
    QCOMPARE(totalOf(QStringLiteral("u1")), 5000);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    auto stored = ApprovalQueue(*m_db).find(id);
    QVERIFY(stored && stored->has_value());
    QCOMPARE((*stored)->state, PendingAdjustment::State::Approved);
    QCOMPARE((*stored)->xpId, row.id);
    QCOMPARE((*stored)->decidedBy, checker->actor());
    QCOMPARE((*stored)->decidedOperator, SecondPerson::operatorName());
    QCOMPARE((*stored)->decisionReason, QStringLiteral("confirmed with the team lead"));
    QVERIFY((*stored)->decidedAt.isValid());
    QCOMPARE(ApprovalQueue(*m_db).list()->size(), 0);

    // Audited: the request, the transaction and the decision, the last two naming the row.
    QCOMPARE(auditCount(QStringLiteral("adjust-request")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust-approve")), 1);
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE xp_id = :xp AND action IN ('adjust', 'adjust-approve') "
                              "AND operator = :op")
                   .arg(audit),
               {{QStringLiteral(":xp"), row.id}, {QStringLiteral(":op"), SecondPerson::operatorName()}}),
        2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE operation_id = :id AND action IN ('adjust-request', "
                                   "'adjust-approve')")
                        .arg(audit),
                    {{QStringLiteral(":id"), id}}),
             2);
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY(!report->brokenSeq.has_value());
}

void TestApprovalGate::selfApprovalIsRefused()
{
    const QString id = hold(5000);
    QVERIFY(!id.isEmpty());
    const qint64 events = scalar(
        QStringLiteral("SELECT count(*) FROM %1").arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    auto approval = ApprovalQueue(*m_db).approve(id);
    QVERIFY(!approval);
    QCOMPARE(approval.error().kind, Error::Kind::Conflict);
    QVERIFY2(approval.error().message.contains(QLatin1String("yourself")), qPrintable(approval.error().message));
    QVERIFY2(approval.error().message.contains(QLatin1String("Nothing was changed")),
             qPrintable(approval.error().message));
    QCOMPARE(stateOf(id), QStringLiteral("pending"));
    QCOMPARE(rowsOf(QStringLiteral("u1")), 0);
    QCOMPARE(totalOf(QStringLiteral("u1")), 0);
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM %1").arg(m_db->dialect().ownTable(QStringLiteral("audit_event")))),
        events);
}

void TestApprovalGate::sameLoginUnderAnotherName()
{
    // On PostgreSQL the login is the person: another operator name on the requester's login is
    // still the requester. On SQLite (advisory) the operator name tells people at one desk apart.
    const QString id = hold(5000);
    auto sameLogin = Database::open(*m_spec, QStringLiteral("someone-else"));
    QVERIFY(sameLogin);
    auto approval = ApprovalQueue(**sameLogin).approve(id);
    if (TestBackend::isPostgres()) {
        QVERIFY(!approval);
        QVERIFY2(approval.error().message.contains(QLatin1String("yourself")), qPrintable(approval.error().message));
        QCOMPARE(rowsOf(QStringLiteral("u1")), 0);
        QCOMPARE(stateOf(id), QStringLiteral("pending"));
    } else {
        QVERIFY2(approval, approval ? "" : qPrintable(approval.error().message));
        QCOMPARE(rowsOf(QStringLiteral("u1")), 1);
        QCOMPARE(stateOf(id), QStringLiteral("approved"));
    }
}

void TestApprovalGate::rejectRecordsAndChangesNothing()
{
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u1"), 30, QStringLiteral("small")));
    const QString id = hold(-4000, QStringLiteral("chargeback"));
    auto checker = openChecker();
    QVERIFY(checker);
    auto noReason = ApprovalQueue(*checker).reject(id, QStringLiteral("   "));
    QVERIFY(!noReason);
    QCOMPARE(noReason.error().kind, Error::Kind::Input);
    QVERIFY2(noReason.error().message.contains(QLatin1String("reason")), qPrintable(noReason.error().message));
    QCOMPARE(stateOf(id), QStringLiteral("pending"));

    auto rejected = ApprovalQueue(*checker).reject(id, QStringLiteral("not a chargeback, a refund"));
    QVERIFY2(rejected, rejected ? "" : qPrintable(rejected.error().message));
    QCOMPARE(rejected->state, PendingAdjustment::State::Rejected);
    QCOMPARE(stateOf(id), QStringLiteral("rejected"));
    auto stored = ApprovalQueue(*m_db).find(id);
    QCOMPARE((*stored)->decisionReason, QStringLiteral("not a chargeback, a refund"));
    QCOMPARE((*stored)->decidedOperator, SecondPerson::operatorName());
    QVERIFY((*stored)->xpId.isEmpty());
    QCOMPARE(rowsOf(QStringLiteral("u1")), 1);
    QCOMPARE(totalOf(QStringLiteral("u1")), 30);
    QCOMPARE(auditCount(QStringLiteral("adjust-reject")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust")), 1);
    QCOMPARE(ApprovalQueue(*m_db).list()->size(), 0);
    QCOMPARE(ApprovalQueue(*m_db).list(ApprovalQueue::Which::All)->size(), 1);
}

void TestApprovalGate::requesterMayWithdraw()
{
    const QString id = hold(3000);
    auto withdrawn = ApprovalQueue(*m_db).reject(id, QStringLiteral("typo: meant 300"));
    QVERIFY2(withdrawn, withdrawn ? "" : qPrintable(withdrawn.error().message));
    QCOMPARE(stateOf(id), QStringLiteral("rejected"));
    QCOMPARE(rowsOf(QStringLiteral("u1")), 0);
}

void TestApprovalGate::decidedRequestCannotBeDecidedAgain()
{
    const QString id = hold(2500);
    auto checker = openChecker();
    QVERIFY(checker);
    QVERIFY(ApprovalQueue(*checker).approve(id));
    auto again = ApprovalQueue(*checker).approve(id);
    QVERIFY(!again);
    QCOMPARE(again.error().kind, Error::Kind::Conflict);
    QVERIFY2(again.error().message.contains(QLatin1String("already approved")), qPrintable(again.error().message));
    auto reject = ApprovalQueue(*checker).reject(id, QStringLiteral("too late"));
    QVERIFY(!reject);
    QCOMPARE(reject.error().kind, Error::Kind::Conflict);
    QCOMPARE(rowsOf(QStringLiteral("u1")), 1);
    QCOMPARE(totalOf(QStringLiteral("u1")), 2500);
    QCOMPARE(auditCount(QStringLiteral("adjust-approve")), 1);
    QCOMPARE(auditCount(QStringLiteral("adjust-reject")), 0);

    const QString second = hold(2500);
    QVERIFY(ApprovalQueue(*checker).reject(second, QStringLiteral("duplicate")));
    auto late = ApprovalQueue(*checker).approve(second);
    QVERIFY(!late);
    QVERIFY2(late.error().message.contains(QLatin1String("already rejected")), qPrintable(late.error().message));
    QCOMPARE(rowsOf(QStringLiteral("u1")), 1);

    auto unknown = ApprovalQueue(*checker).approve(QStringLiteral("no-such-request"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().kind, Error::Kind::Input);
}

void TestApprovalGate::concurrentApprovalsOneWins()
{
    // Two approvers on their own connections decide the same requests at the same moment.
    constexpr int Requests = 8;
    QStringList ids;
    for (int i = 0; i < Requests; ++i)
        ids << hold(1500 + i);
    QVERIFY(!ids.contains(QString()));
    const ConnectionSpec spec = m_checker->spec();
    std::atomic<int> ready{0};
    std::atomic<int> wins{0};
    std::atomic<int> conflicts{0};
    QStringList otherErrors[2];
    auto approver = [&](int index) {
        // Two names on the checker's login (PostgreSQL) or at its desk (SQLite): both may approve.
        auto db = Database::open(spec, QStringLiteral("checker-%1").arg(index));
        if (!db) {
            otherErrors[index] << db.error().message;
            ++ready;
            return;
        }
        ++ready;
        while (ready.load() < 2)
            QThread::yieldCurrentThread();
        for (const QString &id : std::as_const(ids)) {
            auto result = ApprovalQueue(**db).approve(id);
            if (result)
                ++wins;
            else if (result.error().kind == Error::Kind::Conflict)
                ++conflicts;
            else
                otherErrors[index] << result.error().message;
        }
    };
    std::unique_ptr<QThread> first(QThread::create(approver, 0));
    std::unique_ptr<QThread> second(QThread::create(approver, 1));
    first->start();
    second->start();
    QVERIFY(first->wait(120000));
    QVERIFY(second->wait(120000));
    QVERIFY2(otherErrors[0].isEmpty(), qPrintable(otherErrors[0].join(QLatin1Char('\n'))));
    QVERIFY2(otherErrors[1].isEmpty(), qPrintable(otherErrors[1].join(QLatin1Char('\n'))));
    QCOMPARE(wins.load(), Requests);
    QCOMPARE(conflicts.load(), Requests);
    qint64 expected = 0;
    for (int i = 0; i < Requests; ++i)
        expected += 1500 + i;
    QCOMPARE(rowsOf(QStringLiteral("u1")), Requests);
    QCOMPARE(totalOf(QStringLiteral("u1")), expected);
    QCOMPARE(auditCount(QStringLiteral("adjust-approve")), Requests);
    QCOMPARE(auditCount(QStringLiteral("adjust")), Requests);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
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

void TestApprovalGate::approvalThatCannotApplyLeavesTheRequestPending()
{
    // Approved later, the adjustment would take the total past the 32-bit column: refused whole.
    const QString id = hold(-2000000000);
    QVERIFY(Ledger(*m_db).award({QStringLiteral("u1"), -2000000000, SourceType::SpecialAchievement,
                                 QStringLiteral("a1"), QStringLiteral("penalty"), Category::Achievement}));
    auto checker = openChecker();
    QVERIFY(checker);
    auto approval = ApprovalQueue(*checker).approve(id);
    QVERIFY(!approval);
    QVERIFY2(approval.error().message.contains(QLatin1String("32-bit")), qPrintable(approval.error().message));
    QCOMPARE(stateOf(id), QStringLiteral("pending"));
    QCOMPARE(rowsOf(QStringLiteral("u1")), 1);
    QCOMPARE(totalOf(QStringLiteral("u1")), -2000000000);
    QCOMPARE(auditCount(QStringLiteral("adjust-approve")), 0);
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
    QCOMPARE(state->version, 4);
    const QString id = hold(5000);
    QVERIFY(!id.isEmpty());
    QCOMPARE(ApprovalQueue(*m_db).list()->size(), 1);
}

QString TestApprovalGate::writeFile(const QTemporaryDir &dir, const QByteArray &bytes)
{
    const QString path = dir.filePath(QStringLiteral("bulk-%1.csv").arg(qHash(bytes)));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
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
