#include "tests/limits/LimitsFixture.h"

#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"

#include <QTest>

#include <thread>

using Scope = LimitRules::Scope;

// Two desks of one person at once (PostgreSQL; SQLite writes one transaction at a time, so two
// desks cannot decide at once there): the second waits for the person's day, then sees the first's
// adjustment, so they never both pass the day limit.
class TestLimitsConcurrency final : public QObject, private LimitsFixture
{
    Q_OBJECT

private slots:
    void init() { openLimitsDatabase(); }
    void cleanup() { closeLimitsDatabase(); }

    void twoDesksOfOnePersonDoNotBothPass();

private:
    QString me() const { return LimitCheck::connectedPerson(*m_db); }
};

void TestLimitsConcurrency::twoDesksOfOnePersonDoNotBothPass()
{
    QVERIFY(setLimits(Scope::Person, me(), std::nullopt, 5000));
    auto first = m_db->reopen();
    QVERIFY(first);
    const Bindings person{{QStringLiteral(":p"), me()}};
    // The first desk holds the person's day, as it does while it decides and applies.
    QVERIFY((*first)->run(QStringLiteral("SELECT pg_advisory_lock(7364297, hashtext(CAST(:p AS TEXT)))"), person));
    // The second desk's adjustment waits for the day (it would not wait without the lock)...
    Result<LedgerChange> secondResult = Error::database(QStringLiteral("not run"));
    const ConnectionSpec spec = *m_spec;
    std::thread desk([&] {
        auto second = Database::open(spec, QStringLiteral("tester"));
        secondResult = second ? Ledger(**second).adjust(QStringLiteral("u1"), 2000, QStringLiteral("desk two"))
                              : Result<LedgerChange>(second.error());
    });
    // However the test ends, the first desk lets go of the day (closing its connection) and the
    // second desk's thread is joined.
    struct Joiner
    {
        std::unique_ptr<Database> &first;
        std::thread &desk;
        ~Joiner()
        {
            first.reset();
            if (desk.joinable())
                desk.join();
        }
    } joiner{*first, desk};
    const QString waiting = QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                                           "AND classid = 7364297");
    QTRY_VERIFY_WITH_TIMEOUT(TestBackend::scalar(*m_db, waiting).toLongLong() == 1, 60000);
    // ... while the first applies its 4,000; then it reads them.
    auto one = Ledger(**first).adjust(QStringLiteral("u1"), 4000, QStringLiteral("desk one"));
    QVERIFY(one && one->pendingId.isEmpty());
    QVERIFY((*first)->run(QStringLiteral("SELECT pg_advisory_unlock(7364297, hashtext(CAST(:p AS TEXT)))"), person));
    if (desk.joinable())
        desk.join();
    QVERIFY2(secondResult, qPrintable(secondResult ? QString() : secondResult.error().message));
    QVERIFY(!secondResult->pendingId.isEmpty());
    QCOMPARE(heldForOf(secondResult->pendingId), QStringLiteral("limit-per-day"));
    QCOMPARE(totalOf(QStringLiteral("u1")), 4000);
}

QTEST_GUILESS_MAIN(TestLimitsConcurrency)
#include "TestLimitsConcurrency.moc"
