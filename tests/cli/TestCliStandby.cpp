#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"
#include "tests/support/TestStandby.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

// --read-db: the heavy reading runs on a streaming standby, every change on the primary, and a
// figure the standby is behind on says as of when. The standby's replay is paused to tell where
// a command read: only the primary has what was written since.
class TestCliStandby final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init() { openDatabase(); }
    void cleanup();

    void readsOnTheStandbyAsOfItsReplay();
    void writesGoToThePrimary();
    void refusesAPrimary();
    void refusesAnotherDatabase();
    void refusesSqlite();

private:
    QStringList withStandby(const ConnectionSpec &standby, const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("--read-db"), standby.toUrl(true)} + arguments;
    }
    bool m_paused = false;
};

void TestCliStandby::cleanup()
{
    if (m_paused) {
        QString why;
        QVERIFY2(TestStandby::setReplayPaused(false, &why), qPrintable(why));
        m_paused = false;
    }
    closeDatabase();
}

void TestCliStandby::readsOnTheStandbyAsOfItsReplay()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("a-1"), QStringLiteral("first"))),
             0);
    XP_REQUIRE_STANDBY(m_db, standby);
    QString why;
    QVERIFY2(TestStandby::setReplayPaused(true, &why), qPrintable(why));
    m_paused = true;

    // The write reads its own write back from the primary, and says the standby is behind.
    const Run awarded = m_cli(withStandby(
        standby, award(QStringLiteral("u1"), QStringLiteral("20"), QStringLiteral("a-2"), QStringLiteral("second"))));
    CLI_EXIT(awarded, 0);
    QVERIFY2(awarded.out.contains(QStringLiteral("Total XP of user u1 is now 70")), qPrintable(awarded.out));
    QVERIFY2(awarded.err.contains(QStringLiteral("The standby has not replayed this change yet")),
             qPrintable(awarded.err));

    // Read on the standby: the ledger as it was, as of its replay time.
    const Run history = m_cli(withStandby(standby, {QStringLiteral("history")}));
    CLI_EXIT(history, 0);
    const QStringList lines = history.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("As of ")) && lines.at(0).contains(QStringLiteral("standby")),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).contains(QStringLiteral("a-1")), qPrintable(lines.at(1)));

    const Run json = m_cli(withStandby(standby, {QStringLiteral("--json"), QStringLiteral("history")}));
    CLI_EXIT(json, 0);
    const QJsonObject read = json.json().object();
    QCOMPARE(read.value(QStringLiteral("readOn")).toString(), QStringLiteral("standby"));
    QVERIFY(read.value(QStringLiteral("lagMs")).toInteger() > 0);
    const QJsonArray rows = read.value(QStringLiteral("result")).toArray();
    QCOMPARE(rows.size(), 1);
    const QString firstAt = rows.at(0)[QStringLiteral("createdAt")].toString();
    QVERIFY2(read.value(QStringLiteral("asOf")).toString() >= firstAt, qPrintable(json.out));

    const Run totals = m_cli(withStandby(standby, {QStringLiteral("--json"), QStringLiteral("totals")}));
    CLI_EXIT(totals, 0);
    QCOMPARE(totals.json()[QStringLiteral("result")][0][QStringLiteral("total")].toInteger(), 50);
    const Run user = m_cli(withStandby(
        standby, {QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"), QStringLiteral("u1")}));
    CLI_EXIT(user, 0);
    QCOMPARE(user.json()[QStringLiteral("totalXP")].toInteger(), 50);
    // Without --read-db the same command reads the primary.
    const Run primary = m_cli({QStringLiteral("--json"), QStringLiteral("history")});
    CLI_EXIT(primary, 0);
    QCOMPARE(primary.json().array().size(), 2);

    // Replayed: the standby shows both. Other tests write to the same cluster all the while, so the
    // standby may still be behind on their changes; then what it says is as of a moment after this
    // change, and only then is there an "as of" line.
    QVERIFY2(TestStandby::setReplayPaused(false, &why), qPrintable(why));
    m_paused = false;
    QVERIFY2(TestStandby::catchUp(*m_db, &why), qPrintable(why));
    const Run after = m_cli(withStandby(standby, {QStringLiteral("--json"), QStringLiteral("history")}));
    CLI_EXIT(after, 0);
    const QJsonObject afterRead = after.json().object();
    const QJsonArray afterRows = afterRead.value(QStringLiteral("result")).toArray();
    QCOMPARE(afterRows.size(), 2);
    QCOMPARE(afterRows.at(0)[QStringLiteral("sourceId")].toString(), QStringLiteral("a-2"));
    const qint64 lagMs = afterRead.value(QStringLiteral("lagMs")).toInteger();
    QVERIFY2(lagMs == 0
                 || afterRead.value(QStringLiteral("asOf")).toString()
                     >= afterRows.at(0)[QStringLiteral("createdAt")].toString(),
             qPrintable(after.out));
    const Run afterText = m_cli(withStandby(standby, {QStringLiteral("totals")}));
    CLI_EXIT(afterText, 0);
    QVERIFY2(afterText.out.contains(QStringLiteral("70")), qPrintable(afterText.out));
}

void TestCliStandby::writesGoToThePrimary()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    CLI_EXIT(m_cli(withStandby(standby, userAdd(QStringLiteral("u2")))), 0);
    CLI_EXIT(m_cli(withStandby(
                 standby,
                 award(QStringLiteral("u2"), QStringLiteral("30"), QStringLiteral("w-1"), QStringLiteral("written")))),
             0);
    QCOMPARE(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'"))
            .toLongLong(),
        30);
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = 'w-1'"))
                 .toLongLong(),
             1);
}

void TestCliStandby::refusesAPrimary()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    const Run run = m_cli({QStringLiteral("--read-db"), m_spec->toUrl(true), QStringLiteral("history")});
    CLI_EXIT(run, 2);
    QVERIFY(CliRunner::isOneErrorLine(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("is not a standby: it is a primary server that accepts writes")),
             qPrintable(run.err));
}

void TestCliStandby::refusesAnotherDatabase()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    ConnectionSpec other = standby;
    other.database = QStringLiteral("postgres");
    const Run run = m_cli({QStringLiteral("--read-db"), other.toUrl(true), QStringLiteral("totals")});
    CLI_EXIT(run, 2);
    QVERIFY(CliRunner::isOneErrorLine(run.err));
    QVERIFY2(
        run.err.contains(QStringLiteral("is database postgres, not the ledger's database %1").arg(m_spec->database)),
        qPrintable(run.err));
}

void TestCliStandby::refusesSqlite()
{
    // A standby is PostgreSQL's: an SQLite file on either side is refused before anything is read.
    const QString other = TestBackend::isPostgres() ? QStringLiteral("/tmp/reader.sqlite")
                                                    : QStringLiteral("postgresql://reader@127.0.0.1:1/ledger");
    const Run run = m_cli({QStringLiteral("--read-db"), other, QStringLiteral("history")});
    CLI_EXIT(run, 2);
    QVERIFY(CliRunner::isOneErrorLine(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("A reading standby is for PostgreSQL")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliStandby)
#include "TestCliStandby.moc"
