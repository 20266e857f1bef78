#include "tests/support/TestBackend.h"

#include "core/db/LockWaits.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <mutex>
#include <thread>

// A second connection holds the lock the ledger needs, as another program would: the ledger's
// operation waits no longer than its limit, says what it waits for, stops at once when cancelled,
// and in every case leaves the ledger as it was.
class TestLockWaits final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void waitEndsAtTheLimit();
    void cancelEndsTheWait();
    void cancelBeforeCommitKeepsNothing();
    void sessionHonoursItsWaitSetting();

private:
    // The holder (the test's own connection) takes the lock an adjustment needs.
    void holdLock();
    void releaseLock();
    std::unique_ptr<Database> openWaiter();

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_holder;
    QByteArray m_before;
};

namespace {

const QString User = QStringLiteral("alice");
const QString HolderName = QStringLiteral("lock-holder-test");

// Texts told by a connection's watcher thread.
struct Told
{
    std::mutex mutex;
    QStringList texts;

    LockWaits::Observer observer()
    {
        return [this](const QString &text) {
            const std::lock_guard lock(mutex);
            texts << text;
        };
    }
    QString joined()
    {
        const std::lock_guard lock(mutex);
        return texts.join(u'\n');
    }
};

} // namespace

void TestLockWaits::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_holder = std::move(db);
    QVERIFY(Users(*m_holder).add(User, QStringLiteral("alice@example.com"), QStringLiteral("Alice")));
    QVERIFY(Ledger(*m_holder).adjust(User, 10, QStringLiteral("start")));
    m_before = TestBackend::contentDigest(*m_holder);
}

void TestLockWaits::cleanup()
{
    m_holder.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

void TestLockWaits::holdLock()
{
    if (TestBackend::isPostgres()) {
        QVERIFY(m_holder->execute(QStringLiteral("SET application_name = '%1'").arg(HolderName)));
        QVERIFY(m_holder->execute(QStringLiteral("BEGIN")));
        QVERIFY(m_holder->execute(QStringLiteral("LOCK TABLE \"UserProfile\" IN ACCESS EXCLUSIVE MODE")));
    } else {
        QVERIFY(m_holder->execute(QStringLiteral("BEGIN IMMEDIATE")));
    }
}

void TestLockWaits::releaseLock()
{
    QVERIFY(m_holder->execute(QStringLiteral("ROLLBACK")));
}

std::unique_ptr<Database> TestLockWaits::openWaiter()
{
    auto waiter = Database::open(*m_spec, QStringLiteral("waiter"));
    if (!waiter)
        qFatal("%s", qPrintable(waiter.error().message));
    return std::move(*waiter);
}

void TestLockWaits::waitEndsAtTheLimit()
{
    Told told; // outlives the connection, whose watcher tells it
    auto waiter = openWaiter();
    waiter->waits().setLimit(1500);
    waiter->waits().setObserver(told.observer());
    holdLock();
    QElapsedTimer clock;
    clock.start();
    const auto result = Ledger(*waiter).adjust(User, 5, QStringLiteral("behind a lock"));
    const qint64 waited = clock.elapsed();
    releaseLock();

    QVERIFY(!result);
    QCOMPARE(result.error().kind, Error::Kind::Database);
    QVERIFY2(result.error().message.contains(QLatin1String("nothing was changed")), qPrintable(result.error().message));
    // Retries of the transaction stay within the limit too.
    QVERIFY2(waited >= 1300 && waited < 4000, qPrintable(QString::number(waited)));
    const QString expected = TestBackend::isPostgres() ? HolderName : QStringLiteral("another program writing");
    QVERIFY2(told.joined().contains(expected), qPrintable(told.joined()));
    QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
    if (TestBackend::isPostgres())
        QVERIFY2(told.joined().contains(QLatin1String("\"UserProfile\"")), qPrintable(told.joined()));
    QCOMPARE(TestBackend::contentDigest(*m_holder), m_before);
}

void TestLockWaits::cancelEndsTheWait()
{
    auto waiter = openWaiter();
    const CancelToken cancel;
    waiter->waits().setCancelToken(cancel);
    holdLock();
    QElapsedTimer clock;
    clock.start();
    std::thread person([cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        cancel.cancel();
    });
    const auto result = Ledger(*waiter).adjust(User, 5, QStringLiteral("cancelled while waiting"));
    const qint64 waited = clock.elapsed();
    person.join();
    releaseLock();

    QVERIFY(!result);
    QCOMPARE(result.error().kind, Error::Kind::Cancelled);
    QVERIFY2(waited < 3000, qPrintable(QString::number(waited)));
    QCOMPARE(TestBackend::contentDigest(*m_holder), m_before);
    // The connection works on once the lock is free.
    waiter->waits().setCancelToken(std::nullopt);
    QVERIFY(Ledger(*waiter).adjust(User, 5, QStringLiteral("after the wait")));
}

void TestLockWaits::cancelBeforeCommitKeepsNothing()
{
    auto waiter = openWaiter();
    const CancelToken cancel;
    waiter->waits().setCancelToken(cancel);
    const Status status = waiter->writeTransaction([&]() -> Status {
        const auto change = Ledger(*waiter).adjust(User, 5, QStringLiteral("cancelled before commit"));
        if (!change)
            return change.error();
        cancel.cancel(); // all written; only COMMIT is left
        return {};
    });
    QVERIFY(!status);
    QCOMPARE(status.error().kind, Error::Kind::Cancelled);
    QCOMPARE(TestBackend::contentDigest(*m_holder), m_before);
}

void TestLockWaits::sessionHonoursItsWaitSetting()
{
    LedgerSession session(*m_spec, QStringLiteral("desk"));
    session.setWaitLimit(2000);
    QSignalSpy waits(&session, &LedgerSession::waitChanged);
    holdLock();
    std::optional<Result<LedgerChange>> result;
    QElapsedTimer clock;
    clock.start();
    session.mutate(
        this, [](Ledger &ledger) { return ledger.adjust(User, 5, QStringLiteral("from the window")); },
        [&](const Result<LedgerChange> &done) { result = done; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000);
    const qint64 waited = clock.elapsed();
    releaseLock();

    QVERIFY(!result->ok());
    QCOMPARE(result->error().kind, Error::Kind::Database);
    QVERIFY2(waited >= 1800 && waited < 5000, qPrintable(QString::number(waited)));
    QVERIFY(!waits.isEmpty());
    QVERIFY2(waits.constFirst().constFirst().toString().contains(QLatin1String("Waiting for")),
             qPrintable(waits.constFirst().constFirst().toString()));
    QVERIFY(waits.constLast().constFirst().toString().isEmpty()); // the wait is over
    QCOMPARE(TestBackend::contentDigest(*m_holder), m_before);
}

QTEST_GUILESS_MAIN(TestLockWaits)
#include "TestLockWaits.moc"
