#include "tests/support/TestBackend.h"

#include <QTest>

// Database::runTogether, which an award's first round trip goes through (AwardWriter): the
// statements run in their order, each seeing what the ones before it did, the last one's rows come
// back, and a failure among them is reported by the server's words and keeps nothing.
class TestStatementsTogether final : public QObject
{
    Q_OBJECT

private slots:
    void runInOrderAndReturnTheLastRows();
    void afterAStatementThatFoundNoRows();
    void aFailureIsReportedAndKeepsNothing();
};

namespace {

BoundStatement setting(const Database &db, const QString &key, const QString &value)
{
    return {QStringLiteral("INSERT INTO %1 (key, value) VALUES (:key, :value)")
                .arg(db.dialect().ownTable(QStringLiteral("meta"))),
            {{QStringLiteral(":key"), key}, {QStringLiteral(":value"), value}}};
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
        auto rows = db->runTogether({setting(*db, QStringLiteral("test.first"), QStringLiteral("one")),
                                     setting(*db, QStringLiteral("test.second"), QStringLiteral("two")),
                                     readSetting(*db, QStringLiteral("test.first"))});
        if (!rows)
            return rows.error();
        if (rows->next())
            read = rows->text(0);
        return {};
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
        auto rows = db->runTogether({setting(*db, QStringLiteral("test.after"), QStringLiteral("three")),
                                     readSetting(*db, QStringLiteral("test.after"))});
        if (!rows)
            return rows.error();
        if (rows->next())
            read = rows->text(0);
        return {};
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

QTEST_GUILESS_MAIN(TestStatementsTogether)
#include "TestStatementsTogether.moc"
