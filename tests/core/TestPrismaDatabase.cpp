#include "tests/support/TestBackend.h"

#include "core/db/LedgerDdl.h"
#include "core/db/Schema.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

// XP Admin on the live web application's database: the tables Prisma created are used as they
// are and never altered; XP Admin's own tables live in the schema "xpadmin".
class TestPrismaDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void prismaSchemaIsLeftByteIdentical();
    void createdSchemaEqualsPrismas();
    void extraUserColumnsAreTolerated();
    void sessionTimeZoneDoesNotShiftTimestamps();
    void droppedConnectionIsReestablished();

private:
    // A new database made by running Prisma's migration with psql.
    std::optional<ConnectionSpec> prismaDatabase();
    QString dumpPublicSchema(const ConnectionSpec &spec);
    bool psql(const ConnectionSpec &spec, const QStringList &arguments);
};

std::optional<ConnectionSpec> TestPrismaDatabase::prismaDatabase()
{
    QString why;
    auto spec = TestBackend::freshDatabase(&why);
    if (!spec)
        return std::nullopt;
    if (!psql(*spec, {QStringLiteral("-f"), QStringLiteral(XPADMIN_FIXTURES "/postgresql-migration.sql")}))
        return std::nullopt;
    return spec;
}

bool TestPrismaDatabase::psql(const ConnectionSpec &spec, const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("psql"),
                  QStringList{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                              QStringLiteral("ON_ERROR_STOP=1"), spec.toUrl(true)}
                      + arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("psql failed: %s", process.readAllStandardError().constData());
        return false;
    }
    return true;
}

QString TestPrismaDatabase::dumpPublicSchema(const ConnectionSpec &spec)
{
    QProcess process;
    process.start(QStringLiteral("pg_dump"),
                  {QStringLiteral("--schema-only"), QStringLiteral("--schema=public"), QStringLiteral("--no-owner"),
                   QStringLiteral("--restrict-key=xpadmintest"), spec.toUrl(true)});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("pg_dump failed: %s", process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

void TestPrismaDatabase::prismaSchemaIsLeftByteIdentical()
{
    if (!TestBackend::isPostgres())
        QFAIL("registered for PostgreSQL only");
    QString why;
    if (!TestBackend::freshDatabase(&why)) {
        if (TestBackend::serverRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    const auto spec = prismaDatabase();
    QVERIFY(spec);
    const QString before = dumpPublicSchema(*spec);
    QVERIFY(before.contains(QStringLiteral("CREATE TABLE public.\"UserXP\"")));

    std::unique_ptr<Database> db = TestBackend::openInitialized(*spec, &why);
    QVERIFY2(db, qPrintable(why));
    auto state = Schema::inspect(*db);
    QVERIFY(state);
    QVERIFY(state->ledgerExists);
    QVERIFY(!state->ownsLedger);
    QCOMPARE(state->version, Schema::CurrentVersion);
    QCOMPARE(state->missingIndexes.size(), LedgerDdl::workIndexes().size());

    // Every operation, on Prisma's tables.
    QVERIFY(Users(*db).add(QStringLiteral("cuser1"), QStringLiteral("one@example.com"), QStringLiteral("One")));
    QVERIFY(Users(*db).add(QStringLiteral("cuser2"), QStringLiteral("two@example.com"), {}));
    Ledger ledger(*db);
    auto a = ledger.award({QStringLiteral("cuser1"), 25, SourceType::UserProblemAttempt, QStringLiteral("attempt-1"),
                           QStringLiteral("answer"), Category::CorrectAnswer});
    auto b = ledger.award({QStringLiteral("cuser2"), 25, SourceType::UserProblemAttempt, QStringLiteral("attempt-1"),
                           QStringLiteral("answer"), Category::CorrectAnswer});
    QVERIFY(a && b);
    QVERIFY(ledger.adjust(QStringLiteral("cuser1"), -5, QStringLiteral("correction")));
    QVERIFY(ledger.rollback({a->rows.first().id}, QStringLiteral("mistake")));
    QVERIFY(ledger.restore({a->rows.first().id}, QStringLiteral("no mistake")));
    QVERIFY(ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("attempt-1"), QStringLiteral("gone")));
    QVERIFY(ledger.recalculateAll());
    auto report = Verifier(*db).verify();
    QVERIFY(report && report->ok());
    QCOMPARE(
        TestBackend::scalar(*db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'cuser1'"))
            .toLongLong(),
        -5);
    db.reset();

    QCOMPARE(dumpPublicSchema(*spec), before);
}

void TestPrismaDatabase::createdSchemaEqualsPrismas()
{
    QString why;
    const auto prisma = prismaDatabase();
    if (!prisma) {
        if (TestBackend::serverRequired())
            QFAIL("no PostgreSQL test server");
        QSKIP("no PostgreSQL test server");
    }
    XP_OPEN_FRESH_DB(spec, db);
    auto state = Schema::inspect(*db);
    QVERIFY(state && state->ownsLedger && state->missingIndexes.isEmpty());
    db.reset();
    // What XP Admin creates is Prisma's schema plus the work indexes, which carry the names
    // Prisma gives an @@index, so adding those lines to the Prisma schema causes no drift.
    QString created = dumpPublicSchema(spec);
    static const QRegularExpression workIndex(QStringLiteral(
        "--\\n-- Name: "
        "UserXP_(userId_createdAt_amount|sourceType_sourceId|createdAt|category_sourceType_createdAt_amount)_"
        "idx;[^\\n]*\\n--\\n\\n"
        "CREATE INDEX [^\\n]*\\n\\n\\n"));
    QCOMPARE(created.count(workIndex), LedgerDdl::workIndexes().size());
    created.remove(workIndex);
    QCOMPARE(created, dumpPublicSchema(*prisma));
}

void TestPrismaDatabase::extraUserColumnsAreTolerated()
{
    const auto spec = prismaDatabase();
    if (!spec) {
        if (TestBackend::serverRequired())
            QFAIL("no PostgreSQL test server");
        QSKIP("no PostgreSQL test server");
    }
    QVERIFY(psql(*spec,
                 {QStringLiteral("-c"),
                  QStringLiteral("ALTER TABLE \"User\" ADD COLUMN \"createdAt\" "
                                 "TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                                 "ADD COLUMN \"role\" TEXT")}));
    QString why;
    std::unique_ptr<Database> db = TestBackend::openInitialized(*spec, &why);
    QVERIFY2(db, qPrintable(why));
    QVERIFY(Users(*db).add(QStringLiteral("cuser1"), QStringLiteral("one@example.com"), {}));
    QVERIFY(Ledger(*db).award({QStringLiteral("cuser1"), 5, SourceType::DailyStreak, QStringLiteral("s"),
                               QStringLiteral("streak"), Category::StreakBonus}));
    auto user = Users(*db).find(QStringLiteral("cuser1"));
    QVERIFY(user && user->has_value());
    QCOMPARE((*user)->totalXP, 5);
}

void TestPrismaDatabase::sessionTimeZoneDoesNotShiftTimestamps()
{
    // A client whose session would default to Tokyo time must still store UTC.
    qputenv("PGTZ", "Asia/Tokyo");
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(Users(*db).add(QStringLiteral("u"), QStringLiteral("u@example.com"), {}));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    auto change = Ledger(*db).award({QStringLiteral("u"), 5, SourceType::DailyStreak, QStringLiteral("s"),
                                     QStringLiteral("streak"), Category::StreakBonus});
    QVERIFY(change);
    qunsetenv("PGTZ");
    // Read the stored text, independently of any driver conversion.
    QProcess process;
    process.start(QStringLiteral("psql"),
                  {QStringLiteral("-X"), QStringLiteral("-At"), spec.toUrl(true), QStringLiteral("-c"),
                   QStringLiteral("SELECT to_char(\"createdAt\", 'YYYY-MM-DD HH24:MI:SS.MS') FROM \"UserXP\"")});
    QVERIFY(process.waitForFinished(30000));
    const QDateTime stored = Timestamp::fromSql(QString::fromUtf8(process.readAllStandardOutput()).trimmed());
    QVERIFY(stored.isValid());
    QVERIFY2(
        qAbs(stored.msecsTo(before)) < 60 * 1000,
        qPrintable(stored.toString(Qt::ISODateWithMs) + QStringLiteral(" vs ") + before.toString(Qt::ISODateWithMs)));
    QCOMPARE(stored, change->rows.first().createdAt);
}

void TestPrismaDatabase::droppedConnectionIsReestablished()
{
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(Users(*db).add(QStringLiteral("u"), QStringLiteral("u@example.com"), {}));
    // The server ends the session (a restart, a network drop, an administrator's kill).
    const qint64 pid = TestBackend::scalar(*db, QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
    QVERIFY(pid > 0);
    QString why;
    QVERIFY2(TestBackend::adminExec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid), &why), qPrintable(why));
    // Nothing had been sent when the loss was noticed, so the operation is run again on a new
    // connection and done exactly once.
    auto change = Ledger(*db).award({QStringLiteral("u"), 9, SourceType::DailyStreak, QStringLiteral("s"),
                                     QStringLiteral("streak"), Category::StreakBonus});
    QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
    QVERIFY(TestBackend::scalar(*db, QStringLiteral("SELECT pg_backend_pid()")).toLongLong() != pid);
    QCOMPARE(TestBackend::scalar(*db, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong(), 1);
    QCOMPARE(TestBackend::usersWithWrongTotal(*db), 0);
}

QTEST_GUILESS_MAIN(TestPrismaDatabase)
#include "TestPrismaDatabase.moc"
