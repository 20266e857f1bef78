#include "tests/faults/PrivateCluster.h"
#include "tests/support/TestBackend.h"

#include "core/db/Schema.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <unistd.h>

namespace {

// What a person checks after a crash: rows, sums, totals, audit events and the newest hash.
struct State
{
    qint64 users = 0;
    qint64 rows = 0;
    qint64 amountSum = 0;
    qint64 totalSum = 0;
    qint64 events = 0;
    QString newestHash;

    bool operator==(const State &) const = default;
    QString text() const
    {
        return QStringLiteral("users %1, rows %2, sum %3, totals %4, events %5")
            .arg(users)
            .arg(rows)
            .arg(amountSum)
            .arg(totalSum)
            .arg(events);
    }
};

// The error's message, or nothing: QVERIFY2 builds its message even when the check passes.
template<typename T>
QString why(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

} // namespace

// The PostgreSQL server killed (SIGKILL to the postmaster and its children) in the middle of
// an operation: afterwards the operation is wholly there or wholly absent, the error said
// which (or that it cannot know, when the commit itself was cut), the same Database object
// works again once the server is back, and nothing is applied twice.
class TestServerKill final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void rollbackOfManyRowsKilledLeavesEveryRow();
    void importKilledWhileWritingLeavesNothingAndCanBeRepeated();
    void commitKilledIsReportedAsUncertain();
    void commitKilledIsSettledOnceTheServerIsBack();
    void serverSaysHowATransactionEnded();
    void droppedConnectionIsRetriedAndAppliedOnce();

private:
    // A state read on a connection of its own, after the server is back.
    State stateNow();
    bool restartServer();
    bool slowEveryCommit();
    // Awards amount to u1 while the server is killed 1.5 s into the slowed commit; with restart,
    // a supervisor starts the server again at once. killed and restarted say what happened.
    Result<LedgerChange> awardKilledAtCommit(const AwardRequest &request, bool restart, bool *killed, bool *restarted);
    static AwardRequest awardOf(qint32 amount);
    QString writeFile(const QString &name, const QByteArray &content);
    // n users with rows rows each, imported in bulk.
    void fill(int users, int rowsEach);

    std::unique_ptr<PrivateCluster> m_cluster;
    ConnectionSpec m_spec;
    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;
    int m_databases = 0;
};

void TestServerKill::initTestCase()
{
    const bool required = TestBackend::serverRequired();
    if (geteuid() != 0)
        QSKIP("Killing a private PostgreSQL server needs root (initdb runs as the postgres user)");
    if (PrivateCluster::binDirectory().isEmpty()) {
        if (required)
            QFAIL("initdb is not installed, and CI=true needs this test to run");
        QSKIP("initdb is not installed (Debian package postgresql)");
    }
    m_cluster = std::make_unique<PrivateCluster>();
    QString why;
    QVERIFY2(m_cluster->start(&why), qPrintable(why));
}

void TestServerKill::init()
{
    if (!m_cluster->isRunning())
        QVERIFY(restartServer());
    auto admin = Database::open(m_cluster->spec());
    QVERIFY2(admin, qPrintable(why(admin)));
    const QString name = QStringLiteral("faults_%1").arg(++m_databases);
    QVERIFY((*admin)->execute(QStringLiteral("CREATE DATABASE %1").arg(name)));
    m_spec = m_cluster->spec();
    m_spec.database = name;
    QString error;
    m_db = TestBackend::openInitialized(m_spec, &error);
    QVERIFY2(m_db, qPrintable(error));
}

void TestServerKill::cleanup()
{
    m_db.reset();
}

bool TestServerKill::restartServer()
{
    QString why;
    if (!m_cluster->restart(&why)) {
        qWarning("%s", qPrintable(why));
        return false;
    }
    return true;
}

State TestServerKill::stateNow()
{
    State state;
    auto db = Database::open(m_spec);
    if (!db) {
        qWarning("%s", qPrintable(why(db)));
        state.events = -1;
        return state;
    }
    auto rows = (*db)->run(
        QStringLiteral("SELECT (SELECT count(*) FROM \"User\"), (SELECT count(*) FROM \"UserXP\"), "
                       "(SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\"), "
                       "(SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\"), (SELECT count(*) FROM %1), "
                       "(SELECT hash FROM %1 ORDER BY seq DESC LIMIT 1)")
            .arg((*db)->dialect().ownTable(QStringLiteral("audit_event"))));
    if (!rows || !rows->next()) {
        state.events = -1;
        return state;
    }
    state.users = rows->integer(0);
    state.rows = rows->integer(1);
    state.amountSum = rows->integer(2);
    state.totalSum = rows->integer(3);
    state.events = rows->integer(4);
    state.newestHash = rows->text(5);
    const auto report = Verifier(**db).verify();
    if (!report || !report->ok()) {
        qWarning("verify failed: %s", report ? qPrintable(report->brokenReason) : qPrintable(why(report)));
        state.events = -2;
    }
    return state;
}

QString TestServerKill::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestServerKill::fill(int users, int rowsEach)
{
    QByteArray legacy = "userId,totalXP,email\n";
    QByteArray adjust = "userId,amount,reason\n";
    for (int u = 0; u < users; ++u) {
        legacy += QStringLiteral("user-%1,1,user%1@example.org\n").arg(u).toUtf8();
        for (int r = 0; r < rowsEach; ++r)
            adjust += QStringLiteral("user-%1,%2,seed\n").arg(u).arg(r % 9 + 1).toUtf8();
    }
    BatchImporter importer(*m_db);
    const auto created = importer.importFile(ImportKind::Legacy, writeFile(QStringLiteral("users.csv"), legacy), false);
    QVERIFY2(created && created->applied,
             qPrintable(!created                          ? why(created)
                            : created->problems.isEmpty() ? QString()
                                                          : created->problems.first().message));
    const auto rows = importer.importFile(ImportKind::Adjust,
                                          writeFile(QStringLiteral("rows-%1.csv").arg(m_databases), adjust), false);
    QVERIFY2(rows && rows->applied, rows ? "problems" : qPrintable(why(rows)));
}

void TestServerKill::rollbackOfManyRowsKilledLeavesEveryRow()
{
    fill(40, 500);
    QStringList ids;
    {
        auto rows = m_db->run(QStringLiteral("SELECT \"id\" FROM \"UserXP\" ORDER BY \"id\""));
        QVERIFY(rows);
        while (rows->next())
            ids << rows->text(0);
    }
    QCOMPARE(ids.size(), 40 * 501); // with the legacy row of each user
    const State before = stateNow();
    QVERIFY(before.events > 0);

    // The rollback deletes row by row for a few seconds; the server dies half a second in.
    std::atomic<bool> killed{false};
    std::thread killer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        QString why;
        killed = m_cluster->kill(&why);
    });
    QElapsedTimer timer;
    timer.start();
    const auto result = Ledger(*m_db).rollback(ids, QStringLiteral("mass rollback"));
    killer.join();
    QVERIFY(killed);
    QVERIFY2(!result,
             qPrintable(QStringLiteral("the rollback finished in %1 ms, before the kill").arg(timer.elapsed())));
    const Error error = result.error();
    QVERIFY2(restartServer(), "restart failed");
    const State after = stateNow();
    if (error.kind == Error::Kind::Uncertain) {
        // Cut during COMMIT: either way, wholly.
        QVERIFY2(error.message.contains(QStringLiteral("may or may not")), qPrintable(error.message));
        QVERIFY2(after == before || (after.rows == 0 && after.events == before.events + ids.size()),
                 qPrintable(after.text()));
        if (after.rows == 0)
            return;
    } else {
        QCOMPARE(error.kind, Error::Kind::Database);
        QVERIFY2(error.message.contains(QStringLiteral("nothing was changed")), qPrintable(error.message));
        QCOMPARE(after.text(), before.text());
        QCOMPARE(after.newestHash, before.newestHash);
    }
    // The same connection object reconnects, and the repeated rollback happens once.
    const auto again = Ledger(*m_db).rollback(ids, QStringLiteral("mass rollback, again"));
    QVERIFY2(again, qPrintable(why(again)));
    QCOMPARE(again->rows.size(), ids.size());
    const State done = stateNow();
    QCOMPARE(done.rows, 0);
    QCOMPARE(done.amountSum, 0);
    QCOMPARE(done.totalSum, 0);
    QCOMPARE(done.events, before.events + ids.size());
}

void TestServerKill::importKilledWhileWritingLeavesNothingAndCanBeRepeated()
{
    QByteArray legacy = "userId,totalXP,email,name\n";
    qint64 total = 0;
    for (int u = 0; u < 30000; ++u) {
        legacy += QStringLiteral("legacy-%1,%2,l%1@example.org,Legacy %1\n").arg(u).arg(u % 1000 + 1).toUtf8();
        total += u % 1000 + 1;
    }
    const QString path = writeFile(QStringLiteral("legacy.csv"), legacy);
    const State before = stateNow();
    bool killed = false;
    BatchImporter importer(*m_db);
    const auto result = importer.importFile(
        ImportKind::Legacy, path, false, [&](BatchImporter::Phase phase, qint64 done, qint64 steps) {
            if (phase == BatchImporter::Phase::Writing && !killed && done > 0 && done < steps) {
                QString why;
                killed = m_cluster->kill(&why);
            }
            return true;
        });
    QVERIFY2(killed, "the import never reported progress while writing");
    QVERIFY2(!result || !result->applied, "the import claims success after the server died");
    QVERIFY(!result);
    QCOMPARE(result.error().kind, Error::Kind::Database);
    QVERIFY2(result.error().message.contains(QStringLiteral("nothing was changed")), qPrintable(why(result)));
    QVERIFY(restartServer());
    QCOMPARE(stateNow().text(), before.text());

    // The same file again, through the same connection object: applied, and only once.
    const auto again = importer.importFile(ImportKind::Legacy, path, false);
    QVERIFY2(again, qPrintable(why(again)));
    QVERIFY2(again->applied, qPrintable(again->alreadyImported));
    QCOMPARE(again->usersCreated, 30000);
    const State after = stateNow();
    QCOMPARE(after.users, before.users + 30000);
    QCOMPARE(after.rows, before.rows + 30000);
    QCOMPARE(after.amountSum, before.amountSum + total);
    QCOMPARE(after.totalSum, before.totalSum + total);
    const auto third = importer.importFile(ImportKind::Legacy, path, false);
    QVERIFY(third);
    QVERIFY(!third->applied);
    QVERIFY(!third->alreadyImported.isEmpty());
    QCOMPARE(stateNow().text(), after.text());
}

bool TestServerKill::slowEveryCommit()
{
    // A trigger that holds every commit of a "UserXP" change for three seconds, so that the
    // server can be killed while the COMMIT is in flight.
    return m_db->execute(QStringLiteral(
               "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); "
               "RETURN NULL; END $$"))
        && m_db->execute(QStringLiteral("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON \"UserXP\" "
                                        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()"));
}

AwardRequest TestServerKill::awardOf(qint32 amount)
{
    AwardRequest request;
    request.userId = QStringLiteral("u1");
    request.amount = amount;
    request.sourceId = QStringLiteral("attempt-%1").arg(amount);
    request.description = QStringLiteral("killed at commit");
    return request;
}

Result<LedgerChange> TestServerKill::awardKilledAtCommit(const AwardRequest &request, bool restart, bool *killed,
                                                         bool *restarted)
{
    std::atomic<bool> wasKilled{false};
    std::atomic<bool> wasRestarted{false};
    std::thread supervisor([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        QString why;
        wasKilled = m_cluster->kill(&why);
        if (restart)
            wasRestarted = m_cluster->restart(&why);
    });
    auto result = Ledger(*m_db).award(request);
    supervisor.join();
    *killed = wasKilled;
    *restarted = wasRestarted;
    return result;
}

void TestServerKill::commitKilledIsReportedAsUncertain()
{
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.org"), QStringLiteral("One")));
    QVERIFY(slowEveryCommit());
    const State before = stateNow();
    bool killed = false;
    bool restarted = false;
    const AwardRequest request = awardOf(7);
    const auto result = awardKilledAtCommit(request, false, &killed, &restarted);
    QVERIFY(killed);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, Error::Kind::Uncertain);
    QVERIFY2(result.error().message.contains(QStringLiteral("may or may not have been applied")),
             qPrintable(why(result)));
    QVERIFY(restartServer());
    // The server died before the commit finished: nothing of it is there.
    QCOMPARE(stateNow().text(), before.text());
    {
        auto admin = Database::open(m_spec);
        QVERIFY(admin);
        QVERIFY((*admin)->execute(QStringLiteral("DROP TRIGGER slow_commit ON \"UserXP\"")));
    }
    // The same object reconnects; the award, repeated, is there once.
    const auto again = Ledger(*m_db).award(request);
    QVERIFY2(again, qPrintable(why(again)));
    const State after = stateNow();
    QCOMPARE(after.rows, before.rows + 1);
    QCOMPARE(after.amountSum, before.amountSum + 7);
    QCOMPARE(after.totalSum, before.totalSum + 7);
    QCOMPARE(after.events, before.events + 1);
}

void TestServerKill::commitKilledIsSettledOnceTheServerIsBack()
{
    // The server dies during the COMMIT and is back a moment later (a supervisor restarts it):
    // XP Admin reconnects, asks the server how its transaction ended (txid_status), learns that it
    // was aborted, and runs the award once more. The user sees one award, applied once.
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.org"), QStringLiteral("One")));
    QVERIFY(slowEveryCommit());
    const State before = stateNow();
    bool killed = false;
    bool restarted = false;
    QElapsedTimer timer;
    timer.start();
    const auto result = awardKilledAtCommit(awardOf(11), true, &killed, &restarted);
    QVERIFY(killed);
    QVERIFY(restarted);
    QVERIFY2(result, qPrintable(why(result)));
    QCOMPARE(result->rows.size(), 1);
    QCOMPARE(result->totals.value(QStringLiteral("u1")), 11);
    const State after = stateNow();
    QCOMPARE(after.rows, before.rows + 1);
    QCOMPARE(after.amountSum, before.amountSum + 11);
    QCOMPARE(after.totalSum, before.totalSum + 11);
    QCOMPARE(after.events, before.events + 1);
    qInfo("award settled after the server was killed at commit and restarted, in %lld ms",
          static_cast<long long>(timer.elapsed()));
}

void TestServerKill::serverSaysHowATransactionEnded()
{
    // What the settling asks: committed and aborted transactions, by id.
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.org"), QStringLiteral("One")));
    qint64 committedId = 0;
    QVERIFY(m_db->writeTransaction([&]() -> Status {
        if (const Status s = m_db->execute(QStringLiteral("UPDATE \"User\" SET \"name\" = 'Uno'")); !s)
            return s;
        auto id = m_db->run(QStringLiteral("SELECT txid_current()"));
        if (!id || !id->next())
            return Error::database(QStringLiteral("no transaction id"));
        committedId = id->integer(0);
        return {};
    }));
    qint64 abortedId = 0;
    QVERIFY(!m_db->writeTransaction([&]() -> Status {
        if (const Status s = m_db->execute(QStringLiteral("UPDATE \"User\" SET \"name\" = 'Eins'")); !s)
            return s;
        auto id = m_db->run(QStringLiteral("SELECT txid_current()"));
        if (!id || !id->next())
            return Error::database(QStringLiteral("no transaction id"));
        abortedId = id->integer(0);
        return Error::input(QStringLiteral("changed my mind"));
    }));
    QVERIFY(committedId > 0 && abortedId > 0);
    QCOMPARE(m_db->outcomeOf(committedId).value(), Database::Outcome::Committed);
    QCOMPARE(m_db->outcomeOf(abortedId).value(), Database::Outcome::Aborted);
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT \"name\" FROM \"User\"")).toString(),
             QStringLiteral("Uno"));
}

void TestServerKill::droppedConnectionIsRetriedAndAppliedOnce()
{
    fill(10, 10);
    QCOMPARE(stateNow().rows, 110);
    QByteArray adjust = "userId,amount,reason\n";
    for (int r = 0; r < 20000; ++r)
        adjust += QStringLiteral("user-%1,3,retry\n").arg(r % 10).toUtf8();
    const QString path = writeFile(QStringLiteral("retry.csv"), adjust);
    const State before = stateNow();
    qint64 backend = 0;
    {
        // Rows must not outlive a reconnect, which frees the statements behind them.
        auto pid = m_db->run(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid && pid->next());
        backend = pid->integer(0);
    }
    auto other = Database::open(m_spec);
    QVERIFY(other);
    int writingCalls = 0;
    bool terminated = false;
    // Only the connection dies (the server stays up): the transaction is run again, whole.
    const auto result = BatchImporter(*m_db).importFile(
        ImportKind::Adjust, path, false, [&](BatchImporter::Phase phase, qint64 done, qint64 steps) {
            if (phase == BatchImporter::Phase::Writing) {
                ++writingCalls;
                if (!terminated && done > 0 && done < steps) {
                    terminated = true;
                    auto killed = (*other)->run(QStringLiteral("SELECT pg_terminate_backend(:pid)"),
                                                {{QStringLiteral(":pid"), backend}});
                    if (!killed)
                        qWarning("%s", qPrintable(why(killed)));
                }
            }
            return true;
        });
    QVERIFY(terminated);
    QVERIFY2(result, qPrintable(why(result)));
    QVERIFY(result->applied);
    QCOMPARE(result->transactions, 20000);
    const State after = stateNow();
    QCOMPARE(after.rows, before.rows + 20000);
    QCOMPARE(after.amountSum, before.amountSum + 60000);
    QCOMPARE(after.totalSum, before.totalSum + 60000);
    QCOMPARE(after.events, before.events + 20000);
}

QTEST_GUILESS_MAIN(TestServerKill)
#include "TestServerKill.moc"
