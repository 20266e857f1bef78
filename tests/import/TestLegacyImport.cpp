#include "tests/import/BatchFixture.h"

#include "core/db/DeferredIndexes.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QTest>

// Legacy migration as a person runs it: totals from a file or from the profiles, new and
// existing users, rows in any order; checked against the database with plain SQL.
class TestLegacyImport final : public QObject, private BatchFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void legacyFileCreatesUsersAndMatchesEveryTotal();
    void legacyRefusesUsersAlreadyInTheLedger();
    void legacyMixesNewAndExistingUsers();
    void rowsInAnyOrderLandOnTheirUsers();
    void fromProfilesKeepsEveryTotal();
    void migrationLargerThanTheLedgerKeepsItsIndexes();
};

void TestLegacyImport::legacyFileCreatesUsersAndMatchesEveryTotal()
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

void TestLegacyImport::legacyRefusesUsersAlreadyInTheLedger()
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

void TestLegacyImport::legacyMixesNewAndExistingUsers()
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

void TestLegacyImport::rowsInAnyOrderLandOnTheirUsers()
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

void TestLegacyImport::fromProfilesKeepsEveryTotal()
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

void TestLegacyImport::migrationLargerThanTheLedgerKeepsItsIndexes()
{
    // Enough rows for SQLite to build the indexes of "UserXP" after them: every total still
    // equals the file, and the table ends up with the very indexes it had.
    const QStringList indexes = TestBackend::indexesOf(*m_db, QStringLiteral("UserXP"));
    const int users = int(DeferredIndexes::MinRows) + 100;
    QByteArray csv = "userId,totalXP,email\n";
    csv.reserve(users * 40);
    qint64 grand = 0;
    for (int i = 0; i < users; ++i) {
        // Amounts in no order, as a real file has them: the index on the amount takes them anywhere.
        const int total = (i * 7919) % 100003 - 50000;
        grand += total;
        csv += "big" + QByteArray::number(i) + ',' + QByteArray::number(total) + ",big" + QByteArray::number(i)
            + "@example.com\n";
    }
    const ImportReport report = import(ImportKind::Legacy, writeFile(QStringLiteral("big.csv"), csv), false);
    QVERIFY(report.applied);
    QCOMPARE(report.usersCreated, users);
    QCOMPARE(report.totalAfter, grand);
    QCOMPARE(TestBackend::indexesOf(*m_db, QStringLiteral("UserXP")), indexes);
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")), grand);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" x JOIN \"UserProfile\" p ON p.\"userId\" = "
                                   "x.\"userId\" AND p.\"totalXP\" = x.\"amount\"")),
             report.transactions);
    QCOMPARE(scalar(QStringLiteral("SELECT \"amount\" FROM \"UserXP\" WHERE \"userId\" = 'big4321'")),
             (4321 * 7919) % 100003 - 50000);
    auto verified = Verifier(*m_db).verify();
    QVERIFY(verified);
    QVERIFY(verified->ok());
}

QTEST_GUILESS_MAIN(TestLegacyImport)
#include "TestLegacyImport.moc"
