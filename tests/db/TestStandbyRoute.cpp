#include "core/session/StandbyRoute.h"

#include <QTest>

// What a standby's figures are of, when the standby alone cannot tell: it knows the commit time
// of the last change it replayed, not since when it has had nothing newer to replay.
class TestStandbyRoute : public QObject
{
    Q_OBJECT

private slots:
    void quietPrimaryThenOneWrite();
    void replayMovedOn();
    void neverSeenCaughtUp();

private:
    static Standby::Replay replay(bool caughtUp, const QString &position, const QDateTime &asOf, qint64 lagMs)
    {
        Standby::Replay r;
        r.caughtUp = caughtUp;
        r.replayedPosition = position;
        r.asOf = asOf;
        r.lagMs = lagMs;
        return r;
    }
    const QDateTime lastCommit = QDateTime(QDate(2026, 12, 6), QTime(9, 0), Qt::UTC);
    const QDateTime caughtUpAt = QDateTime(QDate(2026, 12, 6), QTime(10, 0, 5), Qt::UTC);
};

void TestStandbyRoute::quietPrimaryThenOneWrite()
{
    // Caught up at 10:00:05; the primary then writes, and 7 s later the standby has still not
    // replayed it. Its figures are those of 10:00:05, 7 s behind, not an hour behind.
    StandbyRoute route(ConnectionSpec{});
    const Standby::Replay seen = route.settle(replay(true, QStringLiteral("0/3000100"), caughtUpAt, 0));
    QVERIFY(seen.caughtUp);
    QCOMPARE(seen.asOf, caughtUpAt);
    const QDateTime now = caughtUpAt.addSecs(7);
    const Standby::Replay behind
        = route.settle(replay(false, QStringLiteral("0/3000100"), lastCommit, lastCommit.msecsTo(now)));
    QCOMPARE(behind.asOf, caughtUpAt);
    QCOMPARE(behind.lagMs, 7000);
}

void TestStandbyRoute::replayMovedOn()
{
    // Once it replayed something newer, its own answer is the truth again.
    StandbyRoute route(ConnectionSpec{});
    route.settle(replay(true, QStringLiteral("0/3000100"), caughtUpAt, 0));
    const QDateTime applied = caughtUpAt.addSecs(20);
    const Standby::Replay behind = route.settle(replay(false, QStringLiteral("0/3000200"), applied, 4000));
    QCOMPARE(behind.asOf, applied);
    QCOMPARE(behind.lagMs, 4000);
}

void TestStandbyRoute::neverSeenCaughtUp()
{
    StandbyRoute route(ConnectionSpec{});
    const Standby::Replay behind = route.settle(replay(false, QStringLiteral("0/3000100"), lastCommit, 3600000));
    QCOMPARE(behind.asOf, lastCommit);
    QCOMPARE(behind.lagMs, 3600000);
}

QTEST_GUILESS_MAIN(TestStandbyRoute)
#include "TestStandbyRoute.moc"
