#include "tests/approval/ApprovalFixture.h"

#include "core/approval/ApprovalQueue.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

// Maker-checker on a real database, the checker's side: a second person approves (applied
// exactly once) or rejects (nothing applied); nobody approves their own, and a request is
// decided once.
class TestApprovalDecisions final : public QObject, private ApprovalFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void approvalByAnotherPersonAppliesOnce();
    void selfApprovalIsRefused();
    void sameLoginUnderAnotherName();
    void rejectRecordsAndChangesNothing();
    void requesterMayWithdraw();
    void decidedRequestCannotBeDecidedAgain();
    void concurrentApprovalsOneWins();
    void approvalThatCannotApplyLeavesTheRequestPending();
};

void TestApprovalDecisions::approvalByAnotherPersonAppliesOnce()
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

void TestApprovalDecisions::selfApprovalIsRefused()
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

void TestApprovalDecisions::sameLoginUnderAnotherName()
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

void TestApprovalDecisions::rejectRecordsAndChangesNothing()
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

void TestApprovalDecisions::requesterMayWithdraw()
{
    const QString id = hold(3000);
    auto withdrawn = ApprovalQueue(*m_db).reject(id, QStringLiteral("typo: meant 300"));
    QVERIFY2(withdrawn, withdrawn ? "" : qPrintable(withdrawn.error().message));
    QCOMPARE(stateOf(id), QStringLiteral("rejected"));
    QCOMPARE(rowsOf(QStringLiteral("u1")), 0);
}

void TestApprovalDecisions::decidedRequestCannotBeDecidedAgain()
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

void TestApprovalDecisions::concurrentApprovalsOneWins()
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

void TestApprovalDecisions::approvalThatCannotApplyLeavesTheRequestPending()
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

QTEST_GUILESS_MAIN(TestApprovalDecisions)
#include "TestApprovalDecisions.moc"
