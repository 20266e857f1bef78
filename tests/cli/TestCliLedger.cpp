#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

// The commands that write: user add and show, award, adjust, rollback, restore, delete-source.
class TestCliLedger final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void userAddAndShow();
    void writeCommandsPrintWhatTheyDid();
    void rollbackRestoreRoundTrip();
    void deleteSourceAcrossUsers();
};

void TestCliLedger::userAddAndShow()
{
    const Run add = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("add"),
                           QStringLiteral("--id"), QStringLiteral("u1"), QStringLiteral("--email"),
                           QStringLiteral("ann@example.com"), QStringLiteral("--name"), QStringLiteral("Ann Ex")});
    CLI_EXIT(add, 0);
    QCOMPARE(add.json()[QStringLiteral("id")].toString(), QStringLiteral("u1"));
    QCOMPARE(add.json()[QStringLiteral("name")].toString(), QStringLiteral("Ann Ex"));
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("40"), QStringLiteral("a1"), QStringLiteral("x"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("2"), QStringLiteral("a2"), QStringLiteral("y"))), 0);

    const Run show = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"),
                            QStringLiteral("--id"), QStringLiteral("u1")});
    CLI_EXIT(show, 0);
    const QJsonObject user = show.json().object();
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("ann@example.com"));
    QCOMPARE(user.value(QStringLiteral("totalXP")).toInteger(), 42);
    QCOMPARE(user.value(QStringLiteral("sum")).toInteger(), 42);
    QCOMPARE(user.value(QStringLiteral("transactions")).toInteger(), 2);
    QCOMPARE(user.value(QStringLiteral("differs")).toBool(true), false);

    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 7 WHERE \"userId\" = 'u1'"));
    const Run text
        = m_cli({QStringLiteral("user"), QStringLiteral("show"), QStringLiteral("--id"), QStringLiteral("u1")});
    CLI_EXIT(text, 0);
    for (const char *expected : {"ann@example.com", "Ann Ex", "Total XP:", "7", "Sum of XP:", "42", "NO"})
        QVERIFY2(text.out.contains(QLatin1String(expected)), qPrintable(text.out));
}

void TestCliLedger::writeCommandsPrintWhatTheyDid()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run awarded = m_cli(QStringList{QStringLiteral("--json")}
                              + award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("attempt-1"),
                                      QStringLiteral("First answer")));
    CLI_EXIT(awarded, 0);
    const QJsonObject change = awarded.json().object();
    QVERIFY(!change.value(QStringLiteral("operationId")).toString().isEmpty());
    const QJsonArray rows = change.value(QStringLiteral("transactions")).toArray();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.at(0).toObject();
    QVERIFY(row.value(QStringLiteral("amount")).isDouble());
    QCOMPARE(row.value(QStringLiteral("amount")).toInt(), 50);
    QCOMPARE(row.value(QStringLiteral("userId")).toString(), QStringLiteral("u1"));
    QCOMPARE(row.value(QStringLiteral("sourceType")).toString(), QStringLiteral("USER_PROBLEM_ATTEMPT"));
    QCOMPARE(row.value(QStringLiteral("sourceId")).toString(), QStringLiteral("attempt-1"));
    QCOMPARE(row.value(QStringLiteral("category")).toString(), QStringLiteral("CORRECT_ANSWER"));
    QCOMPARE(row.value(QStringLiteral("description")).toString(), QStringLiteral("First answer"));
    QVERIFY(row.value(QStringLiteral("createdAt")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(change.value(QStringLiteral("totals")).toObject().value(QStringLiteral("u1")).toInteger(), 50);

    const Run adjusted
        = m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u1"), QStringLiteral("--amount"),
                 QStringLiteral("-20"), QStringLiteral("--reason"), QStringLiteral("Duplicate award")});
    CLI_EXIT(adjusted, 0);
    QVERIFY2(adjusted.out.contains(QLatin1String("MANUAL_ADJUSTMENT")), qPrintable(adjusted.out));
    QVERIFY2(adjusted.out.contains(QLatin1String(" MANUAL ")), qPrintable(adjusted.out));
    QVERIFY2(adjusted.out.contains(QLatin1String("-20")), qPrintable(adjusted.out));
    QVERIFY2(adjusted.out.contains(QLatin1String("Total XP of user u1 is now 30")), qPrintable(adjusted.out));

    const Run bonus
        = m_cli({QStringLiteral("--json"), QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u1"),
                 QStringLiteral("--amount"), QStringLiteral("5"), QStringLiteral("--reason"), QStringLiteral("Bonus"),
                 QStringLiteral("--category"), QStringLiteral("ACHIEVEMENT")});
    CLI_EXIT(bonus, 0);
    QCOMPARE(bonus.json()[QStringLiteral("transactions")][0][QStringLiteral("category")].toString(),
             QStringLiteral("ACHIEVEMENT"));
    QCOMPARE(bonus.json()[QStringLiteral("totals")][QStringLiteral("u1")].toInteger(), 35);

    // The operator named with --actor is in the audit log.
    CLI_EXIT(m_cli({QStringLiteral("--actor"), QStringLiteral("Carol Support"), QStringLiteral("adjust"),
                    QStringLiteral("--user"), QStringLiteral("u1"), QStringLiteral("--amount"), QStringLiteral("1"),
                    QStringLiteral("--reason"), QStringLiteral("r")}),
             0);
    auto last = m_db->run(QStringLiteral("SELECT operator FROM %1 ORDER BY seq DESC LIMIT 1")
                              .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    QVERIFY(last && last->next());
    QCOMPARE(last->text(0), QStringLiteral("Carol Support"));
}

void TestCliLedger::rollbackRestoreRoundTrip()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("15"), QStringLiteral("keep"), QStringLiteral("k"))), 0);
    const Run awarded = m_cli(
        QStringList{QStringLiteral("--json")}
        + award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("p-1"), QStringLiteral("to roll back")));
    CLI_EXIT(awarded, 0);
    const QString id = transactionId(awarded);
    const QJsonObject original = awarded.json()[QStringLiteral("transactions")][0].toObject();

    const Run rolledBack = m_cli({QStringLiteral("--json"), QStringLiteral("rollback"), QStringLiteral("--id"), id,
                                  QStringLiteral("--reason"), QStringLiteral("wrong problem")});
    CLI_EXIT(rolledBack, 0);
    QCOMPARE(transactionId(rolledBack), id);
    QCOMPARE(rolledBack.json()[QStringLiteral("totals")][QStringLiteral("u1")].toInteger(), 15);
    const Run gone = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--text"), id});
    QCOMPARE(gone.json().array().size(), 0);

    const Run restored = m_cli({QStringLiteral("restore"), QStringLiteral("--id"), id, QStringLiteral("--reason"),
                                QStringLiteral("it was right")});
    CLI_EXIT(restored, 0);
    QVERIFY2(restored.out.contains(id), qPrintable(restored.out));
    QVERIFY2(restored.out.contains(QLatin1String("Total XP of user u1 is now 65")), qPrintable(restored.out));
    const Run back = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--text"), id});
    QCOMPARE(back.json().array().size(), 1);
    const QJsonObject row = back.json()[0].toObject();
    for (const char *field :
         {"id", "userId", "amount", "sourceType", "sourceId", "description", "category", "createdAt"})
        QCOMPARE(row.value(QLatin1String(field)), original.value(QLatin1String(field)));

    // Restoring it again is refused (Conflict: exit 2), and changes nothing.
    const QString before = snapshot();
    const Run again = m_cli(
        {QStringLiteral("restore"), QStringLiteral("--id"), id, QStringLiteral("--reason"), QStringLiteral("twice")});
    CLI_EXIT(again, 2);
    QVERIFY2(CliRunner::isOneErrorLine(again.err) && again.err.contains(id), qPrintable(again.err));
    QCOMPARE(snapshot(), before);
    CLI_EXIT(m_cli({QStringLiteral("verify")}), 0);
}

void TestCliLedger::deleteSourceAcrossUsers()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("shared"), QStringLiteral("a"))),
             0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("20"), QStringLiteral("shared"), QStringLiteral("b"))),
             0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("7"), QStringLiteral("other"), QStringLiteral("c"))), 0);
    const Run deleted
        = m_cli({QStringLiteral("--json"), QStringLiteral("delete-source"), QStringLiteral("--source-type"),
                 QStringLiteral("USER_PROBLEM_ATTEMPT"), QStringLiteral("--source-id"), QStringLiteral("shared"),
                 QStringLiteral("--reason"), QStringLiteral("attempt deleted")});
    CLI_EXIT(deleted, 0);
    QCOMPARE(deleted.json()[QStringLiteral("transactions")].toArray().size(), 2);
    QCOMPARE(deleted.json()[QStringLiteral("totals")][QStringLiteral("u1")].toInteger(), 0);
    QCOMPARE(deleted.json()[QStringLiteral("totals")][QStringLiteral("u2")].toInteger(), 7);
    auto rows = m_db->run(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = 'shared'"));
    QVERIFY(rows && rows->next());
    QCOMPARE(rows->integer(0), 0);
}

QTEST_GUILESS_MAIN(TestCliLedger)
#include "TestCliLedger.moc"
