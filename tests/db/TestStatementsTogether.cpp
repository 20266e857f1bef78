#include "tests/support/TestBackend.h"

#include <QTest>

// Database::runTogether, which an award's first round trip goes through (AwardWriter): the
// statements run in their order, each seeing what the ones before it did, the last one's rows come
// back, and a failure among them is reported by the server's words and keeps nothing. And
// Database::runWithCommit, its second one: the statement is committed with the transaction, runs
// before any statement that follows it, and its failure fails the transaction and keeps nothing.
class TestStatementsTogether final : public QObject
{
    Q_OBJECT

private slots:
    void runInOrderAndReturnTheLastRows();
    void afterAStatementThatFoundNoRows();
    void aFailureIsReportedAndKeepsNothing();
    void aStatementLeftForCommitIsCommitted();
    void aStatementLeftForCommitRunsBeforeTheNextOne();
    void aStatementLeftForCommitThatFailsKeepsNothing();
    void aTransactionThatRunsNothingCommits();
};

namespace {

BoundStatement setting(const Database &db, const QString &key, const QString &value)
{
    return {QStringLiteral("INSERT INTO %1 (key, value) VALUES (:key, :value)")
                .arg(db.dialect().ownTable(QStringLiteral("meta"))),
            {{QStringLiteral(":key"), key}, {QStringLiteral(":value"), value}}};
}

// The first row's first value of rows, as text, into read.
Status firstText(Result<SqlRows> rows, QString &read)
{
    if (!rows)
        return rows.error();
    if (rows->next())
        read = rows->text(0);
    return {};
}

BoundStatement readSetting(const Database &db, const QString &key)
{
    return {QStringLiteral("SELECT value FROM %1 WHERE key = :key").arg(db.dialect().ownTable(QStringLiteral("meta"))),
            {{QStringLiteral(":key"), key}}};
}

} // namespace

void TestStatementsTogether::runInOrderAndReturnTheLastRows()
{
    XP_OPEN_FRESH_DB(spec, db);
    QString read;
    const Status status = db->writeTransaction([&]() -> Status {
        return firstText(db->runTogether({setting(*db, QStringLiteral("test.first"), QStringLiteral("one")),
                                          setting(*db, QStringLiteral("test.second"), QStringLiteral("two")),
                                          readSetting(*db, QStringLiteral("test.first"))}),
                         read);
    });
    QVERIFY2(status, status ? "" : qPrintable(status.error().message));
    QCOMPARE(read, QStringLiteral("one"));
    QCOMPARE(TestBackend::scalar(*db, readSetting(*db, QStringLiteral("test.second")).first,
                                 readSetting(*db, QStringLiteral("test.second")).second)
                 .toString(),
             QStringLiteral("two"));
}

void TestStatementsTogether::afterAStatementThatFoundNoRows()
{
    // On PostgreSQL a statement in a transaction streams its rows one at a time; one that found
    // none must not make the next statements' rows come differently.
    XP_OPEN_FRESH_DB(spec, db);
    QString read;
    const Status status = db->writeTransaction([&]() -> Status {
        {
            auto none = db->run(readSetting(*db, QStringLiteral("test.absent")).first,
                                readSetting(*db, QStringLiteral("test.absent")).second);
            if (!none)
                return none.error();
            if (none->next())
                return Error::database(QStringLiteral("a setting nobody wrote was found"));
        }
        return firstText(db->runTogether({setting(*db, QStringLiteral("test.after"), QStringLiteral("three")),
                                          readSetting(*db, QStringLiteral("test.after"))}),
                         read);
    });
    QVERIFY2(status, status ? "" : qPrintable(status.error().message));
    QCOMPARE(read, QStringLiteral("three"));
}

void TestStatementsTogether::aFailureIsReportedAndKeepsNothing()
{
    XP_OPEN_FRESH_DB(spec, db);
    const Status status = db->writeTransaction([&]() -> Status {
        auto rows = db->runTogether(
            {setting(*db, QStringLiteral("test.kept"), QStringLiteral("no")),
             {QStringLiteral("SELECT no_such_column FROM %1").arg(db->dialect().ownTable(QStringLiteral("meta"))), {}},
             setting(*db, QStringLiteral("test.after"), QStringLiteral("no"))});
        return rows ? Status() : Status(rows.error());
    });
    QVERIFY(!status);
    QVERIFY2(status.error().message.contains(QStringLiteral("no_such_column")), qPrintable(status.error().message));
    QCOMPARE(TestBackend::scalar(*db,
                                 QStringLiteral("SELECT count(*) FROM %1 WHERE key LIKE 'test.%'")
                                     .arg(db->dialect().ownTable(QStringLiteral("meta"))))
                 .toLongLong(),
             0);
}

namespace {

qint64 testSettings(Database &db)
{
    return TestBackend::scalar(db,
                               QStringLiteral("SELECT count(*) FROM %1 WHERE key LIKE 'test.%'")
                                   .arg(db.dialect().ownTable(QStringLiteral("meta"))))
        .toLongLong();
}

QString settingNow(Database &db, const QString &key)
{
    const BoundStatement read = readSetting(db, key);
    return TestBackend::scalar(db, read.first, read.second).toString();
}

// An award's shape: a first round trip that writes first ("one") and reads it back, then last
// ("two") left for COMMIT.
Status awardShaped(Database &db, const QString &first, const QString &last)
{
    return db.writeTransaction([&]() -> Status {
        if (auto rows = db.runTogether({setting(db, first, QStringLiteral("one")), readSetting(db, first)}); !rows)
            return rows.error();
        const BoundStatement left = setting(db, last, QStringLiteral("two"));
        return db.runWithCommit(left.first, left.second);
    });
}

} // namespace

void TestStatementsTogether::aStatementLeftForCommitIsCommitted()
{
    XP_OPEN_FRESH_DB(spec, db);
    const Status status = awardShaped(*db, QStringLiteral("test.first"), QStringLiteral("test.last"));
    QVERIFY2(status, status ? "" : qPrintable(status.error().message));
    QCOMPARE(settingNow(*db, QStringLiteral("test.first")), QStringLiteral("one"));
    QCOMPARE(settingNow(*db, QStringLiteral("test.last")), QStringLiteral("two"));
    // Another connection sees both: they were committed, not left in a transaction.
    auto other = db->reopen();
    QVERIFY(other);
    QCOMPARE(testSettings(**other), 2);
}

void TestStatementsTogether::aStatementLeftForCommitRunsBeforeTheNextOne()
{
    XP_OPEN_FRESH_DB(spec, db);
    QString read;
    const Status status = db->writeTransaction([&]() -> Status {
        const BoundStatement early = setting(*db, QStringLiteral("test.early"), QStringLiteral("first"));
        if (const Status left = db->runWithCommit(early.first, early.second); !left)
            return left;
        const BoundStatement look = readSetting(*db, QStringLiteral("test.early"));
        return firstText(db->run(look.first, look.second), read);
    });
    QVERIFY2(status, status ? "" : qPrintable(status.error().message));
    QCOMPARE(read, QStringLiteral("first"));
    QCOMPARE(testSettings(*db), 1);
}

void TestStatementsTogether::aStatementLeftForCommitThatFailsKeepsNothing()
{
    // The support desk's award whose write the database refuses at the end: nothing of the
    // transaction is kept, and the error is the database's own.
    XP_OPEN_FRESH_DB(spec, db);
    const Status status = awardShaped(*db, QStringLiteral("test.twice"), QStringLiteral("test.twice"));
    QVERIFY(!status);
    QVERIFY2(status.error().message.contains(QStringLiteral("unique"), Qt::CaseInsensitive),
             qPrintable(status.error().message));
    QCOMPARE(testSettings(*db), 0);
    // The connection is fit for the next transaction.
    const Status next = db->writeTransaction([&]() -> Status {
        const BoundStatement once = setting(*db, QStringLiteral("test.next"), QStringLiteral("yes"));
        return db->runWithCommit(once.first, once.second);
    });
    QVERIFY2(next, next ? "" : qPrintable(next.error().message));
    QCOMPARE(settingNow(*db, QStringLiteral("test.next")), QStringLiteral("yes"));
}

void TestStatementsTogether::aTransactionThatRunsNothingCommits()
{
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(db->writeTransaction([] { return Status(); }));
    QVERIFY(db->readTransaction([] { return Status(); }));
    const Status failed = db->writeTransaction([] { return Status(Error::input(QStringLiteral("refused"))); });
    QVERIFY(!failed);
    QCOMPARE(failed.error().message, QStringLiteral("refused"));
    QVERIFY(!db->inTransaction());
    const BoundStatement after = setting(*db, QStringLiteral("test.after"), QStringLiteral("fine"));
    QVERIFY(db->writeTransaction([&] { return db->runWithCommit(after.first, after.second); }));
    QCOMPARE(settingNow(*db, QStringLiteral("test.after")), QStringLiteral("fine"));
}

QTEST_GUILESS_MAIN(TestStatementsTogether)
#include "TestStatementsTogether.moc"
