#include "tests/support/TestBackend.h"

#include "core/import/DemoGenerator.h"
#include "core/ledger/Verifier.h"

#include <QTest>

class TestDemoGenerator final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void makesWhatWasAsked();
    void cancelKeepsNothing();
    void refusesBadOptions_data();
    void refusesBadOptions();

private:
    qint64 count(const QString &table)
    {
        return TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM %1").arg(table)).toLongLong();
    }

    std::unique_ptr<Database> m_db;
};

void TestDemoGenerator::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
}

void TestDemoGenerator::cleanup()
{
    m_db.reset();
}

void TestDemoGenerator::makesWhatWasAsked()
{
    qint64 lastDone = 0;
    auto summary = DemoGenerator(*m_db).generate({40, 3000, 30, 1}, [&](qint64 done, qint64 total) {
        lastDone = done;
        return total == 3000;
    });
    QVERIFY(summary);
    QCOMPARE(summary->users, 40);
    QCOMPARE(summary->transactions, 3000);
    QCOMPARE(lastDone, 3000);
    QCOMPARE(count(QStringLiteral("\"User\"")), 40);
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 3000);
    QCOMPARE(summary->totalXP,
             TestBackend::scalar(*m_db, QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")).toLongLong());
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    // Spread over the days asked for, none in the future.
    const QDateTime oldest = m_db->dialect().readTimestamp(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT min(\"createdAt\") FROM \"UserXP\"")));
    const QDateTime newest = m_db->dialect().readTimestamp(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT max(\"createdAt\") FROM \"UserXP\"")));
    QVERIFY(oldest >= QDateTime::currentDateTimeUtc().addDays(-31));
    QVERIFY(newest <= QDateTime::currentDateTimeUtc());
    QVERIFY(oldest.daysTo(newest) >= 20);
    auto report = Verifier(*m_db).verify();
    QVERIFY(report && report->ok());
    // A second run adds to the first.
    QVERIFY(DemoGenerator(*m_db).generate({10, 100, 5, 2}));
    QCOMPARE(count(QStringLiteral("\"User\"")), 50);
}

void TestDemoGenerator::cancelKeepsNothing()
{
    const qint64 events = count(m_db->dialect().ownTable(QStringLiteral("audit_event")));
    auto cancelled = DemoGenerator(*m_db).generate({20, 5000, 10, 3}, [](qint64 done, qint64) { return done < 2000; });
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().kind, Error::Kind::Cancelled);
    QCOMPARE(count(QStringLiteral("\"User\"")), 0);
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 0);
    QCOMPARE(count(m_db->dialect().ownTable(QStringLiteral("audit_event"))), events);
}

void TestDemoGenerator::refusesBadOptions_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<qint64>("transactions");
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no users") << 0 << qint64(10) << 10 << "--users";
    QTest::newRow("negative transactions") << 5 << qint64(-1) << 10 << "--transactions";
    QTest::newRow("no days") << 5 << qint64(10) << 0 << "--days";
}

void TestDemoGenerator::refusesBadOptions()
{
    QFETCH(int, users);
    QFETCH(qint64, transactions);
    QFETCH(int, days);
    QFETCH(QString, mentions);
    auto refused = DemoGenerator(*m_db).generate({users, transactions, days, 1});
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Input);
    QVERIFY2(refused.error().message.contains(mentions), qPrintable(refused.error().message));
    QCOMPARE(count(QStringLiteral("\"User\"")), 0);
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "TestDemoGenerator.moc"
