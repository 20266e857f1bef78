#include "tests/import/BatchFixture.h"

#include "core/import/BatchImporter.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QTest>

// Bulk adjustments from a file: one audited adjustment a row, and a total that would overflow
// refused with its line.
class TestBulkAdjust final : public QObject, private BatchFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void bulkAdjustmentsAreAuditedOneByOne();
    void totalPastTheColumnLimitIsRefused();
    void semicolonFileFromGermanExcel();
};

void TestBulkAdjust::bulkAdjustmentsAreAuditedOneByOne()
{
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QString()));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("u2@example.com"), QString()));
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u2"), 100, QStringLiteral("start")));
    const ImportReport report = import(ImportKind::Adjust,
                                       writeFile(QStringLiteral("contest.csv"),
                                                 "userId,amount,reason,category,sourceType,sourceId,description\n"
                                                 "u1,50,contest,ACHIEVEMENT,SPECIAL_ACHIEVEMENT,contest-7,Winner\n"
                                                 "u2,-30,bug 42,,,,\n"
                                                 "u1,5,contest,,,,\n"),
                                       false);
    QVERIFY(report.applied);
    QCOMPARE(report.totalBefore, 100);
    QCOMPARE(report.totalAfter, 125);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u1'")), 55);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'")), 70);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = 'contest-7' AND \"category\" "
                                   "= 'ACHIEVEMENT' AND \"sourceType\" = 'SPECIAL_ACHIEVEMENT' AND \"description\" = "
                                   "'Winner'")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = :b AND \"description\" = "
                                   "'bug 42' AND \"category\" = 'MANUAL'"),
                    {{QStringLiteral(":b"), report.batchId}}),
             1);
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE operation_id = :b AND action = 'adjust' AND "
                                   "xp_id IS NOT NULL AND snapshot LIKE '%\"amount\"%'")
                        .arg(audit),
                    {{QStringLiteral(":b"), report.batchId}}),
             3);
    auto verified = Verifier(*m_db).verify();
    QVERIFY(verified && verified->ok());
}

void TestBulkAdjust::totalPastTheColumnLimitIsRefused()
{
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QString()));
    // Approval off: above the threshold these would be held, and held rows change no total.
    QVERIFY(ApprovalGate(*m_db).setThreshold(std::nullopt));
    const QString before = everything();
    const ImportReport report = import(
        ImportKind::Adjust,
        writeFile(QStringLiteral("big.csv"), "userId,amount,reason\nu1,2000000000,a\nu1,2000000000,b\n"), false);
    QCOMPARE(report.problemCount, 1);
    QCOMPARE(report.problems.constFirst().line, 3);
    QVERIFY2(report.problems.constFirst().message.contains(QLatin1String("4000000000")),
             qPrintable(report.problems.constFirst().message));
    QCOMPARE(everything(), before);
}

void TestBulkAdjust::semicolonFileFromGermanExcel()
{
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QString()));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("u2@example.com"), QString()));
    // As German Excel saves "CSV UTF-8": a byte order mark, semicolons, CRLF, quotes where a value
    // holds a semicolon, and commas left as they are.
    const QString path = writeFile(QStringLiteral("bonus.csv"),
                                   "\xEF\xBB\xBFuserId;amount;reason;description\r\n"
                                   "u1;40;Wettbewerb;\"Platz 1; Runde 2\"\r\n"
                                   "u2;-15;Korrektur, Fehler 7;\r\n");
    const ImportReport dry = import(ImportKind::Adjust, path, true);
    QCOMPARE(dry.separator, ';');
    QCOMPARE(dry.problemCount, 0);
    QCOMPARE(dry.totalAfter, 25);
    const ImportReport report = import(ImportKind::Adjust, path, false);
    QVERIFY(report.applied);
    QCOMPARE(report.separator, ';');
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = 'u1' AND \"amount\" = 40 AND "
                                   "\"description\" = 'Platz 1; Runde 2'")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = 'u2' AND \"amount\" = -15 AND "
                                   "\"description\" = 'Korrektur, Fehler 7'")),
             1);
    QCOMPARE(report.toJson().value(QStringLiteral("separator")).toString(), QStringLiteral("semicolon"));
}

QTEST_GUILESS_MAIN(TestBulkAdjust)
#include "TestBulkAdjust.moc"
