#include "tests/support/TestBackend.h"

#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

namespace {

constexpr int Workers = 2;
constexpr int OperationsPerWorker = 2000;
const QStringList SharedUsers{QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3"), QStringLiteral("u4"),
                              QStringLiteral("u5")};

// What one worker did, as its own operations reported it.
struct WorkerLog
{
    qint64 succeeded = 0;
    qint64 rowEvents = 0; // audit events its successful operations must have written
    qint64 netAmount = 0; // XP added minus XP rolled back
    QStringList failures;
};

void work(const ConnectionSpec &spec, quint32 seed, WorkerLog *log)
{
    auto db = Database::open(spec, QStringLiteral("worker-%1").arg(seed));
    if (!db) {
        log->failures << db.error().message;
        return;
    }
    Ledger ledger(**db);
    QRandomGenerator random(seed);
    QList<std::pair<QString, qint32>> mine; // rows this worker added and has not rolled back
    for (int i = 0; i < OperationsPerWorker; ++i) {
        const QString user = SharedUsers.at(random.bounded(int(SharedUsers.size())));
        const quint32 kind = random.bounded(4u);
        Result<LedgerChange> change = Error::input(QString());
        const bool isRollback = kind == 0 && !mine.isEmpty();
        if (isRollback) {
            const auto [id, amount] = mine.takeAt(random.bounded(int(mine.size())));
            change = ledger.rollback({id}, QStringLiteral("worker rollback"));
            if (change)
                log->netAmount -= amount;
        } else if (kind == 1) {
            const qint32 amount = qint32(random.bounded(200u)) - 50;
            change = ledger.adjust(user, amount == 0 ? 1 : amount, QStringLiteral("worker adjust"));
        } else {
            change = ledger.award({user, qint32(random.bounded(50u)) + 1, SourceType::UserProblemAttempt,
                                   QStringLiteral("attempt-%1-%2").arg(seed).arg(i), QStringLiteral("worker award"),
                                   Category::CorrectAnswer});
        }
        if (!change) {
            log->failures << change.error().message;
            continue;
        }
        ++log->succeeded;
        log->rowEvents += change->rows.size();
        if (isRollback)
            continue;
        for (const XpTransaction &row : std::as_const(change->rows)) {
            mine << std::pair{row.id, row.amount};
            log->netAmount += row.amount;
        }
    }
}

// Watches the invariant while the workers run: every committed state, read as one snapshot,
// has every cached total equal to its SUM. (A check only at the end would miss a lost update
// that a later operation on the same user happened to heal.)
void watch(const ConnectionSpec &spec, const std::atomic<bool> *done, qint64 *snapshots, QStringList *problems)
{
    auto db = Database::open(spec, QStringLiteral("watcher"));
    if (!db) {
        *problems << db.error().message;
        return;
    }
    while (!done->load()) {
        const Status status = (*db)->readTransaction([&]() -> Status {
            auto drift = Ledger(**db).findDrift();
            if (!drift)
                return drift.error();
            for (const Drift &d : std::as_const(*drift))
                *problems << QStringLiteral("user %1: cached %2, sum %3").arg(d.userId).arg(d.cached).arg(d.sum);
            return {};
        });
        if (!status)
            *problems << status.error().message;
        ++*snapshots;
    }
}

} // namespace

// Several desks on the same users at once: nothing is lost, nothing is left unretried.
class TestConcurrency final : public QObject
{
    Q_OBJECT

private slots:
    void twoConnectionsOnSharedUsers();
};

void TestConcurrency::twoConnectionsOnSharedUsers()
{
    XP_OPEN_FRESH_DB(spec, db);
    for (const QString &user : SharedUsers)
        QVERIFY(Users(*db).add(user, user + QStringLiteral("@example.com"), {}));
    const qint64 eventsBefore
        = TestBackend::scalar(
              *db, QStringLiteral("SELECT count(*) FROM %1").arg(db->dialect().ownTable(QStringLiteral("audit_event"))))
              .toLongLong();

    std::atomic<bool> done{false};
    qint64 snapshots = 0;
    QStringList invariantProblems;
    std::unique_ptr<QThread> watcher(QThread::create(watch, spec, &done, &snapshots, &invariantProblems));
    watcher->start();

    std::vector<WorkerLog> logs(Workers);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int w = 0; w < Workers; ++w) {
        threads.emplace_back(QThread::create(work, spec, quint32(1000 + w), &logs[w]));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(QDeadlineTimer(15 * 60 * 1000)));
    done = true;
    QVERIFY(watcher->wait(QDeadlineTimer(60 * 1000)));
    QVERIFY2(invariantProblems.isEmpty(), qPrintable(invariantProblems.mid(0, 5).join(QLatin1Char('\n'))));
    QVERIFY(snapshots > 10);

    qint64 rowEvents = 0;
    qint64 netAmount = 0;
    for (const WorkerLog &log : logs) {
        // No operation may fail: lock contention ("database is locked", serialization
        // failures, deadlocks) is waited out or retried, never reported.
        QVERIFY2(log.failures.isEmpty(), qPrintable(log.failures.join(QLatin1Char('\n'))));
        QCOMPARE(log.succeeded, OperationsPerWorker);
        rowEvents += log.rowEvents;
        netAmount += log.netAmount;
    }
    QCOMPARE(TestBackend::usersWithWrongTotal(*db), 0);
    QCOMPARE(
        TestBackend::scalar(*db, QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\"")).toLongLong(),
        netAmount);
    QCOMPARE(TestBackend::scalar(*db, QStringLiteral("SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\""))
                 .toLongLong(),
             netAmount);
    const qint64 events
        = TestBackend::scalar(
              *db, QStringLiteral("SELECT count(*) FROM %1").arg(db->dialect().ownTable(QStringLiteral("audit_event"))))
              .toLongLong();
    QCOMPARE(events - eventsBefore, rowEvents);
    auto report = Verifier(*db).verify();
    QVERIFY(report);
    QVERIFY2(report->ok(), qPrintable(report->brokenReason));
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "TestConcurrency.moc"
