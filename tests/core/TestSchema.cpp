#include "tests/support/TestBackend.h"

#include "core/approval/ApprovalQueue.h"
#include "core/controls/ControlsReport.h"
#include "core/db/Schema.h"
#include "core/ledger/Ledger.h"
#include "core/periods/Periods.h"
#include "core/reasons/ReasonCodes.h"
#include "core/users/Users.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

// XP Admin's own tables are versioned and migrated forward in one transaction.
class TestSchema final : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseIsCurrent();
    void olderVersionIsMigratedKeepingData();
    void olderLedgerIsReadAsItIs();
    void newerVersionIsRefused();
    void ensureTwiceChangesNothing();
    void supersededIndexIsReplaced();

private:
    bool hasIndex(Database &db, const QString &name);
};

bool TestSchema::hasIndex(Database &db, const QString &name)
{
    return db.dialect().isPostgres()
        ? TestBackend::scalar(db,
                              QStringLiteral("SELECT count(*) FROM pg_indexes WHERE schemaname = 'xpadmin' AND "
                                             "indexname = :n"),
                              {{QStringLiteral(":n"), name}})
                .toLongLong()
            == 1
        : TestBackend::scalar(db,
                              QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :n"),
                              {{QStringLiteral(":n"), QString(QStringLiteral("xpadmin_") + name)}})
                .toLongLong()
            == 1;
}

void TestSchema::freshDatabaseIsCurrent()
{
    XP_OPEN_FRESH_DB(spec, db);
    auto state = Schema::inspect(*db);
    QVERIFY(state);
    QCOMPARE(state->version, Schema::CurrentVersion);
    QVERIFY(state->ledgerExists);
    QVERIFY(state->ownsLedger);
    QVERIFY(state->missingIndexes.isEmpty());
    QVERIFY(hasIndex(*db, QStringLiteral("audit_event_action_idx")));
    QVERIFY(hasIndex(*db, QStringLiteral("audit_event_at_idx")));
}

void TestSchema::olderVersionIsMigratedKeepingData()
{
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(Users(*db).add(QStringLiteral("u"), QStringLiteral("u@example.com"), {}));
    QVERIFY(Ledger(*db).award({QStringLiteral("u"), 10, SourceType::DailyStreak, QStringLiteral("s"),
                               QStringLiteral("streak"), Category::StreakBonus}));
    // Put the database back to version 1 as an older XP Admin left it.
    const QString prefix = db->dialect().isPostgres() ? QStringLiteral("xpadmin.") : QStringLiteral("xpadmin_");
    QVERIFY(db->execute(QStringLiteral("DROP INDEX %1audit_event_action_idx").arg(prefix)));
    QVERIFY(db->execute(QStringLiteral("DROP INDEX %1audit_event_at_idx").arg(prefix)));
    QVERIFY(db->execute(QStringLiteral("DROP TABLE %1").arg(db->dialect().ownTable(QStringLiteral("import_batch")))));
    QVERIFY(db->run(QStringLiteral("UPDATE %1 SET value = '1' WHERE key = 'schema_version'")
                        .arg(db->dialect().ownTable(QStringLiteral("meta")))));
    QCOMPARE(Schema::inspect(*db)->version, 1);

    auto state = Schema::ensure(*db);
    QVERIFY2(state, qPrintable(state ? QString() : state.error().message));
    QCOMPARE(state->version, Schema::CurrentVersion);
    QVERIFY(hasIndex(*db, QStringLiteral("audit_event_action_idx")));
    QVERIFY(hasIndex(*db, QStringLiteral("audit_event_at_idx")));
    QCOMPARE(
        TestBackend::scalar(
            *db, QStringLiteral("SELECT count(*) FROM %1").arg(db->dialect().ownTable(QStringLiteral("import_batch"))))
            .toLongLong(),
        0);
    QCOMPARE(TestBackend::scalar(*db, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong(), 1);
    QCOMPARE(
        TestBackend::scalar(
            *db, QStringLiteral("SELECT count(*) FROM %1").arg(db->dialect().ownTable(QStringLiteral("audit_event"))))
            .toLongLong(),
        2);
}

// A ledger of version 4 (before reason codes, closed periods and limits), read without being
// migrated: SQLite answers every read as the ledger is (nothing of those was ever in it) and the
// file stays as it was; PostgreSQL reads what is there and, for what is missing, says how to bring
// the tables up to date.
void TestSchema::olderLedgerIsReadAsItIs()
{
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(Users(*db).add(QStringLiteral("u"), QStringLiteral("u@example.com"), {}));
    QVERIFY(Ledger(*db).award({QStringLiteral("u"), 10, SourceType::DailyStreak, QStringLiteral("s"),
                               QStringLiteral("streak"), Category::StreakBonus}));
    const Dialect &d = db->dialect();
    const bool pg = d.isPostgres();
    const QString prefix = pg ? QStringLiteral("xpadmin.") : QStringLiteral("xpadmin_");
    for (const QString &index :
         {QStringLiteral("pending_adjustment_xp_idx"), QStringLiteral("pending_adjustment_requested_idx"),
          QStringLiteral("xp_reason_code_idx")})
        QVERIFY(db->execute(QStringLiteral("DROP INDEX %1%2").arg(prefix, index)));
    for (const QString &table :
         {QStringLiteral("xp_reason"), QStringLiteral("reason_code"), QStringLiteral("reason_setting"),
          QStringLiteral("period_total"), QStringLiteral("period"), QStringLiteral("adjust_limit")})
        QVERIFY2(db->execute(QStringLiteral("DROP TABLE %1").arg(d.ownTable(table))), qPrintable(table));
    for (const QString &column : {QStringLiteral("reason_code"), QStringLiteral("ticket"), QStringLiteral("held_for")})
        QVERIFY(db->execute(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2")
                                .arg(d.ownTable(QStringLiteral("pending_adjustment")), column)));
    QVERIFY(db->run(QStringLiteral("UPDATE %1 SET value = '4' WHERE key = 'schema_version'")
                        .arg(d.ownTable(QStringLiteral("meta")))));
    db.reset();
    const auto fileHash = [&spec] {
        QFile file(spec.path);
        return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                              : QByteArray();
    };
    const QByteArray before = pg ? QByteArray() : fileHash();

    auto opened = Database::open(spec, QStringLiteral("auditor"), Database::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    Database &ro = **opened;
    QVERIFY(Schema::requireReady(ro));
    QCOMPARE(Schema::inspect(ro)->version, 4);
    QCOMPARE(TestBackend::scalar(ro, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong(), 1);
    auto periods = Periods(ro).list();
    if (pg) {
        QVERIFY(!periods);
        QVERIFY2(periods.error().message.contains(QStringLiteral("schema version 4"))
                     && periods.error().message.contains(QStringLiteral("xpadmin-cli init")),
                 qPrintable(periods.error().message));
        return;
    }
    QVERIFY2(periods, qPrintable(periods ? QString() : periods.error().message));
    QVERIFY(periods->isEmpty());
    auto catalog = ReasonCodes(ro).catalog();
    QVERIFY2(catalog, qPrintable(catalog ? QString() : catalog.error().message));
    QVERIFY(catalog->codes.isEmpty());
    auto pending = ApprovalQueue(ro).list();
    QVERIFY2(pending, qPrintable(pending ? QString() : pending.error().message));
    auto report = ControlsReport(ro).read({}, {});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(report->periods.isEmpty() && report->reasons.isEmpty());
    opened->reset();
    QCOMPARE(fileHash(), before);
}

void TestSchema::supersededIndexIsReplaced()
{
    // A ledger made by an earlier version has the index on ("userId", "createdAt"); opening it
    // gives the covering one that replaced it and drops the old, and the data stays.
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(Users(*db).add(QStringLiteral("u"), QStringLiteral("u@example.com"), {}));
    QVERIFY(Ledger(*db).award({QStringLiteral("u"), 10, SourceType::DailyStreak, QStringLiteral("s"),
                               QStringLiteral("streak"), Category::StreakBonus}));
    QVERIFY(db->execute(QStringLiteral("DROP INDEX \"UserXP_userId_createdAt_amount_idx\"")));
    QVERIFY(db->execute(
        QStringLiteral("CREATE INDEX \"UserXP_userId_createdAt_idx\" ON \"UserXP\"(\"userId\", \"createdAt\")")));
    QCOMPARE(Schema::inspect(*db)->missingIndexes, QStringList{QStringLiteral("UserXP_userId_createdAt_amount_idx")});

    auto state = Schema::ensure(*db);
    QVERIFY2(state, qPrintable(state ? QString() : state.error().message));
    QVERIFY(state->missingIndexes.isEmpty());
    const QString count = db->dialect().isPostgres()
        ? QStringLiteral("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname = :n")
        : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :n");
    QCOMPARE(TestBackend::scalar(*db, count, {{QStringLiteral(":n"), QStringLiteral("UserXP_userId_createdAt_idx")}})
                 .toLongLong(),
             0);
    QCOMPARE(
        TestBackend::scalar(*db, count, {{QStringLiteral(":n"), QStringLiteral("UserXP_userId_createdAt_amount_idx")}})
            .toLongLong(),
        1);
    QCOMPARE(TestBackend::scalar(*db, QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")).toLongLong(), 10);
}

void TestSchema::newerVersionIsRefused()
{
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(db->run(QStringLiteral("UPDATE %1 SET value = '99' WHERE key = 'schema_version'")
                        .arg(db->dialect().ownTable(QStringLiteral("meta")))));
    auto state = Schema::ensure(*db);
    QVERIFY(!state);
    QVERIFY2(state.error().message.contains(QStringLiteral("newer XP Admin")), qPrintable(state.error().message));
    const Status ready = Schema::requireReady(*db);
    QVERIFY(!ready);
}

void TestSchema::ensureTwiceChangesNothing()
{
    XP_OPEN_FRESH_DB(spec, db);
    const QString before = TestBackend::scalar(*db,
                                               QStringLiteral("SELECT value FROM %1 WHERE key = 'created_at'")
                                                   .arg(db->dialect().ownTable(QStringLiteral("meta"))))
                               .toString();
    QVERIFY(!before.isEmpty());
    QVERIFY(Schema::ensure(*db));
    QCOMPARE(TestBackend::scalar(*db,
                                 QStringLiteral("SELECT value FROM %1 WHERE key = 'created_at'")
                                     .arg(db->dialect().ownTable(QStringLiteral("meta"))))
                 .toString(),
             before);
}

QTEST_GUILESS_MAIN(TestSchema)
#include "TestSchema.moc"
