#include "tests/periods/PeriodLedger.h"
#include "tests/support/TestBackend.h"

#include "core/ledger/Ledger.h"
#include "core/periods/Periods.h"

#include <QTest>

#include <atomic>
#include <thread>

// A close and the changes of other desks at the same moment (PostgreSQL; SQLite writes one
// transaction at a time). A change and a close take the close's lock in one order, so that no
// change slips into a period closed between the change's check and its commit, and no close keeps
// totals that a change under way is about to alter.
class TestPeriodsConcurrency final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void closeWaitsForAChangeUnderWayAndKeepsIt();
    void changeStartedBeforeACloseIsRefusedAfterIt();

private:
    // How many sessions wait for the close's lock (7364285) or for a user's (7364283).
    qint64 waitingFor(int lockKey);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    PeriodLedger m_ledger;
};

void TestPeriodsConcurrency::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    m_ledger = PeriodLedger();
    const QString failed = m_ledger.setUp(*m_db);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestPeriodsConcurrency::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

qint64 TestPeriodsConcurrency::waitingFor(int lockKey)
{
    // A lock on one bigint key lists it in objid; a lock on two int keys lists the first in classid.
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT "
                                              "granted AND (objid = :key AND objsubid = 1 OR classid = :key)"),
                               {{QStringLiteral(":key"), lockKey}})
        .toLongLong();
}

// A change that passed its check holds the close off until it commits; the close then keeps the
// totals with that change in them.
void TestPeriodsConcurrency::closeWaitsForAChangeUnderWayAndKeepsIt()
{
    auto desk = m_db->reopen();
    QVERIFY(desk);
    std::atomic<bool> checked = false;
    std::atomic<bool> mayCommit = false;
    Status changed = Error::database(QStringLiteral("not run"));
    // The desk's change: its check of the closed period (the close's lock, shared), then a row of
    // alice dated in the days about to be closed, as a restore of an old row writes one.
    std::thread change([&] {
        changed = (*desk)->writeTransaction([&]() -> Status {
            if (auto locked = (*desk)->run(QStringLiteral("SELECT pg_advisory_xact_lock_shared(7364285)")); !locked)
                return locked.error();
            if (!PeriodLedger::insertRow(**desk, QStringLiteral("xp-alice-late"), QStringLiteral("alice"), 25,
                                         QStringLiteral("USER_PROBLEM_ATTEMPT"), QStringLiteral("attempt-9"),
                                         PeriodLedger::daysAgo(8)))
                return Error::database(QStringLiteral("the row was not written"));
            checked = true;
            while (!mayCommit)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            return {};
        });
    });
    Result<ClosedPeriod> closed = Error::database(QStringLiteral("not run"));
    std::thread close;
    struct Joiner
    {
        std::atomic<bool> &mayCommit;
        std::thread &change;
        std::thread &close;
        ~Joiner()
        {
            mayCommit = true;
            if (change.joinable())
                change.join();
            if (close.joinable())
                close.join();
        }
    } joiner{mayCommit, change, close};
    QTRY_VERIFY_WITH_TIMEOUT(checked, 30000);
    const ConnectionSpec spec = *m_spec;
    close = std::thread([&] {
        auto admin = Database::open(spec, QStringLiteral("tester"));
        closed = admin ? Periods(**admin).close(PeriodLedger::closeDay(), QStringLiteral("month end"))
                       : Result<ClosedPeriod>(admin.error());
    });
    // The close waits for the change (it would not wait without the lock)...
    QTRY_VERIFY_WITH_TIMEOUT(waitingFor(7364285) == 1, 30000);
    QVERIFY(!Periods(*m_db).current().value().has_value());
    // ... and once the change commits, keeps alice's total with its 25 XP in it.
    mayCommit = true;
    change.join();
    close.join();
    QVERIFY2(changed, qPrintable(changed ? QString() : changed.error().message));
    QVERIFY2(closed, qPrintable(closed ? QString() : closed.error().message));
    const QVariant kept
        = TestBackend::scalar(*m_db,
                              QStringLiteral("SELECT total FROM %1 WHERE period_id = :p AND user_id = 'alice'")
                                  .arg(m_db->dialect().ownTable(QStringLiteral("period_total"))),
                              {{QStringLiteral(":p"), closed->id}});
    QCOMPARE(kept.toLongLong(), 175);
    QCOMPARE(PeriodLedger::sumsUpTo(*m_db, PeriodLedger::closeDay()), QStringLiteral("alice=175;bob=30"));
}

// A rollback that started before the close (waiting for its user) checks the period after the
// close committed, and is refused with nothing changed.
void TestPeriodsConcurrency::changeStartedBeforeACloseIsRefusedAfterIt()
{
    auto other = m_db->reopen();
    QVERIFY(other);
    // Another desk's work on bob keeps the rollback waiting for him.
    const Bindings bob{{QStringLiteral(":u"), QStringLiteral("bob")}};
    QVERIFY((*other)->run(QStringLiteral("SELECT pg_advisory_lock(7364283, hashtext(CAST(:u AS TEXT)))"), bob));
    Result<LedgerChange> rolledBack = Error::database(QStringLiteral("not run"));
    const ConnectionSpec spec = *m_spec;
    std::thread rollback([&] {
        auto desk = Database::open(spec, QStringLiteral("tester"));
        rolledBack = desk ? Ledger(**desk).rollback({m_ledger.bobOld}, QStringLiteral("duplicate"))
                          : Result<LedgerChange>(desk.error());
    });
    struct Joiner
    {
        std::unique_ptr<Database> &other;
        std::thread &rollback;
        ~Joiner()
        {
            other.reset(); // lets go of bob
            if (rollback.joinable())
                rollback.join();
        }
    } joiner{*other, rollback};
    QTRY_VERIFY_WITH_TIMEOUT(waitingFor(7364283) == 1, 30000);
    // Meanwhile an admin closes the days bob's row is in.
    auto closed = Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("month end"));
    QVERIFY2(closed, qPrintable(closed ? QString() : closed.error().message));
    QVERIFY((*other)->run(QStringLiteral("SELECT pg_advisory_unlock(7364283, hashtext(CAST(:u AS TEXT)))"), bob));
    rollback.join();
    QVERIFY(!rolledBack);
    QVERIFY2(rolledBack.error().message.contains(
                 QStringLiteral("closed up to %1").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
             qPrintable(rolledBack.error().message));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"id\" = :id"),
                                 {{QStringLiteral(":id"), m_ledger.bobOld}})
                 .toLongLong(),
             1);
}

QTEST_GUILESS_MAIN(TestPeriodsConcurrency)
#include "TestPeriodsConcurrency.moc"
