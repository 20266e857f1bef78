#include "tests/support/TestBackend.h"
#include "tests/support/TestScale.h"

#include "core/domain/Timestamp.h"
#include "core/history/TotalsQuery.h"
#include "core/ledger/Ledger.h"
#include "core/statement/LedgerDiff.h"
#include "core/statement/StatementQuery.h"
#include "core/users/Users.h"

#include <QMap>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

// A random history of 10,000 operations (a quarter under the sanitizers: TestScale): awards,
// adjustments, rollbacks, restores, deletes by source, with the users' sums copied at moments
// along the way. The difference between any two moments reconciles user by user (before + added -
// removed = after), its before and after are the sums copied at those moments, the chain of the
// events in between is intact, and each user's statement between them adds up to the same figures.
class TestDiffRandom final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void differencesReconcile();
    void statementsAddUp();

private:
    struct Moment
    {
        QDateTime at;
        QMap<QString, qint64> sums;
    };
    void mark();

    std::unique_ptr<Database> m_db;
    QList<Moment> m_moments;
    QStringList m_users;
};

void TestDiffRandom::mark()
{
    Moment moment;
    moment.at = Timestamp::now();
    auto rows = m_db->run(QStringLiteral("SELECT \"userId\", SUM(\"amount\") FROM \"UserXP\" GROUP BY \"userId\""));
    QVERIFY(rows);
    while (rows->next())
        moment.sums.insert(rows->text(0), rows->integer(1));
    m_moments << moment;
    // The next operation's events fall after this moment.
    QThread::msleep(2);
}

void TestDiffRandom::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    Users users(*m_db);
    for (int i = 0; i < 20; ++i) {
        m_users << QStringLiteral("user-%1").arg(i);
        QVERIFY(
            users.add(m_users.constLast(), QStringLiteral("u%1@example.com").arg(i), QStringLiteral("User %1").arg(i)));
    }
    QRandomGenerator random(22);
    Ledger ledger(*m_db);
    QStringList present;
    QStringList removed;
    constexpr int Operations = TestScale::of(10000);
    constexpr int MarkEvery = Operations / 20;
    mark();
    for (int op = 0; op < Operations; ++op) {
        const int kind = random.bounded(100);
        const QString user = m_users.at(random.bounded(m_users.size()));
        if (kind < 55 || present.isEmpty()) {
            AwardRequest request;
            request.userId = user;
            request.amount = random.bounded(1, 200);
            request.sourceId = QStringLiteral("s%1").arg(random.bounded(300));
            request.description = QStringLiteral("Award %1").arg(op);
            auto done = ledger.award(request);
            QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
            present << done->rows.constFirst().id;
        } else if (kind < 70) {
            auto done = ledger.adjust(user, random.bounded(-150, 150) | 1, QStringLiteral("Adjustment %1").arg(op));
            QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
            present << done->rows.constFirst().id;
        } else if (kind < 85) {
            const QString id = present.takeAt(random.bounded(present.size()));
            QVERIFY(ledger.rollback({id}, QStringLiteral("Rollback %1").arg(op)));
            removed << id;
        } else if (kind < 95 && !removed.isEmpty()) {
            const QString id = removed.takeAt(random.bounded(removed.size()));
            QVERIFY(ledger.restore({id}, QStringLiteral("Restore %1").arg(op)));
            present << id;
        } else {
            auto done
                = ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("s%1").arg(random.bounded(300)),
                                      QStringLiteral("Source deleted %1").arg(op));
            if (!done)
                continue; // a source with no rows left
            for (const XpTransaction &row : std::as_const(done->rows)) {
                present.removeOne(row.id);
                removed << row.id;
            }
        }
        if (op % MarkEvery == MarkEvery - 1)
            mark();
    }
    QCOMPARE(m_moments.size(), 21);
}

void TestDiffRandom::cleanupTestCase()
{
    m_db.reset();
}

void TestDiffRandom::differencesReconcile()
{
    LedgerDiffQuery query(*m_db);
    QRandomGenerator random(7);
    for (int pair = 0; pair < 12; ++pair) {
        const qsizetype i = random.bounded(m_moments.size() - 1);
        const qsizetype j = random.bounded(i + 1, m_moments.size());
        const Moment &before = m_moments.at(i);
        const Moment &after = m_moments.at(j);
        auto diff = query.read(before.at, after.at);
        QVERIFY2(diff, qPrintable(diff ? QString() : diff.error().message));
        QVERIFY(!diff->brokenSeq);
        QVERIFY(diff->eventsChecked > 0);
        QVERIFY(diff->reconciles());
        QMap<QString, qint64> changed;
        for (const DiffUser &user : std::as_const(diff->users)) {
            QCOMPARE(user.before, before.sums.value(user.userId));
            QCOMPARE(user.after, after.sums.value(user.userId));
            changed.insert(user.userId, user.after - user.before);
        }
        // A user the difference leaves out did not change.
        for (const QString &user : std::as_const(m_users))
            if (!changed.contains(user))
                QCOMPARE(after.sums.value(user), before.sums.value(user));
    }
}

void TestDiffRandom::statementsAddUp()
{
    StatementQuery query(*m_db);
    for (const QString &user : m_users.mid(0, 5)) {
        auto s = query.read(user, m_moments.at(3).at.addMSecs(1), m_moments.at(17).at.addMSecs(1));
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        QCOMPARE(s->opening, m_moments.at(3).sums.value(user));
        QCOMPARE(s->closing, m_moments.at(17).sums.value(user));
        QVERIFY(s->reconciles());
        auto all = query.read(user, {}, {});
        QVERIFY(all);
        QCOMPARE(all->closing, *all->cachedTotal);
        QCOMPARE(all->closing, m_moments.constLast().sums.value(user));
    }
}

QTEST_GUILESS_MAIN(TestDiffRandom)
#include "TestDiffRandom.moc"
