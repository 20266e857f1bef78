#include "tests/import/BatchFixture.h"

#include "core/import/BatchImporter.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QTest>

// What keeps an import safe, for both kinds: a dry run changes nothing, a file is imported once,
// one problem anywhere writes nothing and every problem is listed, cancel keeps nothing.
class TestImportSafety final : public QObject, private BatchFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void dryRunChangesNothing();
    void sameFileTwiceIsANoOp();
    void everyProblemIsListedAndNothingIsWritten();
    void cancelKeepsNothing();
};

void TestImportSafety::dryRunChangesNothing()
{
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QString()));
    const QString before = everything();
    const QString path = writeFile(QStringLiteral("adjust.csv"),
                                   "userId,amount,reason\nu1,25,contest win\nu1,-5,"
                                   "typo\n");
    const ImportReport report = import(ImportKind::Adjust, path, true);
    QVERIFY(!report.applied);
    QVERIFY(report.dryRun);
    QCOMPARE(report.transactions, 2);
    QCOMPARE(report.effects.size(), 1);
    QCOMPARE(report.effects.constFirst().before, 0);
    QCOMPARE(report.effects.constFirst().change, 20);
    QCOMPARE(report.effects.constFirst().after, 20);
    QCOMPARE(everything(), before);

    // The dry run did not use the file up: the real run applies it.
    const ImportReport real = import(ImportKind::Adjust, path, false);
    QVERIFY(real.applied);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u1'")), 20);
}

void TestImportSafety::sameFileTwiceIsANoOp()
{
    const QString path = writeFile(QStringLiteral("legacy.csv"),
                                   "userId,totalXP,email\nu1,100,u1@example.com\nu2,50,u2@example.com\n");
    QVERIFY(import(ImportKind::Legacy, path, false).applied);
    const QString after = everything();
    const ImportReport again = import(ImportKind::Legacy, path, false);
    QVERIFY(!again.applied);
    QVERIFY2(again.alreadyImported.contains(QLatin1String("legacy-")), qPrintable(again.alreadyImported));
    QCOMPARE(everything(), after);
    // The same bytes under another name are the same file.
    const QString copy
        = writeFile(QStringLiteral("copy.csv"), "userId,totalXP,email\nu1,100,u1@example.com\nu2,50,u2@example.com\n");
    QVERIFY(!import(ImportKind::Legacy, copy, true).alreadyImported.isEmpty());
    QCOMPARE(everything(), after);
}

void TestImportSafety::everyProblemIsListedAndNothingIsWritten()
{
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QString()));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("u2@example.com"), QString()));
    const QString before = everything();
    const QString path = writeFile(QStringLiteral("bad.csv"),
                                   "userId,amount,reason,category,sourceType\n"
                                   "u1,10,fine,,\n" // line 2: good
                                   "ghost,5,who,,\n" // line 3: unknown user
                                   "u1,ten,typo,,\n" // line 4: not a number
                                   "u2,5,,,\n" // line 5: no reason
                                   "u2,99999999999,big,,\n" // line 6: out of range
                                   "u2,5,enum,BONUS,\n" // line 7: unknown category
                                   "u2,5,enum,,QUIZ\n" // line 8: unknown source type
                                   "u2,0,zero,,\n" // line 9: zero
                                   "u1,7,\"multi\nline\",,\n" // lines 10-11: good
                                   "u2,3,short\n"); // line 12: too few values
    const ImportReport report = import(ImportKind::Adjust, path, false);
    QVERIFY(!report.applied);
    QCOMPARE(report.problemCount, 8);
    const QList<qint64> lines{3, 4, 5, 6, 7, 8, 9, 12};
    const QStringList named{QStringLiteral("\"ghost\""),   QStringLiteral("\"ten\""),   QStringLiteral("reason"),
                            QStringLiteral("99999999999"), QStringLiteral("\"BONUS\""), QStringLiteral("\"QUIZ\""),
                            QStringLiteral("amount"),      QStringLiteral("u2,3,short")};
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QCOMPARE(report.problems.at(i).line, lines.at(i));
        QVERIFY2(report.problems.at(i).message.contains(QString::number(lines.at(i))),
                 qPrintable(report.problems.at(i).message));
        QVERIFY2(report.problems.at(i).message.contains(named.at(i)), qPrintable(report.problems.at(i).message));
    }
    QCOMPARE(everything(), before);

    // A legacy file: a user twice, a bad email; the line of the first one is named.
    const ImportReport legacy = import(ImportKind::Legacy,
                                       writeFile(QStringLiteral("legacy.csv"),
                                                 "userId,totalXP,email\n"
                                                 "n1,5,n1@example.com\n"
                                                 "n1,6,n1@example.com\n"
                                                 "n2,7,not-an-email\n"),
                                       false);
    QCOMPARE(legacy.problemCount, 2);
    QVERIFY2(legacy.problems.at(0).message.contains(QLatin1String("already on line 2")),
             qPrintable(legacy.problems.at(0).message));
    QCOMPARE(legacy.problems.at(1).line, 4);
    QCOMPARE(everything(), before);

    // Not a CSV file at all.
    const ImportReport binary = import(
        ImportKind::Legacy, writeFile(QStringLiteral("sheet.xlsx"), QByteArray("PK\x03\x04", 4) + "xl/"), false);
    QCOMPARE(binary.problemCount, 1);
    QVERIFY2(binary.problems.constFirst().message.contains(QLatin1String("ZIP")),
             qPrintable(binary.problems.constFirst().message));
    QCOMPARE(everything(), before);
}

void TestImportSafety::cancelKeepsNothing()
{
    QByteArray csv = "userId,totalXP,email\n";
    for (int i = 0; i < 20000; ++i)
        csv += QStringLiteral("c%1,%2,c%1@example.com\n").arg(i).arg(i + 1).toUtf8();
    const QString path = writeFile(QStringLiteral("many.csv"), csv);
    const QString before = everything();
    bool sawWriting = false;
    auto report = BatchImporter(*m_db).importFile(ImportKind::Legacy, path, false,
                                                  [&](BatchImporter::Phase phase, qint64 done, qint64) {
                                                      sawWriting = phase == BatchImporter::Phase::Writing;
                                                      return !(sawWriting && done >= 10000);
                                                  });
    QVERIFY(sawWriting);
    QVERIFY(!report);
    QCOMPARE(report.error().kind, Error::Kind::Cancelled);
    QCOMPARE(everything(), before);
    // Nothing was recorded: the file can still be imported.
    QVERIFY(import(ImportKind::Legacy, path, false).applied);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")), 20000);
    // Four slices of rows, each made on another thread while the one before was written: one
    // event a row, naming that row, in one unbroken chain.
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 e JOIN \"UserXP\" x ON x.\"id\" = e.xp_id AND "
                                   "x.\"userId\" = e.user_id AND x.\"amount\" = e.amount")
                        .arg(audit)),
             20000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT seq) FROM %1 WHERE seq BETWEEN 1 AND 20000").arg(audit)),
             20000);
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(\"totalXP\") FROM \"UserProfile\"")), qint64(20000) * 20001 / 2);
    auto verified = Verifier(*m_db).verify();
    QVERIFY(verified);
    QVERIFY(verified->ok());
}

QTEST_GUILESS_MAIN(TestImportSafety)
#include "TestImportSafety.moc"
