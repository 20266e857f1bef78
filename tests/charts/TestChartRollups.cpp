// The charts of everyone read the rollups for whole hours and days: after every kind of write, by
// XP Admin or by plain SQL, each chart must equal the plain GROUP BY over the rows, and the rollups
// must hold exactly the sums of the rows. SQLite keeps them with triggers (core/db/RollupDdl);
// PostgreSQL, with capture installed, from the audit log and capture's records
// (core/capture/LoggedRollups): there the rollups plus what is pending must equal the rows, before
// and after the log is folded in. Run in a zone that is half an hour off UTC and has daylight
// saving (Australia/Adelaide), so that local days end inside UTC hours and some are 23 or 25 hours
// long.

#include "core/capture/CaptureInstaller.h"
#include "core/capture/CaptureSealer.h"
#include "core/capture/LoggedRollups.h"
#include "core/charts/ChartQuery.h"
#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/db/DeferredRollups.h"
#include "core/db/RollupDdl.h"
#include "core/db/Schema.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/import/BatchImporter.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/users/Users.h"
#include "tests/charts/RollupChecks.h"
#include "tests/support/TestBackend.h"

#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <ctime>

namespace {

const QStringList Categories{QStringLiteral("CORRECT_ANSWER"), QStringLiteral("STREAK_BONUS"),
                             QStringLiteral("ACHIEVEMENT"), QStringLiteral("MANUAL")};
const QStringList SourceTypes{QStringLiteral("USER_PROBLEM_ATTEMPT"), QStringLiteral("MANUAL_ADJUSTMENT"),
                              QStringLiteral("SPECIAL_ACHIEVEMENT"), QStringLiteral("DAILY_STREAK")};

} // namespace

class TestChartRollups final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void chartsEqualTheRowsAfterEveryKindOfWrite();
    void chartsReadTheRowsWhenATriggerIsMissing();
    void migrationRebuildsTheRollups();
    void migrationAddsTheGains();
    void bulkWritesAddTheirSumsAtOnce();
    void sealingFoldsTheLogIn();

private:
    // Random instants of the last 400 days, a fifth of them within a minute of a local midnight.
    QDateTime randomInstant();
    QString randomRowId();
    QString randomUser();
    void randomWrite(int step);
    void directWrite();
    void importFiles();
    // Everything compared; the stage names what was done just before.
    void compareAll(const QString &stage);
    bool kept()
    {
        auto kept = LoggedRollups::readable(*m_db);
        if (!kept)
            qWarning("%s", qPrintable(kept.error().message));
        return kept && *kept;
    }
    QVariant scalar(const QString &sql, const Bindings &bindings = {})
    {
        return TestBackend::scalar(*m_db, sql, bindings);
    }

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    QRandomGenerator m_random{24};
    int m_stages = 0;
    QStringList m_rolledBack;
    QTemporaryDir m_files;
};

void TestChartRollups::initTestCase()
{
    // Set in main() before Qt read the zone.
    const QDateTime now = QDateTime::currentDateTime();
    QVERIFY2(now.offsetFromUtc() % 3600 != 0, "the test must run in a zone a fraction of an hour off UTC");
    QVERIFY(m_files.isValid());
}

void TestChartRollups::init()
{
    XP_FRESH_DATABASE(m_spec);
    QString why;
    m_db = TestBackend::openInitialized(*m_spec, &why);
    QVERIFY2(m_db, qPrintable(why));
    // Kept on every SQLite ledger; on PostgreSQL once capture is installed (which builds them).
    QCOMPARE(kept(), !TestBackend::isPostgres());
    DemoOptions demo;
    demo.users = 25;
    demo.transactions = 2500;
    demo.days = 400;
    QVERIFY(DemoGenerator(*m_db).generate(demo));
    if (TestBackend::isPostgres()) {
        const Status installed = CaptureInstaller(*m_db).install();
        QVERIFY2(installed, qPrintable(installed ? QString() : installed.error().message));
        QVERIFY(kept());
    }
    for (int i = 0; i < 4; ++i)
        QVERIFY(Users(*m_db).add(QStringLiteral("extra%1").arg(i), QStringLiteral("extra%1@example.com").arg(i), {}));
}

void TestChartRollups::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

QDateTime TestChartRollups::randomInstant()
{
    const QDate day = QDate::currentDate().addDays(-qint64(m_random.bounded(400)));
    if (m_random.bounded(5) == 0) {
        const QDateTime midnight = day.startOfDay();
        return midnight.addMSecs(qint64(m_random.bounded(120000)) - 60000).toUTC();
    }
    return day.startOfDay().addMSecs(qint64(m_random.bounded(24 * 3600 * 1000))).toUTC();
}

QString TestChartRollups::randomRowId()
{
    const qint64 count = scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong();
    return scalar(QStringLiteral("SELECT \"id\" FROM \"UserXP\" ORDER BY \"id\" LIMIT 1 OFFSET :n"),
                  {{QStringLiteral(":n"), qint64(m_random.bounded(quint64(count)))}})
        .toString();
}

QString TestChartRollups::randomUser()
{
    const qint64 count = scalar(QStringLiteral("SELECT count(*) FROM \"User\"")).toLongLong();
    return scalar(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"id\" LIMIT 1 OFFSET :n"),
                  {{QStringLiteral(":n"), qint64(m_random.bounded(quint64(count)))}})
        .toString();
}

void TestChartRollups::randomWrite(int step)
{
    Ledger ledger(*m_db);
    const QString reason = QStringLiteral("rollup test step %1").arg(step);
    switch (m_random.bounded(7)) {
    case 0: { // an award, then moved to another moment by plain SQL (as a fixture or the web app might)
        auto change = ledger.award({randomUser(), qint64(m_random.bounded(1, 200)),
                                    std::array{SourceType::UserProblemAttempt, SourceType::SpecialAchievement,
                                               SourceType::DailyStreak}[m_random.bounded(3)],
                                    QStringLiteral("src-%1").arg(step), QStringLiteral("award"),
                                    static_cast<Category>(m_random.bounded(3))});
        QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        auto moved = m_db->run(QStringLiteral("UPDATE \"UserXP\" SET \"createdAt\" = %1 WHERE \"id\" = :id")
                                   .arg(m_db->dialect().timestampParam(QStringLiteral(":at"))),
                               {{QStringLiteral(":at"), Timestamp::toSql(randomInstant())},
                                {QStringLiteral(":id"), change->rows.first().id}});
        QVERIFY(moved);
        break;
    }
    case 1: {
        auto change = ledger.adjust(randomUser(), qint64(m_random.bounded(1, 300)) - 150, reason);
        QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        break;
    }
    case 2: {
        const QStringList ids{randomRowId(), randomRowId()};
        auto change = ledger.rollback(ids, reason);
        QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        for (const XpTransaction &row : change->rows)
            m_rolledBack << row.id;
        break;
    }
    case 3: {
        const QString id = randomRowId();
        auto type = scalar(QStringLiteral("SELECT \"sourceType\" FROM \"UserXP\" WHERE \"id\" = :id"),
                           {{QStringLiteral(":id"), id}});
        auto source = scalar(QStringLiteral("SELECT \"sourceId\" FROM \"UserXP\" WHERE \"id\" = :id"),
                             {{QStringLiteral(":id"), id}});
        auto change = ledger.deleteSource(*XpEnums::sourceTypeFromName(type.toString()), source.toString(), reason);
        QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        break;
    }
    case 4:
        if (!m_rolledBack.isEmpty()) {
            auto change = ledger.restore({m_rolledBack.takeFirst()}, reason);
            QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        }
        break;
    case 5: { // a write transaction that fails after its insert: nothing of it may stay
        const Status failed = m_db->writeTransaction([&]() -> Status {
            if (auto award = ledger.award({randomUser(), 77, SourceType::DailyStreak, QStringLiteral("undone"),
                                           QStringLiteral("undone"), Category::StreakBonus});
                !award)
                return award.error();
            return Error::input(QStringLiteral("refused on purpose"));
        });
        QVERIFY(!failed);
        break;
    }
    default:
        directWrite();
        break;
    }
}

void TestChartRollups::directWrite()
{
    // Writes XP Admin did not make: plain SQL, one statement each, as another program would.
    const Dialect &d = m_db->dialect();
    const QString id = randomRowId();
    Result<SqlRows> done = Error::input(QStringLiteral("no write"));
    switch (m_random.bounded(4)) {
    case 0:
        done = m_db->run(
            QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                           "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES (:id, :user, :amount, "
                           "%1, 'web', 'from the web app', %2, %3, %3)")
                .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":category")),
                     d.timestampParam(QStringLiteral(":at"))),
            {{QStringLiteral(":id"), Cuid::generate()},
             {QStringLiteral(":user"), randomUser()},
             {QStringLiteral(":amount"), qint64(m_random.bounded(1, 90))},
             {QStringLiteral(":type"), SourceTypes.at(m_random.bounded(4))},
             {QStringLiteral(":category"), Categories.at(m_random.bounded(4))},
             {QStringLiteral(":at"), Timestamp::toSql(randomInstant())}});
        break;
    case 1:
        done = m_db->run(QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), {{QStringLiteral(":id"), id}});
        break;
    case 2:
        done = m_db->run(
            QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = \"amount\" + 7, \"category\" = %1 WHERE "
                           "\"id\" = :id")
                .arg(d.categoryParam(QStringLiteral(":category"))),
            {{QStringLiteral(":id"), id}, {QStringLiteral(":category"), Categories.at(m_random.bounded(4))}});
        break;
    default: // many rows at once: one statement over a day of the ledger
        done = m_db->run(QStringLiteral("UPDATE \"UserXP\" SET \"userId\" = :user, \"description\" = 'moved' WHERE "
                                        "\"createdAt\" >= %1 AND \"createdAt\" < %2")
                             .arg(d.timestampParam(QStringLiteral(":from")), d.timestampParam(QStringLiteral(":to"))),
                         {{QStringLiteral(":user"), randomUser()},
                          {QStringLiteral(":from"), Timestamp::toSql(randomInstant())},
                          {QStringLiteral(":to"), Timestamp::toSql(randomInstant().addDays(2))}});
        break;
    }
    QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
}

void TestChartRollups::importFiles()
{
    const QString adjust = m_files.filePath(QStringLiteral("adjust.csv"));
    const QString legacy = m_files.filePath(QStringLiteral("legacy.csv"));
    {
        QFile file(adjust);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("userId,amount,reason,category,sourceType,sourceId,description\n"
                   "extra0,50,contest,ACHIEVEMENT,SPECIAL_ACHIEVEMENT,contest-7,Winner\n"
                   "extra1,-30,bug 42,,,,\n"
                   "extra0,5,contest,,,,\n");
    }
    {
        QFile file(legacy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("userId,totalXP,email\nlegacy1,500,legacy1@example.com\nlegacy2,1200,legacy2@example.com\n");
    }
    for (const auto &[kind, path] : {std::pair{ImportKind::Adjust, adjust}, std::pair{ImportKind::Legacy, legacy}}) {
        auto report = BatchImporter(*m_db).importFile(kind, path, false);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY(report->applied);
    }
}

void TestChartRollups::compareAll(const QString &stage)
{
    RollupChecks::compareRollups(*m_db, stage);
    if (QTest::currentTestFailed())
        return;
    if (TestBackend::isPostgres()) {
        // Every other stage the log is folded in before the charts are read; the rest read it.
        if (++m_stages % 2 == 0) {
            QVERIFY(LoggedRollups::catchUp(*m_db, 1));
            QCOMPARE(scalar(QStringLiteral("SELECT (SELECT max(seq) FROM %1) - (SELECT seq FROM %2)")
                                .arg(m_db->dialect().ownTable(QStringLiteral("audit_event")), RollupDdl::stateTable()))
                         .toLongLong(),
                     0);
            RollupChecks::compareRollups(*m_db, stage + QStringLiteral(", folded"));
            if (QTest::currentTestFailed())
                return;
        }
    }
    const QDate today = QDate::currentDate();
    QList<ChartRequest> requests;
    requests << ChartRequest{{}, {}, {}, 10, {}} // all time, by month
             << ChartRequest{{}, today.addDays(-364), today, 10, {}} // a year, by month
             << ChartRequest{{}, today.addDays(-29), today, 10, {}} // 30 days, by day
             << ChartRequest{{}, today.addDays(-6), today, 10, {}} // 7 days
             << ChartRequest{{}, today.addDays(-1), today.addDays(-1), 10, {}}; // one day
    // Ten days every 29 days back: daily buckets around each daylight-saving change of the year.
    for (int back = 10; back < 400; back += 29)
        requests << ChartRequest{{}, today.addDays(-back), today.addDays(-back + 9), 5, {}};
    for (const ChartRequest &request : std::as_const(requests)) {
        RollupChecks::compareChart(*m_db, request, stage);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestChartRollups::chartsEqualTheRowsAfterEveryKindOfWrite()
{
    compareAll(QStringLiteral("demo data"));
    for (int step = 1; step <= 120 && !QTest::currentTestFailed(); ++step) {
        randomWrite(step);
        if (step % 20 == 0 && !QTest::currentTestFailed())
            compareAll(QStringLiteral("step %1").arg(step));
    }
    if (QTest::currentTestFailed())
        return;
    importFiles();
    if (QTest::currentTestFailed())
        return;
    compareAll(QStringLiteral("imports"));
}

void TestChartRollups::chartsReadTheRowsWhenATriggerIsMissing()
{
    // A trigger dropped by hand: the rollups fall behind, so the charts must not read them.
    // On PostgreSQL: capture's trigger switched off, so that the web app's writes go unrecorded.
    if (!TestBackend::isPostgres())
        QVERIFY(m_db->execute(QStringLiteral("DROP TRIGGER xpadmin_rollup_insert")));
    else
        QVERIFY(m_db->execute(
            QStringLiteral("ALTER TABLE \"UserXP\" DISABLE TRIGGER %1").arg(CaptureInstaller::triggerName())));
    QVERIFY(!kept());
    for (int step = 1; step <= 10; ++step)
        TestBackend::award(*m_db, randomUser(), 10 * step, QStringLiteral("missing-%1").arg(step));
    const QDate today = QDate::currentDate();
    RollupChecks::compareChart(*m_db, ChartRequest{{}, today.addDays(-6), today, 10, {}},
                               QStringLiteral("without the insert trigger"));
    RollupChecks::compareChart(*m_db, ChartRequest{{}, {}, {}, 10, {}}, QStringLiteral("without the insert trigger"));
}

void TestChartRollups::migrationRebuildsTheRollups()
{
    // A ledger of schema 7 with rows and no rollups: the migration builds them from the rows
    // (SQLite; PostgreSQL moves to 8 with nothing added).
    const Dialect &d = m_db->dialect();
    if (!d.isPostgres()) {
        QVERIFY(RollupDdl::removeTriggers(*m_db));
        QVERIFY(m_db->execute(QStringLiteral("DROP TABLE %1").arg(RollupDdl::hourTable(d))));
        QVERIFY(m_db->execute(QStringLiteral("DROP TABLE %1").arg(RollupDdl::dayTable(d))));
        QVERIFY(m_db->execute(QStringLiteral("DROP TABLE %1").arg(RollupDdl::gainTable(d))));
    }
    QVERIFY(m_db->execute(QStringLiteral("UPDATE %1 SET value = '7' WHERE key = 'schema_version'")
                              .arg(d.ownTable(QStringLiteral("meta")))));
    for (int step = 1; step <= 5; ++step)
        TestBackend::award(*m_db, randomUser(), step, QStringLiteral("before-%1").arg(step));
    auto state = Schema::ensure(*m_db);
    QVERIFY2(state, qPrintable(state ? QString() : state.error().message));
    QCOMPARE(state->version, Schema::CurrentVersion);
    QVERIFY(kept());
    compareAll(QStringLiteral("migrated"));
}

void TestChartRollups::migrationAddsTheGains()
{
    // A ledger of schema 8: the hourly and daily rollups, no gains (nor their upserts in the
    // triggers). The migration fills them from the rows, and the triggers keep them from then on.
    // PostgreSQL moves to 9 with nothing added: its gains come with capture (test_capture).
    const Dialect &d = m_db->dialect();
    if (!d.isPostgres()) {
        QVERIFY(RollupDdl::removeTriggers(*m_db));
        QVERIFY(m_db->execute(QStringLiteral("DROP TABLE %1").arg(RollupDdl::gainTable(d))));
    }
    QVERIFY(m_db->execute(QStringLiteral("UPDATE %1 SET value = '8' WHERE key = 'schema_version'")
                              .arg(d.ownTable(QStringLiteral("meta")))));
    auto state = Schema::ensure(*m_db);
    QVERIFY2(state, qPrintable(state ? QString() : state.error().message));
    QCOMPARE(state->version, Schema::CurrentVersion);
    QVERIFY(kept());
    for (int step = 1; step <= 10; ++step) {
        TestBackend::award(*m_db, randomUser(), step - 4, QStringLiteral("after-%1").arg(step));
        directWrite();
    }
    compareAll(QStringLiteral("migrated from 8"));
}

void TestChartRollups::bulkWritesAddTheirSumsAtOnce()
{
    // Bulk writes that drop the insert trigger (DeferredRollups), onto days and users the rollups
    // hold: the sums added at the end must equal the rows', and the trigger must be back.
    DemoOptions demo;
    demo.users = 30;
    demo.transactions = DeferredRollups::MinRows + 2000;
    demo.days = 400;
    demo.seed = 7;
    QVERIFY(DemoGenerator(*m_db).generate(demo));
    compareAll(QStringLiteral("bulk demo data"));
    if (QTest::currentTestFailed())
        return;
    const QString legacy = m_files.filePath(QStringLiteral("legacy-bulk.csv"));
    {
        QFile file(legacy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("userId,totalXP,email\n");
        for (qint64 i = 0; i < DeferredRollups::MinRows + 10; ++i)
            file.write(QStringLiteral("bulk%1,%2,bulk%1@example.com\n").arg(i).arg(i % 700 + 1).toUtf8());
    }
    auto report = BatchImporter(*m_db).importFile(ImportKind::Legacy, legacy, false);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(report->applied);
    QCOMPARE(report->transactions, DeferredRollups::MinRows + 10);
    compareAll(QStringLiteral("bulk legacy import"));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(kept());
    // And the trigger works again: an award after them is in the rollups.
    TestBackend::award(*m_db, randomUser(), 77, QStringLiteral("after-bulk"));
    compareAll(QStringLiteral("an award after the bulk writes"));
}

void TestChartRollups::sealingFoldsTheLogIn()
{
    // A bulk adjustment of FoldAfter rows (an event each): with nothing of capture's waiting, the
    // live desk's seal still folds the log into PostgreSQL's rollups; then a change by plain SQL,
    // sealed (and nothing left to fold). The charts stay exact either way.
    const QString adjust = m_files.filePath(QStringLiteral("adjust-many.csv"));
    {
        QFile file(adjust);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("userId,amount,reason\n");
        for (qint64 i = 0; i < LoggedRollups::FoldAfter; ++i)
            file.write(QStringLiteral("extra%1,%2,bonus\n").arg(i % 4).arg(i % 50 + 1).toUtf8());
    }
    auto report = BatchImporter(*m_db).importFile(ImportKind::Adjust, adjust, false);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(report->applied);
    const QString behind = QStringLiteral("SELECT (SELECT max(seq) FROM %1) - (SELECT seq FROM %2)")
                               .arg(m_db->dialect().ownTable(QStringLiteral("audit_event")), RollupDdl::stateTable());
    if (TestBackend::isPostgres()) {
        // A fold never waits: while a build (or another fold) holds the lock the seal goes on,
        // folding nothing.
        QString why;
        auto other = TestBackend::openInitialized(*m_spec, &why);
        QVERIFY2(other, qPrintable(why));
        const Status held = other->writeTransaction([&]() -> Status {
            if (const Status s
                = other->execute(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(AdvisoryLocks::RollupFold));
                !s)
                return s;
            auto sealed = CaptureSealer(*m_db).sealWaiting();
            return sealed ? Status() : Status(sealed.error());
        });
        QVERIFY2(held, qPrintable(held ? QString() : held.error().message));
        QVERIFY(scalar(behind).toLongLong() >= LoggedRollups::FoldAfter);
    }
    for (const bool written : {false, true}) {
        if (written)
            QVERIFY(m_db->execute(QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = \"amount\" + 1 WHERE \"id\" = "
                                                 "(SELECT min(\"id\") FROM \"UserXP\")")));
        auto sealed = CaptureSealer(*m_db).sealWaiting();
        QVERIFY2(sealed, qPrintable(sealed ? QString() : sealed.error().message));
        QCOMPARE(*sealed > 0, written && TestBackend::isPostgres());
        if (TestBackend::isPostgres())
            QCOMPARE(scalar(behind).toLongLong(), written ? *sealed : 0);
        compareAll(written ? QStringLiteral("a change sealed") : QStringLiteral("the log folded in"));
        if (QTest::currentTestFailed())
            return;
    }
}

int main(int argc, char *argv[])
{
    // Half an hour off UTC, with daylight saving: read by Qt and the C library from here on.
    qputenv("TZ", "Australia/Adelaide");
    tzset();
    QCoreApplication app(argc, argv);
    TestChartRollups test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestChartRollups.moc"
