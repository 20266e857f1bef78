#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/preview/EffectQuery.h"
#include "core/preview/RemovedQuery.h"
#include "core/preview/SourceQuery.h"
#include "core/session/DatabaseWorker.h"
#include "core/users/Users.h"
#include "models/RemovedModel.h"
#include "models/TransactionListModel.h"
#include "models/UserEffectModel.h"
#include "tests/support/TestBackend.h"

#include <QAbstractItemModelTester>
#include <QTest>

// The core side of the action dialogs: what a delete-source would remove, the effect of a
// rollback per user, and which rolled-back transactions can be restored; checked against SQL.
class TestActionQueries final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sourcePreviewCoversEveryUser();
    void effectOfRemovingCountsWhatIsGone();
    void effectOfRestoringFindsWhatIsBackAndWhoIsGone();
    void removedQueryListsEachRowOnceWhileItIsOut();
    void removedQueryFiltersByUserAndPages();
    void removedModelPagesThroughEveryRemoval();
    void listModelsPassTheModelTester();

private:
    XpTransaction award(const QString &userId, int amount, const QString &sourceId);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
};

void TestActionQueries::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    for (const QString &id : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")})
        QVERIFY(Users(*m_db).add(id, id + QStringLiteral("@example.com"), id.toUpper()).ok());
}

void TestActionQueries::cleanup()
{
    m_db.reset();
}

XpTransaction TestActionQueries::award(const QString &userId, int amount, const QString &sourceId)
{
    auto change = Ledger(*m_db).award({userId, amount, SourceType::UserProblemAttempt, sourceId,
                                       QStringLiteral("Correct answer"), Category::CorrectAnswer});
    return change ? change->rows.first() : XpTransaction();
}

void TestActionQueries::sourcePreviewCoversEveryUser()
{
    award(QStringLiteral("alice"), 100, QStringLiteral("other"));
    award(QStringLiteral("carol"), 30, QStringLiteral("attempt-7"));
    award(QStringLiteral("alice"), 10, QStringLiteral("attempt-7"));
    award(QStringLiteral("bob"), 20, QStringLiteral("attempt-7"));
    award(QStringLiteral("bob"), 5, QStringLiteral("attempt-7"));

    auto preview = SourceQuery(*m_db).preview(SourceType::UserProblemAttempt, QStringLiteral("attempt-7"));
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().message));
    QCOMPARE(preview->transactions, 4);
    QCOMPARE(preview->users, 3);
    QCOMPARE(preview->total, 65);
    QCOMPARE(preview->rows.size(), 4);
    QCOMPARE(preview->rows.first().userId, QStringLiteral("alice"));
    QCOMPARE(preview->effects.size(), 3);
    QCOMPARE(preview->effects.at(0).userId, QStringLiteral("alice"));
    QCOMPARE(preview->effects.at(0).currentTotal, 110);
    QCOMPARE(preview->effects.at(0).change, -10);
    QCOMPARE(preview->effects.at(0).resultingTotal(), 100);
    QCOMPARE(preview->effects.at(1).transactions, 2);
    QCOMPARE(preview->effects.at(1).change, -25);
    QCOMPARE(preview->effects.at(1).email, QStringLiteral("bob@example.com"));

    // Capped lists, full counts.
    auto capped = SourceQuery(*m_db).preview(SourceType::UserProblemAttempt, QStringLiteral("attempt-7"), 2);
    QVERIFY(capped);
    QCOMPARE(capped->transactions, 4);
    QCOMPARE(capped->rows.size(), 2);
    QCOMPARE(capped->effects.size(), 2);

    // Another type with the same id is another source.
    auto none = SourceQuery(*m_db).preview(SourceType::DailyStreak, QStringLiteral("attempt-7"));
    QVERIFY(none);
    QCOMPARE(none->transactions, 0);
    QVERIFY(none->rows.isEmpty() && none->effects.isEmpty());
}

void TestActionQueries::effectOfRemovingCountsWhatIsGone()
{
    const XpTransaction a = award(QStringLiteral("alice"), 100, QStringLiteral("s1"));
    const XpTransaction b = award(QStringLiteral("alice"), -30, QStringLiteral("s2"));
    const XpTransaction c = award(QStringLiteral("bob"), 40, QStringLiteral("s3"));
    QVERIFY(Ledger(*m_db).rollback({c.id}, QStringLiteral("gone already")).ok());

    // More ids than one bound chunk holds.
    QStringList ids{a.id, b.id, c.id, QStringLiteral("nope")};
    for (int i = 0; i < 150; ++i)
        ids << QStringLiteral("missing-%1").arg(i);
    auto removal = EffectQuery(*m_db).ofRemoving(ids);
    QVERIFY2(removal, qPrintable(removal ? QString() : removal.error().message));
    QCOMPARE(removal->found, 2);
    QCOMPARE(removal->missing, 152);
    QCOMPARE(removal->users.size(), 1);
    QCOMPARE(removal->users.first().userId, QStringLiteral("alice"));
    QCOMPARE(removal->users.first().currentTotal, 70);
    QCOMPARE(removal->users.first().change, -70);
    QCOMPARE(removal->users.first().name, QStringLiteral("ALICE"));

    auto totals = EffectQuery(*m_db).withCurrentTotals({UserEffect{QStringLiteral("bob"), {}, {}, 1, 0, 40}});
    QVERIFY(totals);
    QCOMPARE(totals->first().currentTotal, 0);
    QCOMPARE(totals->first().resultingTotal(), 40);
    QVERIFY(totals->first().exists);
}

void TestActionQueries::effectOfRestoringFindsWhatIsBackAndWhoIsGone()
{
    const XpTransaction a = award(QStringLiteral("alice"), 100, QStringLiteral("s1"));
    const XpTransaction b = award(QStringLiteral("carol"), 5, QStringLiteral("s2"));
    Ledger ledger(*m_db);
    QVERIFY(ledger.rollback({a.id, b.id}, QStringLiteral("duplicates")).ok());
    QVERIFY(ledger.restore({a.id}, QStringLiteral("not a duplicate")).ok());
    // Carol has nothing left and leaves.
    QVERIFY(m_db->run(QStringLiteral("DELETE FROM \"User\" WHERE \"id\" = 'carol'")));

    QStringList ids{a.id, b.id};
    for (int i = 0; i < 150; ++i)
        ids << QStringLiteral("never-%1").arg(i);
    auto restoral = EffectQuery(*m_db).ofRestoring(
        {UserEffect{QStringLiteral("carol"), {}, {}, 1, 0, 5}, UserEffect{QStringLiteral("alice"), {}, {}, 1, 0, 100}},
        ids);
    QVERIFY2(restoral, qPrintable(restoral ? QString() : restoral.error().message));
    QCOMPARE(restoral->present, QStringList{a.id});
    QCOMPARE(restoral->users.size(), 2);
    QCOMPARE(restoral->users.at(0).userId, QStringLiteral("alice"));
    QVERIFY(restoral->users.at(0).exists);
    QCOMPARE(restoral->users.at(0).currentTotal, 100);
    QCOMPARE(restoral->users.at(1).userId, QStringLiteral("carol"));
    QVERIFY(!restoral->users.at(1).exists);
}

void TestActionQueries::removedQueryListsEachRowOnceWhileItIsOut()
{
    const XpTransaction a = award(QStringLiteral("alice"), 100, QStringLiteral("s1"));
    const XpTransaction b = award(QStringLiteral("alice"), 200, QStringLiteral("s2"));
    const XpTransaction c = award(QStringLiteral("bob"), 300, QStringLiteral("s3"));
    Ledger ledger(*m_db);
    QVERIFY(ledger.rollback({a.id}, QStringLiteral("first")).ok());
    QVERIFY(ledger.restore({a.id}, QStringLiteral("back")).ok());
    QVERIFY(ledger.rollback({a.id}, QStringLiteral("second")).ok()); // out again: listed once, latest reason
    QVERIFY(ledger.rollback({b.id}, QStringLiteral("b out")).ok());
    QVERIFY(ledger.restore({b.id}, QStringLiteral("b back")).ok()); // back: not listed
    QVERIFY(ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("s3"), QStringLiteral("s3 gone")).ok());

    auto removed = RemovedQuery(*m_db).page({}, std::nullopt, 50);
    QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
    QCOMPARE(removed->size(), 2);
    QCOMPARE(removed->at(0).row.id, c.id); // newest removal first
    QCOMPARE(removed->at(0).action, QStringLiteral("delete-source"));
    QCOMPARE(removed->at(0).row.amount, 300);
    QCOMPARE(removed->at(1).row.id, a.id);
    QCOMPARE(removed->at(1).removalReason, QStringLiteral("second"));
    QCOMPARE(removed->at(1).operatorName, QStringLiteral("tester"));
    QCOMPARE(removed->at(1).row.createdAt, a.createdAt);
    QVERIFY(removed->at(0).seq > removed->at(1).seq);
    // Each is restorable: the ledger agrees.
    QVERIFY(ledger.restore({a.id, c.id}, QStringLiteral("all back")).ok());
    auto after = RemovedQuery(*m_db).page({}, std::nullopt, 50);
    QVERIFY(after);
    QVERIFY(after->isEmpty());
}

void TestActionQueries::removedQueryFiltersByUserAndPages()
{
    QStringList aliceIds;
    for (int i = 0; i < 5; ++i) {
        aliceIds << award(QStringLiteral("alice"), 10 + i, QStringLiteral("a%1").arg(i)).id;
        QVERIFY(Ledger(*m_db).rollback({aliceIds.last()}, QStringLiteral("r%1").arg(i)).ok());
    }
    const XpTransaction bob = award(QStringLiteral("bob"), 7, QStringLiteral("b"));
    QVERIFY(Ledger(*m_db).rollback({bob.id}, QStringLiteral("bob")).ok());

    auto first = RemovedQuery(*m_db).page(QStringLiteral("alice"), std::nullopt, 3);
    QVERIFY(first);
    QCOMPARE(first->size(), 3);
    QCOMPARE(first->at(0).row.id, aliceIds.at(4));
    auto second = RemovedQuery(*m_db).page(QStringLiteral("alice"), first->last().seq, 3);
    QVERIFY(second);
    QCOMPARE(second->size(), 2);
    QCOMPARE(second->at(0).row.id, aliceIds.at(1));
    QCOMPARE(second->at(1).row.id, aliceIds.at(0));
    auto bobs = RemovedQuery(*m_db).page(QStringLiteral("bob"), std::nullopt, 3);
    QVERIFY(bobs);
    QCOMPARE(bobs->size(), 1);
    QCOMPARE(bobs->first().row.userId, QStringLiteral("bob"));
}

void TestActionQueries::removedModelPagesThroughEveryRemoval()
{
    DemoOptions options;
    options.users = 5;
    options.transactions = 300;
    options.days = 10;
    QVERIFY(DemoGenerator(*m_db).generate(options).ok());
    QStringList ids;
    {
        auto rows = m_db->run(QStringLiteral("SELECT \"id\" FROM \"UserXP\" ORDER BY \"id\" LIMIT 250"));
        QVERIFY(rows);
        while (rows->next())
            ids << rows->text(0);
    }
    QCOMPARE(ids.size(), 250);
    QVERIFY(Ledger(*m_db).rollback(ids, QStringLiteral("bulk")).ok());
    const QString newest = TestBackend::scalar(*m_db,
                                               QStringLiteral("SELECT xp_id FROM %1 WHERE action = 'rollback' "
                                                              "ORDER BY seq DESC LIMIT 1")
                                                   .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                               .toString();
    const QString oldest = TestBackend::scalar(*m_db,
                                               QStringLiteral("SELECT xp_id FROM %1 WHERE action = 'rollback' "
                                                              "ORDER BY seq LIMIT 1")
                                                   .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                               .toString();

    DatabaseWorker worker(*m_spec, QStringLiteral("tester"));
    RemovedModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QTRY_COMPARE(model.rowCount(), RemovedModel::PageSize);
    QTRY_VERIFY(model.canFetchMore({}));
    QCOMPARE(model.index(0, 0).data(RemovedModel::IdRole).toString(), newest);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 250);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.index(249, 0).data(RemovedModel::IdRole).toString(), oldest);
    QCOMPARE(model.index(249, RemovedModel::RemovalReason).data().toString(), QStringLiteral("bulk"));

    // A filter starts again; the page asked for just before it arrives first and is dropped.
    model.reload();
    QVERIFY(model.isLoading());
    model.setUserFilter(QStringLiteral("nobody"));
    QTRY_VERIFY(!model.isLoading());
    QTRY_COMPARE(worker.pendingJobs(), 0);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

void TestActionQueries::listModelsPassTheModelTester()
{
    const XpTransaction a = award(QStringLiteral("alice"), 100, QStringLiteral("s1"));
    const XpTransaction b = award(QStringLiteral("bob"), -30, QStringLiteral("s2"));
    TransactionListModel rows;
    QAbstractItemModelTester rowTester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    rows.setTransactions({a, b});
    QCOMPARE(rows.rowCount(), 2);
    QCOMPARE(rows.columnCount(), int(TransactionListModel::ColumnCount));
    QCOMPARE(rows.index(0, TransactionListModel::Amount).data().toString(), QStringLiteral("+100"));
    QCOMPARE(rows.index(1, TransactionListModel::Amount).data(TransactionListModel::RawValueRole).toLongLong(), -30);
    QCOMPARE(rows.index(1, TransactionListModel::Source).data().toString(), QStringLiteral("Problem attempt s2"));
    // Readable words on screen; the code stays the raw value.
    QCOMPARE(rows.index(1, TransactionListModel::Category).data().toString(), QStringLiteral("Correct answer"));
    QCOMPARE(rows.index(1, TransactionListModel::Category).data(TransactionListModel::RawValueRole).toString(),
             QStringLiteral("CORRECT_ANSWER"));
    QCOMPARE(rows.index(1, TransactionListModel::Description).data(TransactionListModel::IdRole).toString(), b.id);
    rows.setTransactions({});
    QCOMPARE(rows.rowCount(), 0);

    UserEffectModel effects;
    QAbstractItemModelTester effectTester(&effects, QAbstractItemModelTester::FailureReportingMode::QtTest);
    effects.setEffects({UserEffect{QStringLiteral("alice"), QStringLiteral("alice@example.com"), {}, 1, 10, -40},
                        UserEffect{QStringLiteral("bob"), {}, QStringLiteral("Bob"), 2, 2147483600, 100}});
    QCOMPARE(effects.rowCount(), 2);
    QCOMPARE(effects.negativeCount(), 1);
    QCOMPARE(effects.overflowCount(), 1);
    QCOMPARE(effects.index(0, UserEffectModel::User).data().toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(effects.index(1, UserEffectModel::User).data().toString(), QStringLiteral("Bob"));
    QCOMPARE(effects.index(0, UserEffectModel::ResultingTotal).data(UserEffectModel::RawValueRole).toLongLong(), -30);
}

QTEST_GUILESS_MAIN(TestActionQueries)
#include "TestActionQueries.moc"
