#include "tests/support/TestBackend.h"

#include "core/db/DeferredIndexes.h"

#include <QTest>

// A load that at least doubles "UserXP" builds its non-unique indexes after the rows (SQLite);
// whatever happens in between, the table ends up with exactly the indexes it had.
class TestDeferredIndexes final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void bigLoadRebuildsEveryIndexAsItWas();
    void smallLoadOrBigTableKeepsThem();
    void failedLoadKeepsThem();

private:
    // Every index of "UserXP" as the database defines it, in name order.
    QStringList indexes();

    std::unique_ptr<Database> m_db;
};

void TestDeferredIndexes::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
}

void TestDeferredIndexes::cleanup()
{
    m_db.reset();
}

QStringList TestDeferredIndexes::indexes()
{
    return TestBackend::indexesOf(*m_db, QStringLiteral("UserXP"));
}

void TestDeferredIndexes::bigLoadRebuildsEveryIndexAsItWas()
{
    const QStringList before = indexes();
    QVERIFY(before.size() >= 5); // the primary key, and the four the ledger's queries use
    QStringList during;
    QStringList dropped;
    const Status status = m_db->writeTransaction([&]() -> Status {
        auto deferred = DeferredIndexes::defer(*m_db, QStringLiteral("UserXP"), DeferredIndexes::MinRows);
        if (!deferred)
            return deferred.error();
        dropped = deferred->dropped();
        during = indexes();
        return deferred->restore();
    });
    QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
    if (m_db->dialect().isPostgres()) {
        // The web application shares these tables: nothing is dropped there.
        QVERIFY(dropped.isEmpty());
        QCOMPARE(during, before);
    } else {
        QCOMPARE(dropped.size(), 4);
        // Only the primary key's index is left while the rows go in; it still refuses a duplicate id.
        QCOMPARE(during, QStringList{QStringLiteral("sqlite_autoindex_UserXP_1: (automatic)")});
    }
    QCOMPARE(indexes(), before);
}

void TestDeferredIndexes::smallLoadOrBigTableKeepsThem()
{
    const QStringList before = indexes();
    QVERIFY(m_db->run(QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\") VALUES ('u1', 'u1@example.com')")));
    const Status status = m_db->writeTransaction([&]() -> Status {
        auto small = DeferredIndexes::defer(*m_db, QStringLiteral("UserXP"), DeferredIndexes::MinRows - 1);
        if (!small)
            return small.error();
        if (!small->dropped().isEmpty() || indexes() != before)
            return Error::database(QStringLiteral("a small load dropped indexes"));
        if (m_db->dialect().isPostgres())
            return {};
        // A table whose rows outnumber the load (its largest rowid says so) keeps them too.
        if (const auto row = m_db->run(
                QStringLiteral(
                    "INSERT INTO \"UserXP\" (rowid, \"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                    "\"description\", \"category\", \"updatedAt\") VALUES (:rowid, 'x1', 'u1', 5, 'MANUAL_ADJUSTMENT', "
                    "'s', 'd', 'MANUAL', '2026-01-01 00:00:00.000')"),
                {{QStringLiteral(":rowid"), DeferredIndexes::MinRows * 2}});
            !row)
            return row.error();
        auto big = DeferredIndexes::defer(*m_db, QStringLiteral("UserXP"), DeferredIndexes::MinRows);
        if (!big)
            return big.error();
        if (!big->dropped().isEmpty() || indexes() != before)
            return Error::database(QStringLiteral("a load into a bigger table dropped indexes"));
        return {};
    });
    QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
    QCOMPARE(indexes(), before);
}

void TestDeferredIndexes::failedLoadKeepsThem()
{
    const QStringList before = indexes();
    bool dropped = false;
    const Status status = m_db->writeTransaction([&]() -> Status {
        auto deferred = DeferredIndexes::defer(*m_db, QStringLiteral("UserXP"), DeferredIndexes::MinRows * 10);
        if (!deferred)
            return deferred.error();
        dropped = !deferred->dropped().isEmpty();
        // The load fails before restore(): the rollback brings the indexes back.
        return Error::cancelled(QStringLiteral("cancelled halfway"));
    });
    QVERIFY(!status);
    QCOMPARE(status.error().kind, Error::Kind::Cancelled);
    QCOMPARE(dropped, !m_db->dialect().isPostgres());
    QCOMPARE(indexes(), before);
}

QTEST_GUILESS_MAIN(TestDeferredIndexes)
#include "TestDeferredIndexes.moc"
