#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <utility>

using Run = CliRunner::Run;

// verify and recalc: totals and audit events edited behind the ledger's back are found, and
// the totals repaired.
class TestCliVerify final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void handEditedTotalIsFoundAndRepaired();
    void editedAuditEventIsNamed();
    void recalc();
    void rowEditedWithItsTotalIsNamedAndNeverRepaired();
    void rowsTheLogNeverSawAreNotProvable();
    void rowDeletedWithItsTotalIsNamedWithItsUserAndAmount();
};

void TestCliVerify::handEditedTotalIsFoundAndRepaired()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("100"), QStringLiteral("a"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("5"), QStringLiteral("b"), QStringLiteral("b"))), 0);
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = :total WHERE \"userId\" = :user"),
         {{QStringLiteral(":total"), 777}, {QStringLiteral(":user"), QStringLiteral("u1")}});

    const Run found = m_cli({QStringLiteral("verify")});
    CLI_EXIT(found, 1);
    QVERIFY2(found.out.contains(QLatin1String("user u1: cached 777, sum 100")), qPrintable(found.out));
    QVERIFY2(!found.out.contains(QLatin1String("u2")), qPrintable(found.out));
    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    CLI_EXIT(json, 1);
    QCOMPARE(json.json()[QStringLiteral("ok")].toBool(true), false);
    QCOMPARE(json.json()[QStringLiteral("chainIntact")].toBool(), true);
    QCOMPARE(json.json()[QStringLiteral("drift")].toArray().size(), 1);
    QCOMPARE(json.json()[QStringLiteral("drift")][0][QStringLiteral("userId")].toString(), QStringLiteral("u1"));
    QCOMPARE(json.json()[QStringLiteral("drift")][0][QStringLiteral("cached")].toInteger(), 777);
    QCOMPARE(json.json()[QStringLiteral("drift")][0][QStringLiteral("sum")].toInteger(), 100);

    const Run repaired = m_cli({QStringLiteral("verify"), QStringLiteral("--repair")});
    CLI_EXIT(repaired, 0);
    QVERIFY2(repaired.out.contains(QLatin1String("user u1: 777 -> 100")), qPrintable(repaired.out));
    CLI_EXIT(m_cli({QStringLiteral("verify")}), 0);
    auto total = m_db->run(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u1'"));
    QVERIFY(total && total->next());
    QCOMPARE(total->integer(0), 100);
}

void TestCliVerify::editedAuditEventIsNamed()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("100"), QStringLiteral("a"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("b"), QStringLiteral("b"))), 0);
    exec(QStringLiteral("UPDATE %1 SET amount = 1000 WHERE seq = 2")
             .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    const Run verify = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    CLI_EXIT(verify, 1);
    QCOMPARE(verify.json()[QStringLiteral("chainIntact")].toBool(true), false);
    QCOMPARE(verify.json()[QStringLiteral("brokenEvent")].toInteger(), 2);
    QVERIFY(!verify.json()[QStringLiteral("brokenReason")].toString().isEmpty());
    const Run text = m_cli({QStringLiteral("verify"), QStringLiteral("--repair")});
    CLI_EXIT(text, 1); // the chain is never rewritten
    QVERIFY2(text.out.contains(QLatin1String("BROKEN at event 2")), qPrintable(text.out));
}

void TestCliVerify::recalc()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("a"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("20"), QStringLiteral("b"), QStringLiteral("b"))), 0);
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 99"));

    const Run one = m_cli({QStringLiteral("recalc"), QStringLiteral("--user"), QStringLiteral("u1")});
    CLI_EXIT(one, 0);
    QVERIFY2(one.out.contains(QLatin1String("u1")) && one.out.contains(QLatin1String("10"))
                 && one.out.contains(QLatin1String("99")),
             qPrintable(one.out));
    const Run all = m_cli({QStringLiteral("--json"), QStringLiteral("recalc"), QStringLiteral("--all")});
    CLI_EXIT(all, 0);
    const QJsonArray fixed = all.json()[QStringLiteral("fixed")].toArray();
    QCOMPARE(fixed.size(), 1);
    QCOMPARE(fixed.at(0)[QStringLiteral("userId")].toString(), QStringLiteral("u2"));
    QCOMPARE(fixed.at(0)[QStringLiteral("cached")].toInteger(), 99);
    QCOMPARE(fixed.at(0)[QStringLiteral("sum")].toInteger(), 20);
    QCOMPARE(all.json()[QStringLiteral("totals")][QStringLiteral("u2")].toInteger(), 20);
    CLI_EXIT(m_cli({QStringLiteral("verify")}), 0);
    const Run unknown = m_cli({QStringLiteral("recalc"), QStringLiteral("--user"), QStringLiteral("ghost")});
    CLI_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains(QLatin1String("\"ghost\"")), qPrintable(unknown.err));
}

void TestCliVerify::rowEditedWithItsTotalIsNamedAndNeverRepaired()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run awarded
        = m_cli(QStringList{QStringLiteral("--json")}
                + award(QStringLiteral("u1"), QStringLiteral("100"), QStringLiteral("a"), QStringLiteral("a")));
    CLI_EXIT(awarded, 0);
    const QString id = transactionId(awarded);
    QVERIFY(!id.isEmpty());
    // Amount and total edited together: the totals alone cannot tell.
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = 900 WHERE \"id\" = :id"), {{QStringLiteral(":id"), id}});
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 900 WHERE \"userId\" = 'u1'"));

    const Run text = m_cli({QStringLiteral("verify")});
    CLI_EXIT(text, 1);
    QVERIFY2(text.out.contains(QStringLiteral("transaction %1: amount is 900 in the table, but 100 in the audit log "
                                              "(event 2, award)")
                                   .arg(id)),
             qPrintable(text.out));
    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    CLI_EXIT(json, 1);
    const QJsonObject difference = json.json()[QStringLiteral("rows")][QStringLiteral("differences")][0].toObject();
    QCOMPARE(difference[QStringLiteral("row")].toString(), id);
    QCOMPARE(difference[QStringLiteral("kind")].toString(), QStringLiteral("changed"));
    QCOMPARE(difference[QStringLiteral("field")].toString(), QStringLiteral("amount"));
    QCOMPARE(difference[QStringLiteral("logValue")].toString(), QStringLiteral("100"));
    QCOMPARE(difference[QStringLiteral("tableValue")].toString(), QStringLiteral("900"));
    QCOMPARE(difference[QStringLiteral("event")].toInteger(), 2);

    // --repair has no drift to repair and leaves the row as it is: the log is evidence.
    const QString before = snapshot();
    const Run repair = m_cli({QStringLiteral("verify"), QStringLiteral("--repair")});
    CLI_EXIT(repair, 1);
    QVERIFY2(repair.out.contains(QLatin1String("never changes a transaction")), qPrintable(repair.out));
    QCOMPARE(snapshot(), before);
}

void TestCliVerify::rowsTheLogNeverSawAreNotProvable()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("a"), QStringLiteral("a"))), 0);
    const Dialect &d = m_db->dialect();
    for (const auto &[id, at] : {std::pair{QStringLiteral("web-1"), QStringLiteral("2025-01-02 03:04:05.006")},
                                 std::pair{QStringLiteral("web-2"), QStringLiteral("2025-07-08 09:10:11.012")}})
        exec(QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                            "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES (:id, 'u1', 5, %1, "
                            "'web', 'web', %2, %3, %3)")
                 .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":category")),
                      d.timestampParam(QStringLiteral(":at"))),
             {{QStringLiteral(":id"), id},
              {QStringLiteral(":type"), QStringLiteral("USER_PROBLEM_ATTEMPT")},
              {QStringLiteral(":category"), QStringLiteral("CORRECT_ANSWER")},
              {QStringLiteral(":at"), at}});
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 20 WHERE \"userId\" = 'u1'"));

    const Run text = m_cli({QStringLiteral("verify")});
    CLI_EXIT(text, 0); // not provable is not wrong
    QVERIFY2(text.out.contains(QLatin1String("2025-01-02T03:04:05.006Z to 2025-07-08T09:10:11.012Z")),
             qPrintable(text.out));
    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    CLI_EXIT(json, 0);
    const QJsonObject unprovable = json.json()[QStringLiteral("rows")][QStringLiteral("notProvable")].toObject();
    QCOMPARE(unprovable[QStringLiteral("count")].toInteger(), 2);
    QCOMPARE(unprovable[QStringLiteral("firstCreatedAt")].toString(), QStringLiteral("2025-01-02T03:04:05.006Z"));
    QCOMPARE(json.json()[QStringLiteral("rows")][QStringLiteral("matched")].toInteger(), 1);
    CLI_EXIT(m_cli({QStringLiteral("verify"), QStringLiteral("--strict")}), 1);
}

void TestCliVerify::rowDeletedWithItsTotalIsNamedWithItsUserAndAmount()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run awarded
        = m_cli(QStringList{QStringLiteral("--json")}
                + award(QStringLiteral("u1"), QStringLiteral("70"), QStringLiteral("a"), QStringLiteral("a")));
    CLI_EXIT(awarded, 0);
    const QString id = transactionId(awarded);
    exec(QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), {{QStringLiteral(":id"), id}});
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 0 WHERE \"userId\" = 'u1'"));

    const Run text = m_cli({QStringLiteral("verify")});
    CLI_EXIT(text, 1);
    QVERIFY2(text.out.contains(QStringLiteral("transaction %1 is missing from the table, but the audit log says it "
                                              "exists (event 2, award: u1@example.com (user u1), amount 70)")
                                   .arg(id)),
             qPrintable(text.out));
    // Scripts get the row's user and amount as values of their own, not inside a sentence.
    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("verify")});
    CLI_EXIT(json, 1);
    const QJsonObject difference = json.json()[QStringLiteral("rows")][QStringLiteral("differences")][0].toObject();
    QCOMPARE(difference[QStringLiteral("kind")].toString(), QStringLiteral("missing"));
    QCOMPARE(difference[QStringLiteral("userId")].toString(), QStringLiteral("u1"));
    QCOMPARE(difference[QStringLiteral("amount")].toInteger(), 70);
    QVERIFY(difference[QStringLiteral("logValue")].isNull());
    QVERIFY(difference[QStringLiteral("field")].isNull());
}

QTEST_GUILESS_MAIN(TestCliVerify)
#include "TestCliVerify.moc"
