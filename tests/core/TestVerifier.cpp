#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// The audit chain and the cached totals, checked as an auditor would: tamper by hand with SQL,
// then see verify name the place.
class TestVerifier final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void intactLedgerVerifies();
    void editedEventIsNamed_data();
    void editedEventIsNamed();
    void removedEventIsNamed();
    void rewrittenEventIsNamed();
    void handEditedTotalIsReportedAndRepaired();
    void chainSurvivesEveryOperation();
    void longChainIsCheckedPageByPage();

private:
    QString auditTable() const { return m_db->dialect().ownTable(QStringLiteral("audit_event")); }
    void exec(const QString &sql);

    std::unique_ptr<Database> m_db;
    QStringList m_ids;
};

void TestVerifier::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), {}));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("u2@example.com"), {}));
    Ledger ledger(*m_db);
    m_ids.clear();
    for (int i = 1; i <= 6; ++i) {
        auto change = ledger.award({i % 2 ? QStringLiteral("u1") : QStringLiteral("u2"), i * 10,
                                    SourceType::UserProblemAttempt, QStringLiteral("attempt-%1").arg(i),
                                    QStringLiteral("answer %1").arg(i), Category::CorrectAnswer});
        QVERIFY(change);
        m_ids << change->rows.first().id;
    }
    // Events: 1-2 user-add, 3-8 awards.
}

void TestVerifier::cleanup()
{
    m_db.reset();
}

void TestVerifier::exec(const QString &sql)
{
    auto rows = m_db->run(sql);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

void TestVerifier::intactLedgerVerifies()
{
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY(report->ok());
    QCOMPARE(report->eventsChecked, 8);
    QVERIFY(!report->brokenSeq);
    QVERIFY(report->drift.isEmpty());
}

void TestVerifier::editedEventIsNamed_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::newRow("amount") << "amount = 1000";
    QTest::newRow("reason") << "reason = 'answer 9'";
    QTest::newRow("actor") << "actor = 'mallory'";
    QTest::newRow("snapshot") << "snapshot = '{}'";
    QTest::newRow("user") << "user_id = 'u2'";
}

void TestVerifier::editedEventIsNamed()
{
    QFETCH(QString, assignment);
    exec(QStringLiteral("UPDATE %1 SET %2 WHERE seq = 5").arg(auditTable(), assignment));
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY(!report->ok());
    QCOMPARE(report->brokenSeq.value_or(-1), 5);
    QVERIFY2(report->brokenReason.contains(QStringLiteral("edited")), qPrintable(report->brokenReason));
}

void TestVerifier::removedEventIsNamed()
{
    exec(QStringLiteral("DELETE FROM %1 WHERE seq = 4").arg(auditTable()));
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QCOMPARE(report->brokenSeq.value_or(-1), 5);
    QVERIFY2(report->brokenReason.contains(QStringLiteral("missing")), qPrintable(report->brokenReason));
}

void TestVerifier::rewrittenEventIsNamed()
{
    // A forger who recomputes the edited event's own hash still breaks the link to the next one.
    AuditLog log(*m_db);
    auto page = log.page(5, 1);
    QVERIFY(page && page->size() == 1);
    AuditEvent forged = page->first();
    forged.amount = 5000;
    const QString hash = AuditLog::computeHash(forged.prevHash, forged);
    QVERIFY(m_db->run(QStringLiteral("UPDATE %1 SET amount = 5000, hash = :hash WHERE seq = 6").arg(auditTable()),
                      {{QStringLiteral(":hash"), hash}}));
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QCOMPARE(report->brokenSeq.value_or(-1), 7);
    QVERIFY2(report->brokenReason.contains(QStringLiteral("event 6")), qPrintable(report->brokenReason));
}

void TestVerifier::handEditedTotalIsReportedAndRepaired()
{
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 12345 WHERE \"userId\" = 'u2'"));
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY(!report->ok());
    QVERIFY(!report->brokenSeq);
    QCOMPARE(report->drift.size(), 1);
    QCOMPARE(report->drift.first().userId, QStringLiteral("u2"));
    QCOMPARE(report->drift.first().cached, 12345);
    QCOMPARE(report->drift.first().sum, 20 + 40 + 60);

    auto repaired = Verifier(*m_db).repair();
    QVERIFY(repaired);
    QCOMPARE(repaired->fixed.size(), 1);
    QCOMPARE(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'"))
            .toLongLong(),
        120);
    // The repair is itself audited, and the chain stays intact.
    QCOMPARE(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT user_id FROM %1 WHERE action = 'repair'").arg(auditTable()))
            .toString(),
        QStringLiteral("u2"));
    auto after = Verifier(*m_db).verify();
    QVERIFY(after && after->ok());
    QCOMPARE(after->eventsChecked, 9);
}

void TestVerifier::chainSurvivesEveryOperation()
{
    Ledger ledger(*m_db);
    QVERIFY(ledger.adjust(QStringLiteral("u1"), -5, QStringLiteral("correction")));
    QVERIFY(ledger.rollback({m_ids.at(0), m_ids.at(1)}, QStringLiteral("duplicates")));
    QVERIFY(ledger.restore({m_ids.at(0)}, QStringLiteral("was right")));
    QVERIFY(ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("attempt-3"), QStringLiteral("gone")));
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 0"));
    QVERIFY(ledger.recalculateAll());
    QVERIFY(ledger.recalculate(QStringLiteral("u2")));
    auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY2(report->ok(), qPrintable(report->brokenReason));
    QCOMPARE(report->eventsChecked,
             TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM %1").arg(auditTable())).toLongLong());
    QCOMPARE(report->eventsChecked, 8 + 1 + 2 + 1 + 1 + 2);
}

void TestVerifier::longChainIsCheckedPageByPage()
{
    // 25,000 events more: the chain is read in pages of 10,000 and hashed on other threads. The
    // first break is named wherever it is, a page's first event is linked to the page before,
    // and an earlier break wins over a later one.
    QTemporaryDir dir;
    QByteArray csv = "userId,amount,reason\n";
    for (int i = 0; i < 25000; ++i)
        csv += (i % 2 ? "u1," : "u2,") + QByteArray::number(i % 90 + 1) + ",bonus\n";
    QFile file(dir.filePath(QStringLiteral("bulk.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(csv) == csv.size());
    file.close();
    auto imported = BatchImporter(*m_db).importFile(ImportKind::Adjust, file.fileName(), false);
    QVERIFY2(imported && imported->applied, imported ? "not applied" : qPrintable(imported.error().message));
    auto intact = Verifier(*m_db).verify();
    QVERIFY(intact);
    QVERIFY(intact->ok());
    QCOMPARE(intact->eventsChecked, 25008);

    exec(QStringLiteral("UPDATE %1 SET amount = 1000 WHERE seq = 22222").arg(auditTable()));
    auto late = Verifier(*m_db).verify();
    QVERIFY(late);
    QCOMPARE(late->brokenSeq.value_or(-1), 22222);
    QCOMPARE(late->eventsChecked, 22222);
    exec(QStringLiteral("UPDATE %1 SET reason = 'x' WHERE seq = 15000").arg(auditTable()));
    auto early = Verifier(*m_db).verify();
    QVERIFY(early);
    QCOMPARE(early->brokenSeq.value_or(-1), 15000);
    QVERIFY2(early->brokenReason.contains(QStringLiteral("edited")), qPrintable(early->brokenReason));
    exec(QStringLiteral("DELETE FROM %1 WHERE seq = 10001").arg(auditTable()));
    auto boundary = Verifier(*m_db).verify();
    QVERIFY(boundary);
    QCOMPARE(boundary->brokenSeq.value_or(-1), 10002);
    QVERIFY2(boundary->brokenReason.contains(QStringLiteral("missing")), qPrintable(boundary->brokenReason));
    QVERIFY(boundary->drift.isEmpty()); // the drift pass still ran
}

QTEST_GUILESS_MAIN(TestVerifier)
#include "TestVerifier.moc"
