#include "TestBackend.h"

#include "approval/ApprovalGate.h"
#include "audit/AuditLog.h"
#include "batch/BatchImporter.h"
#include "ledger/Ledger.h"
#include "ledger/Users.h"
#include "ledger/Verifier.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// Legacy migration and bulk adjustments, as a person runs them: dry run, real run, re-run, and
// files with problems, checked against the database with plain SQL.
class TestBatchImport final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void legacyFileCreatesUsersAndMatchesEveryTotal();
    void dryRunChangesNothing();
    void sameFileTwiceIsANoOp();
    void everyProblemIsListedAndNothingIsWritten();
    void legacyRefusesUsersAlreadyInTheLedger();
    void legacyMixesNewAndExistingUsers();
    void rowsInAnyOrderLandOnTheirUsers();
    void fromProfilesKeepsEveryTotal();
    void bulkAdjustmentsAreAuditedOneByOne();
    void totalPastTheColumnLimitIsRefused();
    void cancelKeepsNothing();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    // Every row, total and audit event, as text: equal before and after means nothing changed.
    QString everything();
    qint64 scalar(const QString &sql, const Bindings &bindings = {});
    ImportReport import(ImportKind kind, const QString &path, bool dryRun);

    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;
};

void TestBatchImport::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
}

void TestBatchImport::cleanup()
{
    m_db.reset();
}

QString TestBatchImport::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

qint64 TestBatchImport::scalar(const QString &sql, const Bindings &bindings)
{
    const QVariant value = TestBackend::scalar(*m_db, sql, bindings);
    if (!value.isValid())
        qFatal("query failed: %s", qPrintable(sql));
    return value.toLongLong();
}

QString TestBatchImport::everything()
{
    QString text;
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    const QString batches = m_db->dialect().ownTable(QStringLiteral("import_batch"));
    for (const QString &sql : QStringList{
             QStringLiteral("SELECT \"id\" || ':' || \"email\" FROM \"User\" ORDER BY 1"),
             QStringLiteral("SELECT \"userId\" || '=' || CAST(\"totalXP\" AS TEXT) FROM \"UserProfile\" ORDER BY 1"),
             QStringLiteral(
                 "SELECT \"id\" || ' ' || \"userId\" || ' ' || CAST(\"amount\" AS TEXT) FROM \"UserXP\" ORDER "
                 "BY 1"),
             QStringLiteral("SELECT hash FROM %1 ORDER BY seq").arg(audit),
             QStringLiteral("SELECT id FROM %1").arg(batches)}) {
        auto rows = m_db->run(sql);
        if (!rows)
            qFatal("query failed: %s", qPrintable(rows.error().message));
        while (rows->next())
            text += rows->text(0) + QLatin1Char('\n');
        text += QStringLiteral("--\n");
    }
    return text;
}

ImportReport TestBatchImport::import(ImportKind kind, const QString &path, bool dryRun)
{
    auto report = BatchImporter(*m_db).importFile(kind, path, dryRun);
    if (!report)
        qFatal("import failed: %s", qPrintable(report.error().message));
    return *report;
}

void TestBatchImport::legacyFileCreatesUsersAndMatchesEveryTotal()
{
    QByteArray csv = "\xEF\xBB\xBFuserId,totalXP,email,name\r\n";
    qint64 grand = 0;
    for (int i = 1; i <= 300; ++i) {
        const qint64 total = i % 10 == 0 ? 0 : (i * 37) % 5000 - 200;
        grand += total;
        csv += QStringLiteral("legacy-%1, %2 ,legacy%1@example.com,\"Learner %1, \"\"L\"\"\"\r\n")
                   .arg(i)
                   .arg(total)
                   .toUtf8();
    }
    csv += "\r\n\r\n";
    const ImportReport report = import(ImportKind::Legacy, writeFile(QStringLiteral("legacy.csv"), csv), false);
    QVERIFY(report.applied);
    QCOMPARE(report.problemCount, 0);
    QCOMPARE(report.rowsRead, 300);
    QCOMPARE(report.zeroTotals, 30);
    QCOMPARE(report.transactions, 270);
    QCOMPARE(report.usersCreated, 300);
    QCOMPARE(report.totalBefore, grand);
    QCOMPARE(report.totalAfter, grand);
    QVERIFY(report.batchId.startsWith(QLatin1String("legacy-")));

    // Every user's total equals the file; one MANUAL_ADJUSTMENT / MANUAL row each, zero none.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")), 270);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = :b AND \"sourceType\" = "
                                   "'MANUAL_ADJUSTMENT' AND \"category\" = 'MANUAL'"),
                    {{QStringLiteral(":b"), report.batchId}}),
             270);
    for (int i : {1, 10, 137, 300}) {
        const qint64 expected = i % 10 == 0 ? 0 : (i * 37) % 5000 - 200;
        const Bindings user{{QStringLiteral(":u"), QStringLiteral("legacy-%1").arg(i)}};
        QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = :u"), user),
                 expected);
        QCOMPARE(
            scalar(QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE \"userId\" = :u"), user),
            expected);
    }
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT \"name\" FROM \"User\" WHERE \"id\" = 'legacy-7'"))
                 .toString(),
             QStringLiteral("Learner 7, \"L\""));
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(\"totalXP\") FROM \"UserProfile\"")), grand);

    // Audited, all under the batch id: an import-legacy event per row, which also keeps the user it
    // created; a user-add event for each user created with a zero total (no row to carry it).
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    QCOMPARE(
        scalar(
            QStringLiteral("SELECT count(*) FROM %1 WHERE operation_id = :b AND action = 'import-legacy'").arg(audit),
            {{QStringLiteral(":b"), report.batchId}}),
        270);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE operation_id = :b AND action = 'import-legacy' "
                                   "AND snapshot LIKE '%\"createdUser\":{\"email\":\"legacy%' AND reason LIKE "
                                   "'%; user added by import %'")
                        .arg(audit),
                    {{QStringLiteral(":b"), report.batchId}}),
             270);
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE operation_id = :b AND action = 'user-add'").arg(audit),
               {{QStringLiteral(":b"), report.batchId}}),
        30);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"User\"")), 300);
    auto verified = Verifier(*m_db).verify();
    QVERIFY(verified);
    QVERIFY(verified->ok());
}

void TestBatchImport::dryRunChangesNothing()
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

void TestBatchImport::sameFileTwiceIsANoOp()
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

void TestBatchImport::everyProblemIsListedAndNothingIsWritten()
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

void TestBatchImport::legacyRefusesUsersAlreadyInTheLedger()
{
    QVERIFY(Users(*m_db).add(QStringLiteral("active"), QStringLiteral("active@example.com"), QString()));
    QVERIFY(Users(*m_db).add(QStringLiteral("other"), QStringLiteral("other@example.com"), QString()));
    AwardRequest award;
    award.userId = QStringLiteral("active");
    award.amount = 10;
    award.sourceId = QStringLiteral("p-1");
    award.description = QStringLiteral("answer");
    QVERIFY(Ledger(*m_db).award(award));
    const QString before = everything();
    const ImportReport report = import(ImportKind::Legacy,
                                       writeFile(QStringLiteral("legacy.csv"),
                                                 "userId,totalXP,email\n"
                                                 "active,500,\n"
                                                 "newbie,20,other@example.com\n"
                                                 "stranger,30,\n"),
                                       false);
    QCOMPARE(report.problemCount, 3);
    QVERIFY2(report.problems.at(0).message.contains(QLatin1String("already has 1 transaction")),
             qPrintable(report.problems.at(0).message));
    QVERIFY2(report.problems.at(1).message.contains(QLatin1String("belongs to another user, \"other\"")),
             qPrintable(report.problems.at(1).message));
    QVERIFY2(report.problems.at(2).message.contains(QLatin1String("unknown user \"stranger\"")),
             qPrintable(report.problems.at(2).message));
    QCOMPARE(everything(), before);
}

void TestBatchImport::fromProfilesKeepsEveryTotal()
{
    // The old state: totals in "UserProfile", no transactions behind them.
    for (int i = 1; i <= 40; ++i) {
        const QString id = QStringLiteral("old%1").arg(i);
        QVERIFY(Users(*m_db).add(id, id + QStringLiteral("@example.com"), QString()));
        auto set = m_db->run(QStringLiteral("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", "
                                            "\"updatedAt\") VALUES (:id, :u, :t, %1)")
                                 .arg(m_db->dialect().timestampParam(QStringLiteral(":at"))),
                             {{QStringLiteral(":id"), QString(QStringLiteral("p") + id)},
                              {QStringLiteral(":u"), id},
                              {QStringLiteral(":t"), QVariant(i % 8 == 0 ? 0 : i * 100)},
                              {QStringLiteral(":at"), QStringLiteral("2020-01-01 00:00:00.000")}});
        QVERIFY(set);
    }
    const qint64 grand = scalar(QStringLiteral("SELECT SUM(\"totalXP\") FROM \"UserProfile\""));
    const QString before = everything();
    auto dry = BatchImporter(*m_db).importProfiles(true);
    QVERIFY(dry);
    QCOMPARE(dry->transactions, 35);
    QCOMPARE(everything(), before);

    auto real = BatchImporter(*m_db).importProfiles(false);
    QVERIFY(real && real->applied);
    QCOMPARE(real->totalBefore, grand);
    QCOMPARE(real->totalAfter, grand);
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(\"totalXP\") FROM \"UserProfile\"")), grand);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")), 35);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'old7'")), 700);

    // Run again: nothing is left to migrate.
    const QString after = everything();
    auto again = BatchImporter(*m_db).importProfiles(false);
    QVERIFY(again && !again->applied);
    QCOMPARE(again->transactions, 0);
    QCOMPARE(everything(), after);
}

void TestBatchImport::bulkAdjustmentsAreAuditedOneByOne()
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

void TestBatchImport::totalPastTheColumnLimitIsRefused()
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

void TestBatchImport::cancelKeepsNothing()
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

void TestBatchImport::legacyMixesNewAndExistingUsers()
{
    // Users the web application already has, without transactions, one with the cached total the
    // file repeats; and users the file creates. The totals of all of them end up equal to the file.
    QVERIFY(Users(*m_db).add(QStringLiteral("known"), QStringLiteral("known@example.com"), QString()));
    QVERIFY(Users(*m_db).add(QStringLiteral("cached"), QStringLiteral("cached@example.com"), QString()));
    QVERIFY(m_db->run(QStringLiteral("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") "
                                     "VALUES ('p-cached', 'cached', 999, %1)")
                          .arg(m_db->dialect().timestampParam(QStringLiteral(":at"))),
                      {{QStringLiteral(":at"), QStringLiteral("2020-01-01 00:00:00.000")}}));
    const ImportReport report = import(ImportKind::Legacy,
                                       writeFile(QStringLiteral("mixed.csv"),
                                                 "userId,totalXP,email\n"
                                                 "known,50,\n"
                                                 "cached,999,\n"
                                                 "fresh,70,fresh@example.com\n"
                                                 "quiet,0,quiet@example.com\n"),
                                       false);
    QVERIFY2(report.applied, report.problems.isEmpty() ? "" : qPrintable(report.problems.constFirst().message));
    QCOMPARE(report.usersCreated, 2);
    QCOMPARE(report.totalAfter, 1119);
    for (const auto &[user, total] : {std::pair{"known", 50}, {"cached", 999}, {"fresh", 70}, {"quiet", 0}}) {
        const Bindings bindings{{QStringLiteral(":u"), QString::fromLatin1(user)}};
        QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = :u"), bindings),
                 total);
    }
    auto verified = Verifier(*m_db).verify();
    QVERIFY(verified);
    QVERIFY(verified->ok());
}

void TestBatchImport::rowsInAnyOrderLandOnTheirUsers()
{
    // Rows are written in user-id order, not the file's: each user still gets their own amount,
    // total and audit event naming their line, and one user's adjustments keep the file's order.
    QByteArray csv = "userId,totalXP,email\n";
    QHash<QString, int> lineOf;
    for (int i = 0; i < 200; ++i) {
        const int n = (i * 73) % 200; // each of 0..199 once, out of order
        const QString user = QStringLiteral("z%1").arg(n, 3, 10, QLatin1Char('0'));
        csv += QStringLiteral("%1,%2,%1@example.com\n").arg(user).arg(n + 1).toUtf8();
        lineOf.insert(user, i + 2);
    }
    const ImportReport legacy = import(ImportKind::Legacy, writeFile(QStringLiteral("shuffled.csv"), csv), false);
    QVERIFY(legacy.applied);
    const QString ownAmount = QStringLiteral("CAST(substr(\"userId\", 2) AS INTEGER) + 1");
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"amount\" = %1").arg(ownAmount)), 200);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserProfile\" WHERE \"totalXP\" = %1").arg(ownAmount)), 200);
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    auto events = m_db->run(QStringLiteral("SELECT user_id, reason FROM %1 WHERE operation_id = :b").arg(audit),
                            {{QStringLiteral(":b"), legacy.batchId}});
    QVERIFY(events);
    int seen = 0;
    while (events->next()) {
        ++seen;
        const QString reason = events->text(1);
        QVERIFY2(reason.endsWith(QStringLiteral("line %1").arg(lineOf.value(events->text(0)))), qPrintable(reason));
    }
    QCOMPARE(seen, 200);

    const ImportReport adjust = import(
        ImportKind::Adjust,
        writeFile(QStringLiteral("adjust.csv"), "userId,amount,reason\nz150,7,first\nz003,2,other\nz150,9,second\n"),
        false);
    QVERIFY(adjust.applied);
    auto rows = m_db->run(QStringLiteral("SELECT amount FROM %1 WHERE operation_id = :b AND user_id = 'z150' "
                                         "ORDER BY seq")
                              .arg(audit),
                          {{QStringLiteral(":b"), adjust.batchId}});
    QVERIFY(rows);
    QList<qint64> amounts;
    while (rows->next())
        amounts << rows->integer(0);
    QCOMPARE(amounts, (QList<qint64>{7, 9}));
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'z150'")), 167);
    auto verified = Verifier(*m_db).verify();
    QVERIFY(verified);
    QVERIFY(verified->ok());
}

QTEST_GUILESS_MAIN(TestBatchImport)
#include "TestBatchImport.moc"
