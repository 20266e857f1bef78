// The top users of a range read from a few candidates that the users' gains bound
// (core/charts/BoundedTopUsers) must be exactly the plain GROUP BY "userId" of the range's rows,
// ties ordered by id as the database orders them, whatever the range's edges, after writes XP
// Admin did not make (on PostgreSQL: capture's records not sealed yet, which the rollups do not
// hold), and with negative amounts. With few users a period read at a time the bound must settle
// before every user is summed, and with too few candidates allowed there must be no answer.

#include "core/capture/CaptureInstaller.h"
#include "core/charts/BoundedTopUsers.h"
#include "core/charts/ChartQuery.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/import/DemoGenerator.h"
#include "core/users/Users.h"
#include "tests/support/TestBackend.h"

#include <QTest>

class TestBoundedTopUsers final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void theTopUsersAreThePlainSums();
    void fewCandidatesSettleALongRange();
    void aFilterOfDatesAlone();
    void changesTheRollupsDoNotHoldYetCount();

private:
    // The plain statement's top users of [since, until), "id xp transactions" each.
    QStringList plain(const QDateTime &since, const QDateTime &until, int limit);
    static QStringList lines(const QList<TopUser> &top);
    // A row written with plain SQL, as the web app would.
    void insertRow(const QString &user, qint64 amount, const QDateTime &at);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    QStringList m_users;
    QDateTime m_tie; // when the three tied users' rows are
};

void TestBoundedTopUsers::init()
{
    XP_FRESH_DATABASE(m_spec);
    QString why;
    m_db = TestBackend::openInitialized(*m_spec, &why);
    QVERIFY2(m_db, qPrintable(why));
    DemoOptions demo;
    demo.users = 300;
    demo.transactions = 6000;
    demo.days = 400;
    QVERIFY(DemoGenerator(*m_db).generate(demo));
    if (TestBackend::isPostgres()) {
        const Status installed = CaptureInstaller(*m_db).install();
        QVERIFY2(installed, qPrintable(installed ? QString() : installed.error().message));
    }
    auto users = m_db->run(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"id\""));
    QVERIFY(users);
    m_users.clear();
    while (users->next())
        m_users << users->text(0);
    // Three users tied in one second, and a user with a negative amount a month.
    m_tie = QDateTime::currentDateTimeUtc().addDays(-100);
    for (int i = 0; i < 3; ++i)
        insertRow(m_users.at(10 + i), 50000, m_tie);
    for (int i = 0; i < 5; ++i)
        insertRow(m_users.at(20), -40, m_tie.addDays(-i * 30));
}

void TestBoundedTopUsers::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

QStringList TestBoundedTopUsers::plain(const QDateTime &since, const QDateTime &until, int limit)
{
    const Dialect &d = m_db->dialect();
    auto rows = m_db->run(QStringLiteral("SELECT \"userId\", SUM(\"amount\"), count(*) FROM \"UserXP\" WHERE "
                                         "\"createdAt\" >= %1 AND \"createdAt\" < %2 GROUP BY 1 ORDER BY 2 DESC, 1 "
                                         "LIMIT :limit")
                              .arg(d.timestampParam(QStringLiteral(":from")), d.timestampParam(QStringLiteral(":to"))),
                          {{QStringLiteral(":from"), Timestamp::toSql(since)},
                           {QStringLiteral(":to"), Timestamp::toSql(until)},
                           {QStringLiteral(":limit"), limit}});
    if (!rows)
        return {rows.error().message};
    QStringList top;
    while (rows->next())
        top << QStringLiteral("%1 %2 %3").arg(rows->text(0)).arg(rows->integer(1)).arg(rows->integer(2));
    return top;
}

QStringList TestBoundedTopUsers::lines(const QList<TopUser> &top)
{
    QStringList result;
    for (const TopUser &user : top)
        result << QStringLiteral("%1 %2 %3").arg(user.userId).arg(user.xp).arg(user.transactions);
    return result;
}

void TestBoundedTopUsers::insertRow(const QString &user, qint64 amount, const QDateTime &at)
{
    const Dialect &d = m_db->dialect();
    auto done = m_db->run(
        QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                       "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES (:id, :user, :amount, %1, "
                       "'web', 'from the web app', %2, %3, %3)")
            .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":category")),
                 d.timestampParam(QStringLiteral(":at"))),
        {{QStringLiteral(":id"), Cuid::generate()},
         {QStringLiteral(":user"), user},
         {QStringLiteral(":amount"), amount},
         {QStringLiteral(":type"), QStringLiteral("MANUAL_ADJUSTMENT")},
         {QStringLiteral(":category"), QStringLiteral("MANUAL")},
         {QStringLiteral(":at"), Timestamp::toSql(at)}});
    QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
}

void TestBoundedTopUsers::theTopUsersAreThePlainSums()
{
    // Ranges whose edges fall inside UTC months and days, one inside a single month, a week, the
    // second of a tie, and one with nothing in it; a few users a period at a time, and the default.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int year = now.date().year();
    const QList<std::pair<QDateTime, QDateTime>> ranges{
        {now.addDays(-365), now.addSecs(60)},
        {now.addDays(-200).addSecs(13 * 3600 + 7), now.addDays(-20).addSecs(-5 * 3600)},
        {now.addDays(-30), now.addSecs(60)},
        {now.addDays(-103), now.addDays(-96)},
        {m_tie.addSecs(-1), m_tie.addSecs(1)},
        {now.addDays(-1), now.addSecs(60)},
        {now.addDays(-900), now.addDays(-800)},
        // This whole year (its sums from the gains' year), and whole UTC months to the minute.
        {QDateTime(QDate(year - 1, 12, 20), QTime(13, 0), Qt::UTC), QDateTime(QDate(year + 1, 1, 3), {}, Qt::UTC)},
        {QDateTime(QDate(year, 1, 1), {}, Qt::UTC), QDateTime(QDate(year, now.date().month(), 1), {}, Qt::UTC)}};
    for (const auto &[since, until] : ranges) {
        for (const int limit : {1, 2, 10}) {
            for (const int perPeriod : {1, 3, 64}) {
                BoundedTopUsers bounded(*m_db, BoundedTopUsers::Limits{perPeriod, 100000, 0});
                auto top = bounded.read(since, until, limit);
                QVERIFY2(top, qPrintable(top ? QString() : top.error().message));
                QVERIFY(top->has_value());
                QCOMPARE(lines(**top), plain(since, until, limit));
            }
        }
    }
    // A short part of the months it touches (a week across the turn of a month): no answer, the
    // daily rollup is read.
    const QDateTime turn = QDateTime(QDate(year, now.date().month(), 1), {}, Qt::UTC).addMonths(-1);
    const auto week = BoundedTopUsers(*m_db).read(turn.addDays(-4), turn.addDays(3), 5);
    QVERIFY(week && !week->has_value());
    // The three users tied in the second of their rows: the first two by id, as ORDER BY has them.
    const auto tied
        = BoundedTopUsers(*m_db, BoundedTopUsers::Limits{64, 100000, 0}).read(m_tie.addSecs(-1), m_tie.addSecs(1), 2);
    QVERIFY(tied && tied->has_value() && (*tied)->size() == 2);
    QCOMPARE((*tied)->at(0).xp, (*tied)->at(1).xp);
}

void TestBoundedTopUsers::fewCandidatesSettleALongRange()
{
    // The demo's users are a long tail: the top five of a year are settled from the periods' first
    // users, before every user with XP in the year is summed.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime since = now.addDays(-365);
    const qint64 active = TestBackend::scalar(*m_db,
                                              QStringLiteral("SELECT count(DISTINCT \"userId\") FROM \"UserXP\" WHERE "
                                                             "\"createdAt\" >= %1")
                                                  .arg(m_db->dialect().timestampParam(QStringLiteral(":from"))),
                                              {{QStringLiteral(":from"), Timestamp::toSql(since)}})
                              .toLongLong();
    BoundedTopUsers bounded(*m_db, BoundedTopUsers::Limits{4, 100000});
    auto top = bounded.read(since, now.addSecs(60), 5);
    QVERIFY(top && top->has_value());
    QCOMPARE(lines(**top), plain(since, now.addSecs(60), 5));
    QVERIFY2(bounded.candidates() < active / 2,
             qPrintable(QStringLiteral("%1 of %2 users summed").arg(bounded.candidates()).arg(active)));
    // Allowed fewer candidates than that needs: no answer, and the charts sum every user.
    BoundedTopUsers few(*m_db, BoundedTopUsers::Limits{1, 3});
    auto none = few.read(since, now.addSecs(60), 5);
    QVERIFY(none);
    QVERIFY(!none->has_value());
    ChartQuery query(*m_db);
    ChartData data;
    data.request.topUsers = 5;
    data.first = since.toLocalTime().date();
    data.last = now.toLocalTime().date();
    data.request.first = data.first;
    data.request.last = data.last;
    auto board = query.leaderboard(data);
    QVERIFY(board);
    QCOMPARE(lines(*board), plain(data.first.startOfDay().toUTC(), data.last.addDays(1).startOfDay().toUTC(), 5));
}

void TestBoundedTopUsers::aFilterOfDatesAlone()
{
    // `totals --by user --limit N`: either end open, or both; any other filter is not for it.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime far = now.addYears(10);
    const QDateTime longAgo = now.addYears(-10);
    for (const auto &[since, until] : {std::pair{now.addDays(-200), QDateTime()},
                                       std::pair{QDateTime(), now.addDays(-60)}, std::pair{QDateTime(), QDateTime()}}) {
        HistoryFilter filter;
        filter.since = since;
        filter.until = until;
        auto top = BoundedTopUsers::ofFilter(*m_db, filter, 10);
        QVERIFY2(top, qPrintable(top ? QString() : top.error().message));
        QVERIFY(top->has_value());
        QCOMPARE(lines(**top), plain(since.isValid() ? since : longAgo, until.isValid() ? until : far, 10));
    }
    HistoryFilter byCategory;
    byCategory.since = now.addDays(-200);
    byCategory.category = Category::Manual;
    auto none = BoundedTopUsers::ofFilter(*m_db, byCategory, 10);
    QVERIFY(none && !none->has_value());
}

void TestBoundedTopUsers::changesTheRollupsDoNotHoldYetCount()
{
    // A user near the bottom given the most XP of the year by plain SQL: on PostgreSQL a record
    // capture has not sealed (the gains do not hold it), on SQLite through the
    // triggers. Then one of the top users loses most of theirs, also by plain SQL.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime since = now.addDays(-365);
    const QStringList before = plain(since, now.addSecs(60), 3);
    QCOMPARE(before.size(), 3);
    insertRow(m_users.at(299), 900000, now.addDays(-40));
    insertRow(before.at(1).section(QLatin1Char(' '), 0, 0), -800000, now.addDays(-2));
    BoundedTopUsers bounded(*m_db, BoundedTopUsers::Limits{2, 100000});
    auto top = bounded.read(since, now.addSecs(60), 3);
    QVERIFY2(top, qPrintable(top ? QString() : top.error().message));
    QVERIFY(top->has_value());
    QCOMPARE(lines(**top), plain(since, now.addSecs(60), 3));
    QCOMPARE((**top).at(0).userId, m_users.at(299));
}

QTEST_GUILESS_MAIN(TestBoundedTopUsers)
#include "TestBoundedTopUsers.moc"
