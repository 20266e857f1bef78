#include "tests/support/TestBackend.h"

#include "core/db/LockWaits.h"

#include <QElapsedTimer>
#include <QTest>

// On a direct PostgreSQL connection, a statement run more than once is prepared on the server
// (PostgresPrepared) and gives the same rows as before. Behind a pooler in transaction mode
// (pgbouncer=true) nothing is prepared. A table whose columns changed, or a server that forgot
// the names (DEALLOCATE ALL, as a pooler's reset of a server connection does), fails no
// statement outside a transaction, and at most the one inside a transaction that found out.
class TestPreparedStatements final : public QObject
{
    Q_OBJECT

private slots:
    void aStatementRunAgainIsPrepared();
    void behindAPoolerNothingIsPrepared();
    void changedColumnsArePlannedAgain();
    void forgottenNamesAreRunUnnamed();
    void preparingWaitsForLocksOnlyAsLongAsTheStatement();

private:
    // How many statements this connection has prepared whose text contains needle (bound, so
    // that this statement's own text never contains it).
    static qint64 preparedWith(Database &db, const QString &needle);
    static QString valueOf(Database &db, const QString &key);
    static void setValue(Database &db, const QString &key, const QString &value);
};

namespace {

// A statement no other part of XP Admin runs: its text is what the tests look for.
const QString ReadSetting = QStringLiteral("SELECT value AS prepared_probe FROM xpadmin.meta WHERE key = :key");

} // namespace

qint64 TestPreparedStatements::preparedWith(Database &db, const QString &needle)
{
    return TestBackend::scalar(db,
                               QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE strpos(statement, "
                                              "CAST(:needle AS text)) > 0"),
                               {{QStringLiteral(":needle"), needle}})
        .toLongLong();
}

QString TestPreparedStatements::valueOf(Database &db, const QString &key)
{
    auto rows = db.run(ReadSetting, {{QStringLiteral(":key"), key}});
    if (!rows)
        return QStringLiteral("<error: %1>").arg(rows.error().message);
    return rows->next() ? rows->text(0) : QStringLiteral("<no row>");
}

void TestPreparedStatements::setValue(Database &db, const QString &key, const QString &value)
{
    const Status written = db.execute(QStringLiteral("INSERT INTO xpadmin.meta (key, value) VALUES ('%1', '%2') "
                                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                                          .arg(key, value));
    QVERIFY2(written, written ? "" : qPrintable(written.error().message));
}

void TestPreparedStatements::aStatementRunAgainIsPrepared()
{
    XP_OPEN_FRESH_DB(spec, db);
    setValue(*db, QStringLiteral("test.probe"), QStringLiteral("first"));
    QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("first"));
    QCOMPARE(preparedWith(*db, QStringLiteral("prepared_probe")), 0); // once: unnamed
    QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("first"));
    QCOMPARE(preparedWith(*db, QStringLiteral("prepared_probe")), 1);
    // By its name from now on, with other values, in and outside transactions.
    setValue(*db, QStringLiteral("test.probe"), QStringLiteral("second"));
    QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("second"));
    QCOMPARE(valueOf(*db, QStringLiteral("test.absent")), QStringLiteral("<no row>"));
    QString read;
    const Status status = db->readTransaction([&]() -> Status {
        read = valueOf(*db, QStringLiteral("test.probe"));
        return {};
    });
    QVERIFY(status);
    QCOMPARE(read, QStringLiteral("second"));
    QCOMPARE(preparedWith(*db, QStringLiteral("prepared_probe")), 1);
    // Another connection has prepared nothing of it.
    std::unique_ptr<Database> other = TestBackend::openInitialized(spec, &xpWhy_);
    QVERIFY2(other, qPrintable(xpWhy_));
    QCOMPARE(preparedWith(*other, QStringLiteral("prepared_probe")), 0);
}

void TestPreparedStatements::behindAPoolerNothingIsPrepared()
{
    XP_OPEN_FRESH_DB(spec, db);
    db.reset();
    ConnectionSpec pooled = spec;
    pooled.pooler = true;
    std::unique_ptr<Database> viaPooler = TestBackend::openInitialized(pooled, &xpWhy_);
    QVERIFY2(viaPooler, qPrintable(xpWhy_));
    setValue(*viaPooler, QStringLiteral("test.probe"), QStringLiteral("pooled"));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(valueOf(*viaPooler, QStringLiteral("test.probe")), QStringLiteral("pooled"));
    QCOMPARE(
        TestBackend::scalar(*viaPooler, QStringLiteral("SELECT count(*) FROM pg_prepared_statements")).toLongLong(), 0);
}

void TestPreparedStatements::changedColumnsArePlannedAgain()
{
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(db->execute(QStringLiteral("CREATE TABLE xpadmin.prepared_shape (a integer)")));
    QVERIFY(db->execute(QStringLiteral("INSERT INTO xpadmin.prepared_shape VALUES (1)")));
    const QString all = QStringLiteral("SELECT * FROM xpadmin.prepared_shape WHERE a = :a");
    const auto columns = [&]() -> int {
        auto rows = db->run(all, {{QStringLiteral(":a"), 1}});
        return rows && rows->next() ? rows->columnCount() : -1;
    };
    QCOMPARE(columns(), 1);
    QCOMPARE(columns(), 1);
    QCOMPARE(preparedWith(*db, QStringLiteral("prepared_shape")), 1);
    // The server no longer runs the prepared plan ("cached plan must not change result type"):
    // outside a transaction the statement runs again unnamed, with the new column.
    QVERIFY(db->execute(QStringLiteral("ALTER TABLE xpadmin.prepared_shape ADD COLUMN b integer")));
    QCOMPARE(columns(), 2);
    QCOMPARE(columns(), 2);
    QCOMPARE(columns(), 2);
    // Inside a transaction the statement that finds out fails with the server's words; the next
    // transaction runs it prepared anew.
    QVERIFY(db->execute(QStringLiteral("ALTER TABLE xpadmin.prepared_shape ADD COLUMN c integer")));
    const auto inTransaction = [&]() -> Result<int> {
        int count = -1;
        const Status status = db->readTransaction([&]() -> Status {
            auto rows = db->run(all, {{QStringLiteral(":a"), 1}});
            if (!rows)
                return rows.error();
            count = rows->next() ? rows->columnCount() : -1;
            return {};
        });
        if (!status)
            return status.error();
        return count;
    };
    const auto first = inTransaction();
    QVERIFY(!first);
    QVERIFY2(first.error().message.contains(QLatin1String("0A000")), qPrintable(first.error().message));
    const auto second = inTransaction();
    QVERIFY2(second, second ? "" : qPrintable(second.error().message));
    QCOMPARE(*second, 3);
}

void TestPreparedStatements::forgottenNamesAreRunUnnamed()
{
    XP_OPEN_FRESH_DB(spec, db);
    setValue(*db, QStringLiteral("test.probe"), QStringLiteral("kept"));
    QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("kept"));
    QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("kept"));
    QCOMPARE(preparedWith(*db, QStringLiteral("prepared_probe")), 1);
    QVERIFY(db->execute(QStringLiteral("DEALLOCATE ALL")));
    // The statement runs unnamed, and this connection prepares nothing more: not even a
    // statement it runs three times in a transaction (where no other statement goes first).
    for (int i = 0; i < 3; ++i)
        QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("kept"));
    qint64 prepared = -1;
    const Status read = db->readTransaction([&]() -> Status {
        for (int i = 0; i < 3; ++i) {
            prepared
                = TestBackend::scalar(*db, QStringLiteral("SELECT count(*) FROM pg_prepared_statements")).toLongLong();
        }
        return {};
    });
    QVERIFY(read);
    QCOMPARE(prepared, 0);
}

void TestPreparedStatements::preparingWaitsForLocksOnlyAsLongAsTheStatement()
{
    // Preparing a statement locks the tables it names, as running it does: outside a transaction
    // too, the wait for them ends at the connection's limit.
    XP_OPEN_FRESH_DB(spec, db);
    setValue(*db, QStringLiteral("test.probe"), QStringLiteral("locked"));
    QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("locked"));
    std::unique_ptr<Database> holder = TestBackend::openInitialized(spec, &xpWhy_);
    QVERIFY2(holder, qPrintable(xpWhy_));
    QVERIFY(holder->execute(QStringLiteral("BEGIN; LOCK TABLE xpadmin.meta IN ACCESS EXCLUSIVE MODE")));
    db->waits().setLimit(300);
    QElapsedTimer timer;
    timer.start();
    auto rows = db->run(ReadSetting, {{QStringLiteral(":key"), QStringLiteral("test.probe")}});
    const qint64 waited = timer.elapsed();
    QVERIFY(holder->execute(QStringLiteral("ROLLBACK")));
    QVERIFY2(!rows, "read a table another transaction holds locked");
    QVERIFY2(waited < 10000, qPrintable(QString::number(waited)));
    QCOMPARE(preparedWith(*db, QStringLiteral("prepared_probe")), 0);
    // Once the lock is gone the statement is prepared on its next run.
    QCOMPARE(valueOf(*db, QStringLiteral("test.probe")), QStringLiteral("locked"));
    QCOMPARE(preparedWith(*db, QStringLiteral("prepared_probe")), 1);
}

QTEST_GUILESS_MAIN(TestPreparedStatements)
#include "TestPreparedStatements.moc"
