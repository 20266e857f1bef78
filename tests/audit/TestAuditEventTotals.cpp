#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"
#include "models/AuditText.h"

#include <QTest>

// Every event that changes a total says by how much, as an auditor reads it in the event pane:
// "Total XP a → b" after what the event did to the transaction, on a real database; the chain
// still verifies, and an event written before totals were recorded still reads.
class TestAuditEventTotals final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void adjustmentRecordsTheTotal();
    void rollbackWalksTheTotalRowByRow();
    void deleteSourceRecordsEachUsersTotal();
    void restoreRecordsTheTotal();
    void driftIsCorrectedOnTheUsersLastRow();
    void eventsWithoutTotalsStillReadAndVerify();

private:
    QString table() const { return m_db->dialect().ownTable(QStringLiteral("audit_event")); }
    // The effects of the events of one action, oldest first.
    QStringList effects(const QString &action);
    QString award(const QString &user, qint64 amount, const QString &source);
    void expectVerified();

    std::unique_ptr<Database> m_db;
};

void TestAuditEventTotals::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("ada@example.com"), QStringLiteral("Ada")));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("grace@example.com"), QStringLiteral("Grace")));
}

void TestAuditEventTotals::cleanup()
{
    m_db.reset();
}

QStringList TestAuditEventTotals::effects(const QString &action)
{
    auto events = AuditLog(*m_db).page(0, 1000);
    if (!events)
        return {events.error().message};
    QStringList found;
    for (const AuditEvent &event : std::as_const(*events)) {
        if (event.action == action)
            found << AuditText::effect(event);
    }
    return found;
}

QString TestAuditEventTotals::award(const QString &user, qint64 amount, const QString &source)
{
    auto change = Ledger(*m_db).award(
        {user, amount, SourceType::UserProblemAttempt, source, QStringLiteral("answer"), Category::CorrectAnswer});
    return change ? change->rows.constFirst().id : QString();
}

void TestAuditEventTotals::expectVerified()
{
    auto report = Verifier(*m_db).verify();
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY2(report->ok(), qPrintable(report->brokenReason));
}

void TestAuditEventTotals::adjustmentRecordsTheTotal()
{
    QVERIFY(!award(QStringLiteral("u1"), 900, QStringLiteral("a-1")).isEmpty());
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u1"), 250, QStringLiteral("conference talk")));
    QCOMPARE(effects(QStringLiteral("award")),
             QStringList(QStringLiteral("Transaction +900 added: answer, a-1\nTotal XP 0 → 900")));
    QCOMPARE(effects(QStringLiteral("adjust")),
             QStringList(QStringLiteral("Transaction +250 added: conference talk\nTotal XP 900 → 1,150")));
    expectVerified();
}

void TestAuditEventTotals::rollbackWalksTheTotalRowByRow()
{
    const QString first = award(QStringLiteral("u1"), 100, QStringLiteral("a-1"));
    const QString second = award(QStringLiteral("u1"), 40, QStringLiteral("a-2"));
    const QString other = award(QStringLiteral("u2"), 7, QStringLiteral("a-3"));
    QVERIFY(Ledger(*m_db).rollback({first, other, second}, QStringLiteral("duplicates")));
    QCOMPARE(effects(QStringLiteral("rollback")),
             QStringList({QStringLiteral("Transaction +100 removed: answer, a-1\nTotal XP 140 → 40"),
                          QStringLiteral("Transaction +7 removed: answer, a-3\nTotal XP 7 → 0"),
                          QStringLiteral("Transaction +40 removed: answer, a-2\nTotal XP 40 → 0")}));
    expectVerified();
}

void TestAuditEventTotals::deleteSourceRecordsEachUsersTotal()
{
    QVERIFY(!award(QStringLiteral("u1"), 1000, QStringLiteral("keep")).isEmpty());
    QVERIFY(!award(QStringLiteral("u1"), 30, QStringLiteral("quiz-9")).isEmpty());
    QVERIFY(!award(QStringLiteral("u2"), 20, QStringLiteral("keep")).isEmpty());
    QVERIFY(!award(QStringLiteral("u2"), 5, QStringLiteral("quiz-9")).isEmpty());
    QVERIFY(Ledger(*m_db).deleteSource(SourceType::UserProblemAttempt, QStringLiteral("quiz-9"),
                                       QStringLiteral("quiz withdrawn")));
    // Ordered by user: each event names its own user's total.
    QCOMPARE(effects(QStringLiteral("delete-source")),
             QStringList({QStringLiteral("Transaction +30 removed: answer, quiz-9\nTotal XP 1,030 → 1,000"),
                          QStringLiteral("Transaction +5 removed: answer, quiz-9\nTotal XP 25 → 20")}));
    expectVerified();
}

void TestAuditEventTotals::restoreRecordsTheTotal()
{
    const QString id = award(QStringLiteral("u2"), 64, QStringLiteral("a-1"));
    QVERIFY(!award(QStringLiteral("u2"), 36, QStringLiteral("a-2")).isEmpty());
    QVERIFY(Ledger(*m_db).rollback({id}, QStringLiteral("looked like a duplicate")));
    QVERIFY(Ledger(*m_db).restore({id}, QStringLiteral("it was not")));
    QCOMPARE(effects(QStringLiteral("restore")),
             QStringList(QStringLiteral("Transaction +64 restored: answer, a-1\nTotal XP 36 → 100")));
    expectVerified();
}

void TestAuditEventTotals::driftIsCorrectedOnTheUsersLastRow()
{
    const QString first = award(QStringLiteral("u1"), 10, QStringLiteral("a-1"));
    const QString second = award(QStringLiteral("u1"), 20, QStringLiteral("a-2"));
    QVERIFY(!award(QStringLiteral("u1"), 300, QStringLiteral("a-3")).isEmpty());
    // A total someone edited by hand: the events start from what was shown and end at the sum.
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 999 WHERE \"userId\" = 'u1'")));
    QVERIFY(Ledger(*m_db).rollback({first, second}, QStringLiteral("duplicates")));
    QCOMPARE(effects(QStringLiteral("rollback")),
             QStringList({QStringLiteral("Transaction +10 removed: answer, a-1\nTotal XP 999 → 989"),
                          QStringLiteral("Transaction +20 removed: answer, a-2\nTotal XP 989 → 300")}));
    expectVerified();
}

void TestAuditEventTotals::eventsWithoutTotalsStillReadAndVerify()
{
    const QString id = award(QStringLiteral("u1"), 50, QStringLiteral("a-1"));
    QVERIFY(!id.isEmpty());
    // An event as earlier versions wrote it: the row alone, no totals. Its row is another one,
    // gone from the table as the event says, so the ledger still matches the log.
    XpTransaction row;
    row.id = Cuid::generate();
    row.userId = QStringLiteral("u1");
    row.amount = 50;
    row.sourceType = SourceType::UserProblemAttempt;
    row.sourceId = QStringLiteral("a-1");
    row.description = QStringLiteral("answer");
    row.category = Category::CorrectAnswer;
    row.createdAt = Timestamp::now();
    row.updatedAt = row.createdAt;
    QVERIFY(m_db->writeTransaction([&]() -> Status {
        return AuditLog(*m_db).append({AuditEvent::forRow(QStringLiteral("rollback"), Cuid::generate(), row,
                                                          QStringLiteral("written before totals were kept"))});
    }));
    QCOMPARE(effects(QStringLiteral("rollback")), QStringList(QStringLiteral("Transaction +50 removed: answer, a-1")));
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u1"), -8, QStringLiteral("typo")));
    QCOMPARE(effects(QStringLiteral("adjust")),
             QStringList(QStringLiteral("Transaction -8 added: typo\nTotal XP 50 → 42")));
    expectVerified();
}

QTEST_GUILESS_MAIN(TestAuditEventTotals)
#include "TestAuditEventTotals.moc"
